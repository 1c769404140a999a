import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { session } from './auth/session';
import { Layout } from './components/Layout';
import { AlertsPage } from './pages/AlertsPage';
import { HarvestingPage } from './pages/HarvestingPage';
import { HouseholdPage } from './pages/HouseholdPage';
import { HouseholdsPage } from './pages/HouseholdsPage';
import { OverviewPage } from './pages/OverviewPage';
import { PortfolioPage } from './pages/PortfolioPage';
import { RebalancePage } from './pages/RebalancePage';
import { SettingsPage } from './pages/SettingsPage';
import { SignInPage } from './pages/SignInPage';
import { WhatIfPage } from './pages/WhatIfPage';

/** Whether someone is signed in, and whether the last session ended by expiring (sign-in then says so). */
function useSessionState(): { signedIn: boolean; expired: boolean } {
  const [state, setState] = useState(() => ({ signedIn: session.token() !== undefined, expired: false }));
  const queryClient = useQueryClient();
  useEffect(
    () =>
      session.subscribe((reason) => {
        // Another user's cached data must never show after a sign-out.
        if (reason !== 'signed-in') queryClient.clear();
        setState({ signedIn: reason === 'signed-in', expired: reason === 'expired' });
      }),
    [queryClient],
  );
  return state;
}

export function App() {
  const { signedIn, expired } = useSessionState();
  const location = useLocation();
  if (!signedIn && location.pathname !== '/sign-in') {
    return <Navigate to={expired ? '/sign-in?expired=1' : '/sign-in'} replace state={{ from: location.pathname }} />;
  }
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<Layout />}>
        <Route index element={<OverviewPage />} />
        <Route path="households" element={<HouseholdsPage />} />
        <Route path="households/:id" element={<HouseholdPage />} />
        <Route path="portfolios/:id" element={<PortfolioPage />} />
        <Route path="portfolios/:id/rebalance" element={<RebalancePage />} />
        <Route path="portfolios/:id/what-if" element={<WhatIfPage />} />
        <Route path="portfolios/:id/harvesting" element={<HarvestingPage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is no dashboard page at this address. Use the menu to go on.</p>
    </section>
  );
}
