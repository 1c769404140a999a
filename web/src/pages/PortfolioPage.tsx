import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { StatusBadge, TermBadge } from '../components/badges';
import { DriftHistoryChart } from '../components/charts';
import { DriftReportView } from '../components/DriftReportView';
import { useHousehold } from '../components/households';
import { PageHeader } from '../components/PageHeader';
import { ShowMore, usePagedQuery } from '../components/paged';
import { QueryView } from '../components/state';
import { formatDecimal, formatMoney, formatPercent } from '../format/decimal';
import { ACCOUNT_TYPE_LABEL } from '../format/household';

export function usePortfolio(id: string) {
  return useQuery({ queryKey: ['portfolio', id], queryFn: () => unwrap(api.GET('/api/v1/portfolios/{id}', { params: { path: { id } } })) });
}

export function useDrift(id: string) {
  return useQuery({ queryKey: ['drift', id], queryFn: () => unwrap(api.GET('/api/v1/portfolios/{id}/drift', { params: { path: { id } } })) });
}

const date = (value: string) => value.slice(0, 10);

export function PortfolioPage() {
  const id = useParams().id!;
  const portfolio = usePortfolio(id);
  const drift = useDrift(id);
  const currency = portfolio.data?.baseCurrency;
  return (
    <section>
      <QueryView query={portfolio} what="the portfolio">
        {(detail) => (
          <PageHeader title={detail.name}>
            <dl className="figures">
              <div>
                <dt>Total value</dt>
                <dd>{formatMoney(detail.totalValue, detail.baseCurrency)}</dd>
              </div>
              <div>
                <dt>Cash</dt>
                <dd>{formatMoney(detail.cash, detail.baseCurrency)}</dd>
              </div>
              <div>
                <dt>Unrealized gain</dt>
                <dd>{formatMoney(detail.unrealizedGain, detail.baseCurrency)}</dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd>{drift.data ? <StatusBadge status={drift.data.status} /> : '…'}</dd>
              </div>
              <div>
                <dt>Account type</dt>
                <dd>{ACCOUNT_TYPE_LABEL[detail.accountType]}</dd>
              </div>
              <div>
                <dt>Household</dt>
                <dd>
                  <HouseholdLink id={detail.householdId} />
                </dd>
              </div>
            </dl>
            <p>
              <Link to={`/portfolios/${id}/rebalance`}>Rebalance this portfolio</Link>
            </p>
          </PageHeader>
        )}
      </QueryView>

      <h2>Allocation and drift</h2>
      <QueryView
        query={drift}
        what="drift"
        isEmpty={(report) => report.items.length === 0}
        empty="No targets and no holdings: set targets in Settings to see drift."
      >
        {(report) => (
          <DriftReportView
            report={report}
            chartLabel={`Allocation of ${portfolio.data?.name ?? 'the portfolio'}: current against target, with the tolerance band`}
            money={(value) => formatMoney(value, currency)}
          />
        )}
      </QueryView>

      <DriftHistory id={id} />
      <Positions id={id} currency={currency} />
      <Lots id={id} currency={currency} />
      <RealizedGains id={id} currency={currency} />
    </section>
  );
}

/** The household the account belongs to, by name once known. */
function HouseholdLink({ id }: { id: string }) {
  const household = useHousehold(id);
  return <Link to={`/households/${id}`}>{household.data?.name ?? 'Household'}</Link>;
}

function DriftHistory({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const [assetType, setAssetType] = useState<string>();
  const history = usePagedQuery(
    ['drift-history', id],
    (cursor) => unwrap(api.GET('/api/v1/portfolios/{id}/drift/history', { params: { path: { id }, query: { limit: 200, cursor } } })),
    open,
  );
  const classes = [...new Set(history.data?.items.map((point) => point.assetType) ?? [])].sort();
  const selected = assetType ?? classes[0];
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Drift history</h2>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          Show drift history
        </button>
      ) : (
        <QueryView
          query={history}
          what="drift history"
          isEmpty={(data) => data.items.length === 0}
          empty="No drift has been recorded yet: history grows with each scan."
        >
          {(data) => {
            const points = data.items.filter((point) => point.assetType === selected);
            const last = points.reduce<Schemas['DriftHistoryPointDto'] | undefined>(
              (latest, point) => (!latest || point.calculatedAt > latest.calculatedAt ? point : latest),
              undefined,
            );
            return (
              <>
                <label>
                  Asset class
                  <select value={selected} onChange={(event) => setAssetType(event.target.value)}>
                    {classes.map((name) => (
                      <option key={name}>{name}</option>
                    ))}
                  </select>
                </label>
                <DriftHistoryChart points={points} label={`Drift history of ${selected}: its share against target and band over time`} />
                {last && (
                  <p>
                    {points.length} {points.length === 1 ? 'point' : 'points'} for {selected}; latest {date(last.calculatedAt)}:{' '}
                    {formatPercent(last.currentPercentage)} against a target of {formatPercent(last.targetPercentage)} ±{' '}
                    {formatPercent(last.tolerancePercentage)}.
                  </p>
                )}
              </>
            );
          }}
        </QueryView>
      )}
      {open && <ShowMore query={history} what="history" />}
    </section>
  );
}

