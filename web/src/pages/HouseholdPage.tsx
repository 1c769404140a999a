import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { HouseholdAllocation } from '../components/HouseholdAllocation';
import { useHousehold, useHouseholdCurrency } from '../components/households';
import { PageHeader } from '../components/PageHeader';
import { ShowMore, usePagedQuery } from '../components/paged';
import { QueryView } from '../components/state';
import { formatDecimal, formatPercent } from '../format/decimal';
import { ACCOUNT_TYPE_LABEL, formatHouseholdMoney } from '../format/household';

/** A household: its accounts, what each account type holds, its own targets and drift, and each asset across the accounts. */
export function HouseholdPage() {
  const id = useParams().id!;
  const household = useHousehold(id);
  const { settled, currency } = useHouseholdCurrency(id);
  const money = (value: string) => formatHouseholdMoney(value, currency);
  return (
    <section>
      <QueryView
        query={{ isPending: household.isPending || !settled, isError: household.isError, error: household.error, data: household.data }}
        what="the household"
      >
        {(detail) => (
          <>
            <PageHeader title={detail.name}>
              <dl className="figures">
                <div>
                  <dt>Total value</dt>
                  <dd>{money(detail.total.totalValue)}</dd>
                </div>
                <div>
                  <dt>Holdings</dt>
                  <dd>{money(detail.total.marketValue)}</dd>
                </div>
                <div>
                  <dt>Cash</dt>
                  <dd>{money(detail.total.cash)}</dd>
                </div>
                <div>
                  <dt>External id</dt>
                  <dd>{detail.externalId ?? '—'}</dd>
                </div>
              </dl>
              <p>
                <Link to="/households">All households</Link>
              </p>
            </PageHeader>
            {!currency && detail.accounts.length > 0 && (
              <p className="warning">The accounts keep different currencies: the totals add their figures as they are, without a currency sign.</p>
            )}
            {detail.warnings.map((warning) => (
              <p key={warning} className="warning">
                {warning}
              </p>
            ))}

            <section aria-labelledby="accounts-heading">
              <h2 id="accounts-heading">Accounts</h2>
              {detail.accounts.length === 0 ? (
                <p className="state state-empty">
                  No accounts yet. Create a portfolio with this household&apos;s id (POST /api/v1/portfolios, householdId) and it appears here.
                </p>
              ) : (
                <div className="table-scroll" tabIndex={0}>
                  <table>
                    <caption className="visually-hidden">Each account with its type, holdings, cash and total value</caption>
                    <thead>
                      <tr>
                        <th scope="col">Account</th>
                        <th scope="col">Account type</th>
                        <th scope="col" className="num">
                          Holdings
                        </th>
                        <th scope="col" className="num">
                          Cash
                        </th>
                        <th scope="col" className="num">
                          Total value
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {detail.accounts.map((account) => (
                        <tr key={account.portfolioId}>
                          <th scope="row">
                            <Link to={`/portfolios/${account.portfolioId}`}>{account.name}</Link>
                            {account.externalId && <span className="tag"> ({account.externalId})</span>}
                          </th>
                          <td>{ACCOUNT_TYPE_LABEL[account.accountType]}</td>
                          <td className="num">{money(account.marketValue)}</td>
                          <td className="num">{money(account.cash)}</td>
                          <td className="num">{money(account.totalValue)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>

            <section aria-labelledby="types-heading">
              <h2 id="types-heading">By account type</h2>
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <caption className="visually-hidden">Totals per account type and for the whole household</caption>
                  <thead>
                    <tr>
                      <th scope="col">Account type</th>
                      <th scope="col" className="num">
                        Accounts
                      </th>
                      <th scope="col" className="num">
                        Holdings
                      </th>
                      <th scope="col" className="num">
                        Cash
                      </th>
                      <th scope="col" className="num">
                        Total value
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.byAccountType.map((type) => (
                      <tr key={type.accountType}>
                        <th scope="row">{ACCOUNT_TYPE_LABEL[type.accountType]}</th>
                        <td className="num">{type.accounts}</td>
                        <td className="num">{money(type.marketValue)}</td>
                        <td className="num">{money(type.cash)}</td>
                        <td className="num">{money(type.totalValue)}</td>
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">Household</th>
                      <td className="num">{detail.accounts.length}</td>
                      <td className="num">{money(detail.total.marketValue)}</td>
                      <td className="num">{money(detail.total.cash)}</td>
                      <td className="num">{money(detail.total.totalValue)}</td>
                    </tr>
                  </tbody>
                </table>
              </div>
            </section>
          </>
        )}
      </QueryView>
      <HouseholdAllocation id={id} money={money} settled={settled} />
      <HouseholdPositions id={id} money={money} />
    </section>
  );
}

function HouseholdPositions({ id, money }: { id: string; money: (value: string) => string }) {
  const positions = usePagedQuery(['household-positions', id], (cursor) =>
    unwrap(api.GET('/api/v1/households/{id}/positions', { params: { path: { id }, query: { limit: 200, cursor } } })),
  );
  return (
    <section aria-labelledby="household-positions-heading">
      <h2 id="household-positions-heading">Positions across accounts</h2>
      <QueryView
        query={positions}
        what="positions"
        isEmpty={(data) => data.items.length === 0 && data.first.cash.accounts.length === 0}
        empty="No holdings and no cash in any account."
      >
        {(data) => (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <caption>Each asset across the accounts, with each account&apos;s part; total value {money(data.first.totalValue)}</caption>
              <thead>
                <tr>
                  <th scope="col">Symbol</th>
                  <th scope="col">Class</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col" className="num">
                    Market value
                  </th>
                  <th scope="col" className="num">
                    Weight
                  </th>
                  <th scope="col">By account</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((position) => (
                  <tr key={position.assetId}>
                    <th scope="row">
                      {position.symbol}
                      {position.priceStale && <span className="tag"> (stale price)</span>}
                    </th>
                    <td>{position.assetType}</td>
                    <td className="num">{formatDecimal(position.quantity)}</td>
                    <td className="num">{money(position.marketValue)}</td>
                    <td className="num">{position.weightPercentage ? formatPercent(position.weightPercentage) : '—'}</td>
                    <td>
                      <ul className="plain">
                        {position.accounts.map((part) => (
                          <li key={part.portfolioId}>
                            {part.name} ({ACCOUNT_TYPE_LABEL[part.accountType]}): {formatDecimal(part.quantity)}, {money(part.marketValue)}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Cash</th>
                  <td>cash</td>
                  <td className="num">—</td>
                  <td className="num">{money(data.first.cash.total)}</td>
                  <td className="num">—</td>
                  <td>
                    <ul className="plain">
                      {data.first.cash.accounts.map((part) => (
                        <li key={part.portfolioId}>
                          {part.name} ({ACCOUNT_TYPE_LABEL[part.accountType]}): {money(part.cash)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      <ShowMore query={positions} what="positions" />
    </section>
  );
}
