import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useMatch } from 'react-router';
import { api, unwrap } from '../api/client';
import { session } from '../auth/session';
import { useCurrentPortfolio } from './current-portfolio';

/** The sidebar: every page one keyboard stop away; portfolio pages follow the portfolio last opened. */
export function Layout() {
  const match = useMatch('/portfolios/:id/*');
  const [currentId, setCurrentId] = useCurrentPortfolio();
  const location = useLocation();
  useEffect(() => {
    if (match?.params.id) setCurrentId(match.params.id);
  }, [match?.params.id, setCurrentId]);
  // After a client-side navigation, focus the new page (as a full page load would); not on the first load, where the skip link comes first.
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    if (location.pathname === firstPath.current) return;
    firstPath.current = '';
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);
  const me = useQuery({ queryKey: ['me'], queryFn: () => unwrap(api.GET('/api/v1/auth/me')) });
  const portfolioId = match?.params.id ?? currentId;
  const portfolio = useQuery({
    queryKey: ['portfolio', portfolioId],
    queryFn: () => unwrap(api.GET('/api/v1/portfolios/{id}', { params: { path: { id: portfolioId! } } })),
    enabled: portfolioId !== undefined,
  });
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Dashboard">
        <p className="brand">Rebalance</p>
        <ul>
          <li>
            <NavLink to="/" end>
              Overview
            </NavLink>
          </li>
          <li>
            <NavLink to="/households">Households</NavLink>
          </li>
          {portfolioId && (
            <li>
              <span className="nav-group">{portfolio.data?.name ?? 'Portfolio'}</span>
              <ul>
                <li>
                  <NavLink to={`/portfolios/${portfolioId}`} end>
                    Portfolio
                  </NavLink>
                </li>
                <li>
                  <NavLink to={`/portfolios/${portfolioId}/rebalance`}>Rebalance</NavLink>
                </li>
                <li>
                  <NavLink to={`/portfolios/${portfolioId}/what-if`}>What-if</NavLink>
                </li>
                <li>
                  <NavLink to={`/portfolios/${portfolioId}/harvesting`}>Tax-loss harvesting</NavLink>
                </li>
              </ul>
            </li>
          )}
          <li>
            <NavLink to="/alerts">Alerts</NavLink>
          </li>
          <li>
            <NavLink to="/settings">Settings</NavLink>
          </li>
        </ul>
        <div className="who">
          {me.data && <p>{me.data.email}</p>}
          <button type="button" onClick={() => session.signOut()}>
            Sign out
          </button>
        </div>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