function Positions({ id, currency }: { id: string; currency?: string }) {
  const positions = usePagedQuery(['positions', id], (cursor) =>
    unwrap(api.GET('/api/v1/portfolios/{id}/positions', { params: { path: { id }, query: { limit: 200, cursor } } })),
  );
  return (
    <section aria-labelledby="positions-heading">
      <h2 id="positions-heading">Positions</h2>
      <QueryView query={positions} what="positions" isEmpty={(data) => data.items.length === 0} empty="No positions: the portfolio holds only cash.">
        {(data) => (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Symbol</th>
                  <th scope="col">Class</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col" className="num">
                    Price
                  </th>
                  <th scope="col" className="num">
                    Market value
                  </th>
                  <th scope="col" className="num">
                    Cost basis
                  </th>
                  <th scope="col" className="num">
                    Unrealized gain
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((position) => (
                  <tr key={position.assetId ?? position.assetType}>
                    <th scope="row">{position.symbol ?? 'Cash'}</th>
                    <td>{position.assetType}</td>
                    <td className="num">{formatDecimal(position.quantity)}</td>
                    <td className="num">
                      {position.price ? formatMoney(position.price, currency) : '—'}
                      {position.priceStale && <span className="tag"> (stale price)</span>}
                    </td>
                    <td className="num">{formatMoney(position.marketValue, currency)}</td>
                    <td className="num">{formatMoney(position.costBasis, currency)}</td>
                    <td className="num">
                      {position.unrealizedGain ? formatMoney(position.unrealizedGain, currency) : '—'}
                      {position.unrealizedGainPercent && ` (${formatPercent(position.unrealizedGainPercent)})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      <ShowMore query={positions} what="positions" />
    </section>
  );
}

function Lots({ id, currency }: { id: string; currency?: string }) {
  const lots = usePagedQuery(['lots', id], (cursor) =>
    unwrap(api.GET('/api/v1/portfolios/{id}/lots', { params: { path: { id }, query: { limit: 200, cursor } } })),
  );
  return (
    <section aria-labelledby="lots-heading">
      <h2 id="lots-heading">Open lots</h2>
      <QueryView query={lots} what="open lots" isEmpty={(data) => data.items.length === 0} empty="No open lots.">
        {(data) => (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Symbol</th>
                  <th scope="col">Acquired</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col" className="num">
                    Cost basis
                  </th>
                  <th scope="col" className="num">
                    Wash-sale adj.
                  </th>
                  <th scope="col" className="num">
                    Unrealized gain
                  </th>
                  <th scope="col">Term</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((lot) => (
                  <tr key={lot.id}>
                    <th scope="row">{lot.symbol}</th>
                    <td>{date(lot.acquiredAt)}</td>
                    <td className="num">{formatDecimal(lot.quantity)}</td>
                    <td className="num">{formatMoney(lot.costBasis, currency)}</td>
                    <td className="num">{formatMoney(lot.washSaleAdjustment, currency)}</td>
                    <td className="num">{lot.unrealizedGain ? formatMoney(lot.unrealizedGain, currency) : '—'}</td>
                    <td>
                      <TermBadge term={lot.term} />
                      {lot.term === 'SHORT' && <span className="tag"> long-term from {lot.longTermAt}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      <ShowMore query={lots} what="lots" />
    </section>
  );
}

function RealizedGains({ id, currency }: { id: string; currency?: string }) {
  const gains = usePagedQuery(['realized-gains', id], (cursor) =>
    unwrap(api.GET('/api/v1/portfolios/{id}/realized-gains', { params: { path: { id }, query: { limit: 200, cursor } } })),
  );
  const terms = [
    ['Short-term', 'shortTerm'],
    ['Long-term', 'longTerm'],
    ['Total', 'total'],
  ] as const;
  return (
    <section aria-labelledby="gains-heading">
      <h2 id="gains-heading">Realized gains</h2>
      <QueryView query={gains} what="realized gains" isEmpty={(data) => data.items.length === 0} empty="Nothing sold yet, so no gains or losses are realized.">
        {(data) => (
          <>
            <div className="table-scroll" tabIndex={0}>
              <table>
                <caption>By term, with wash-sale adjustments</caption>
                <thead>
                  <tr>
                    <th scope="col">Term</th>
                    <th scope="col" className="num">
                      Proceeds
                    </th>
                    <th scope="col" className="num">
                      Cost basis
                    </th>
                    <th scope="col" className="num">
                      Gain
                    </th>
                    <th scope="col" className="num">
                      Wash sale disallowed
                    </th>
                    <th scope="col" className="num">
                      Reportable gain
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {terms.map(([label, key]) => (
                    <tr key={key}>
                      <th scope="row">{label}</th>
                      <td className="num">{formatMoney(data.first.totals[key].proceeds, currency)}</td>
                      <td className="num">{formatMoney(data.first.totals[key].costBasis, currency)}</td>
                      <td className="num">{formatMoney(data.first.totals[key].gain, currency)}</td>
                      <td className="num">{formatMoney(data.first.totals[key].washSaleDisallowed, currency)}</td>
                      <td className="num">{formatMoney(data.first.totals[key].reportableGain, currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <details>
              <summary>Each sale ({data.items.length})</summary>
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Symbol</th>
                      <th scope="col">Sold</th>
                      <th scope="col" className="num">
                        Quantity
                      </th>
                      <th scope="col" className="num">
                        Gain
                      </th>
                      <th scope="col" className="num">
                        Disallowed
                      </th>
                      <th scope="col">Term</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((gain) => (
                      <tr key={gain.id}>
                        <th scope="row">{gain.symbol}</th>
                        <td>{date(gain.disposedAt)}</td>
                        <td className="num">{formatDecimal(gain.quantity)}</td>
                        <td className="num">{formatMoney(gain.gain, currency)}</td>
                        <td className="num">{formatMoney(gain.washSaleDisallowed, currency)}</td>
                        <td>
                          <TermBadge term={gain.term} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
      </QueryView>
      <ShowMore query={gains} what="sales" />
    </section>
  );
}
