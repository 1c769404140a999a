import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { AlertStatusBadge, LevelBadge } from '../components/badges';
import { PageHeader } from '../components/PageHeader';
import { ShowMore, usePagedQuery } from '../components/paged';
import { Empty, ErrorMessage, Loading } from '../components/state';
import { formatMoney, formatPercent } from '../format/decimal';
import { usePortfolios } from './OverviewPage';

const TABS: { status: Schemas['AlertStatus']; label: string }[] = [
  { status: 'OPEN', label: 'Open' },
  { status: 'ACKNOWLEDGED', label: 'Acknowledged' },
  { status: 'RESOLVED', label: 'Resolved' },
];

export function AlertsPage() {
  const [status, setStatus] = useState<Schemas['AlertStatus']>('OPEN');
  const portfolios = usePortfolios();
  const names = new Map(portfolios.data?.map((portfolio) => [portfolio.id, portfolio.name]));
  const alerts = usePagedQuery(['drift-alerts', status], (cursor) =>
    unwrap(api.GET('/api/v1/drift-alerts', { params: { query: { status, limit: 50, cursor } } })),
  );
  const queryClient = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/drift-alerts/{id}/acknowledge', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['drift-alerts'] }),
  });
  const items = alerts.data?.items ?? [];
  return (
    <section>
      <PageHeader title="Alerts" />
      <div className="tabs" role="group" aria-label="Alert status">
        {TABS.map((tab) => (
          <button key={tab.status} type="button" aria-pressed={status === tab.status} onClick={() => setStatus(tab.status)}>
            {tab.label}
          </button>
        ))}
      </div>
      {acknowledge.isError && <ErrorMessage error={acknowledge.error} action="acknowledge the alert" />}
      {alerts.isPending ? (
        <Loading what="alerts" />
      ) : alerts.isError ? (
        <ErrorMessage error={alerts.error} action="load alerts" />
      ) : items.length === 0 ? (
        <Empty>No {status.toLowerCase()} alerts.</Empty>
      ) : (
        <ul className="cards">
          {items.map((alert) => (
            <li key={alert.id} className="card">
              <h2>
                {alert.portfolioId === null ? (
                  // A household's alert: its drift is over all its accounts, so it links to the household.
                  <Link to={`/households/${alert.householdId}`}>Household</Link>
                ) : (
                  <Link to={`/portfolios/${alert.portfolioId}`}>{names.get(alert.portfolioId) ?? 'Portfolio'}</Link>
                )}
              </h2>
              <p>
                <LevelBadge level={alert.level} /> <AlertStatusBadge status={alert.status} />
              </p>
              <p>
                Total drift {formatPercent(alert.totalDrift)} on {formatMoney(alert.totalValue)}, opened {alert.openedAt.slice(0, 10)}
                {alert.acknowledgedAt && `, acknowledged ${alert.acknowledgedAt.slice(0, 10)}`}
                {alert.resolvedAt && `, resolved ${alert.resolvedAt.slice(0, 10)}`}.
              </p>
              <ul className="plain">
                {alert.items
                  .filter((item) => item.driftLevel)
                  .map((item) => (
                    <li key={item.assetType}>
                      {item.assetType}: {formatPercent(item.currentPercentage)} against {formatPercent(item.targetPercentage)} ±{' '}
                      {formatPercent(item.tolerancePercentage)}
                    </li>
                  ))}
              </ul>
              <p className="actions">
                {alert.status === 'OPEN' && (
                  <button type="button" onClick={() => acknowledge.mutate(alert.id)} disabled={acknowledge.isPending}>
                    Acknowledge
                  </button>
                )}
                {alert.portfolioId !== null && <Link to={`/portfolios/${alert.portfolioId}/rebalance`}>Rebalance</Link>}
              </p>
            </li>
          ))}
        </ul>
      )}
      <ShowMore query={alerts} what="alerts" />
    </section>
  );
}
