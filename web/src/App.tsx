import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { session } from './auth/session';
import { Layout } from './components/Layout';
import { AlertsPage } from './pages/AlertsPage';
import { HarvestingPage } from './pages/HarvestingPage';
import { OverviewPage } from './pages/OverviewPage';
import { PortfolioPage } from './pages/PortfolioPage';
import { RebalancePage } from './pages/RebalancePage';
import { SettingsPage } from './pages/SettingsPage';
import { SignInPage } from './pages/SignInPage';
import { WhatIfPage } from './pages/WhatIfPage';

/** Sends to sign-in when the session ends, saying whether it expired or the user signed out. */
function useSessionRedirect(): boolean {
  const [signedIn, setSignedIn] = useState(() => session.token() !== undefined);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      session.subscribe((reason) => {
        setSignedIn(reason === 'signed-in');
        if (reason === 'signed-in') return;
        queryClient.clear();
        navigate(`/sign-in${reason === 'expired' ? '?expired=1' : ''}`, { replace: true, state: { from: location.pathname } });
      }),
    [navigate, location.pathname, queryClient],
  );
  return signedIn;
}

export function App() {
  const signedIn = useSessionRedirect();
  const location = useLocation();
  if (!signedIn && location.pathname !== '/sign-in') return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<Layout />}>
        <Route index element={<OverviewPage />} />
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
