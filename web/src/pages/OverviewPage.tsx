import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, fetchAll, type Schemas, unwrap } from '../api/client';
import { Badge, StatusBadge } from '../components/badges';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorMessage, Loading } from '../components/state';
import { formatMoney, formatPercent } from '../format/decimal';

const PAGE_SIZE = 25;

type AlertLevel = Schemas['AlertLevel'] | 'NONE';
type SortKey = 'name' | 'alert' | 'openAlerts';
const LEVEL_RANK: Record<AlertLevel, number> = { CRITICAL: 0, WARNING: 1, NONE: 2 };

interface Row {
  portfolio: Schemas['PortfolioSummaryDto'];
  /** The worst level among the portfolio's unresolved alerts, which scans and price rechecks keep current. */
  level: AlertLevel;
  openAlerts: number;
}

export function usePortfolios() {
  return useQuery({
    queryKey: ['portfolios'],
    queryFn: () => fetchAll((cursor) => unwrap(api.GET('/api/v1/portfolios', { params: { query: { limit: 200, cursor } } }))),
  });
}

function useUnresolvedAlerts() {
  return useQuery({
    queryKey: ['drift-alerts', 'unresolved'],
    queryFn: async () => {
      const page = (status: Schemas['AlertStatus']) => (cursor: string | undefined) =>
        unwrap(api.GET('/api/v1/drift-alerts', { params: { query: { status, limit: 200, cursor } } }));
      const [open, acknowledged] = await Promise.all([fetchAll(page('OPEN')), fetchAll(page('ACKNOWLEDGED'))]);
      return [...open, ...acknowledged];
    },
  });
}

/**
 * Every portfolio, found, sorted and filtered in the browser (a thousand rows
 * take a few list pages), shown 25 at a time; each visible row then loads its
 * live value and drift.
 */
export function OverviewPage() {
  const portfolios = usePortfolios();
  const alerts = useUnresolvedAlerts();
  const [filter, setFilter] = useState<AlertLevel | 'ALL'>('ALL');
  const [sort, setSort] = useState<SortKey>('alert');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);

  const rows = useMemo(() => {
    if (!portfolios.data || !alerts.data) return [];
    const byPortfolio = new Map<string, { level: AlertLevel; open: number }>();
    for (const alert of alerts.data) {
      // The overview lists portfolios; a household's alert belongs to its household page.
      if (alert.portfolioId === null) continue;
      const entry = byPortfolio.get(alert.portfolioId) ?? { level: 'NONE', open: 0 };
      if (LEVEL_RANK[alert.level] < LEVEL_RANK[entry.level]) entry.level = alert.level;
      if (alert.status === 'OPEN') entry.open += 1;
      byPortfolio.set(alert.portfolioId, entry);
    }
    const needle = search.trim().toLowerCase();
    const all: Row[] = portfolios.data.map((portfolio) => {
      const entry = byPortfolio.get(portfolio.id);
      return { portfolio, level: entry?.level ?? 'NONE', openAlerts: entry?.open ?? 0 };
    });
    const byName = (a: Row, b: Row) => a.portfolio.name.localeCompare(b.portfolio.name);
    const compare: Record<SortKey, (a: Row, b: Row) => number> = {
      name: byName,
      alert: (a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || byName(a, b),
      openAlerts: (a, b) => b.openAlerts - a.openAlerts || byName(a, b),
    };
    return all
      .filter((row) => (filter === 'ALL' || row.level === filter) && (!needle || row.portfolio.name.toLowerCase().includes(needle)))
      .sort(compare[sort]);
  }, [portfolios.data, alerts.data, filter, sort, search]);

  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  return (
    <section>
      <PageHeader title="Overview" />
      <form className="toolbar" onSubmit={(event) => event.preventDefault()} aria-label="Filter and sort portfolios">
        <label>
          Find
          <input type="search" value={search} onChange={(event) => (setSearch(event.target.value), setPage(0))} placeholder="Portfolio name" />
        </label>
        <label>
          Status
          <select value={filter} onChange={(event) => (setFilter(event.target.value as AlertLevel | 'ALL'), setPage(0))}>
            <option value="ALL">All portfolios</option>
            <option value="CRITICAL">Critical</option>
            <option value="WARNING">Warning</option>
            <option value="NONE">No open alert</option>
          </select>
        </label>
        <label>
          Sort by
          <select value={sort} onChange={(event) => setSort(event.target.value as SortKey)}>
            <option value="alert">Status (worst first)</option>
            <option value="openAlerts">Open alerts (most first)</option>
            <option value="name">Name</option>
          </select>
        </label>
      </form>
      {portfolios.isPending || alerts.isPending ? (
        <Loading what="portfolios" />
      ) : portfolios.isError || alerts.isError ? (
        <ErrorMessage error={portfolios.error ?? alerts.error} action="load the portfolios" />
      ) : portfolios.data.length === 0 ? (
        <Empty>You have no portfolios yet. Create one through the API (POST /api/v1/portfolios) and it appears here.</Empty>
      ) : rows.length === 0 ? (
        <Empty>No portfolio matches this filter.</Empty>
      ) : (
        <>
          <p className="count" role="status">
            {rows.length} of {portfolios.data.length} portfolios
          </p>
          <div className="table-scroll" tabIndex={0}>
            <table className="overview">
              <caption className="visually-hidden">Portfolios with their value, status, total drift and open alerts</caption>
              <thead>
                <tr>
                  <th scope="col">Portfolio</th>
                  <th scope="col" className="num">
                    Value
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Total drift
                  </th>
                  <th scope="col" className="num">
                    Open alerts
                  </th>
                </tr>
              </thead>
              <tbody>
                {visible.map((row) => (
                  <OverviewRow key={row.portfolio.id} row={row} />
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages of portfolios">
            <button type="button" onClick={() => setPage(current - 1)} disabled={current === 0}>
              Previous
            </button>
            <span>
              Page {current + 1} of {pages}
            </span>
            <button type="button" onClick={() => setPage(current + 1)} disabled={current >= pages - 1}>
              Next
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function OverviewRow({ row }: { row: Row }) {
  const { portfolio } = row;
  const drift = useQuery({
    queryKey: ['drift', portfolio.id],
    queryFn: () => unwrap(api.GET('/api/v1/portfolios/{id}/drift', { params: { path: { id: portfolio.id } } })),
  });
  return (
    <tr>
      <th scope="row">
        <Link to={`/portfolios/${portfolio.id}`}>{portfolio.name}</Link>
      </th>
      <td className="num">{drift.data ? formatMoney(drift.data.totalValue, portfolio.baseCurrency) : drift.isError ? 'unavailable' : '…'}</td>
      <td>
        {drift.data ? (
          <StatusBadge status={drift.data.status} />
        ) : row.level === 'NONE' ? (
          <Badge tone="muted">Loading</Badge>
        ) : (
          <StatusBadge status={row.level} />
        )}
      </td>
      <td className="num">{drift.data ? formatPercent(drift.data.totalDrift) : '…'}</td>
      <td className="num">{row.openAlerts}</td>
    </tr>
  );
}
