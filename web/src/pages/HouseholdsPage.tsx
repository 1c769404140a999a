import { Link } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { useHousehold, useHouseholdCurrency } from '../components/households';
import { PageHeader } from '../components/PageHeader';
import { ShowMore, usePagedQuery } from '../components/paged';
import { QueryView } from '../components/state';
import { formatHouseholdMoney } from '../format/household';

// Each visible row loads its household's figures: a page this size keeps that to a few dozen calls.
const PAGE_SIZE = 25;

/** Every household (the taxpayer: one person or a couple), oldest first, a page at a time. */
export function HouseholdsPage() {
  const households = usePagedQuery(['households'], (cursor) => unwrap(api.GET('/api/v1/households', { params: { query: { limit: PAGE_SIZE, cursor } } })));
  return (
    <section>
      <PageHeader title="Households" />
      <QueryView
        query={households}
        what="households"
        isEmpty={(data) => data.items.length === 0}
        empty="You have no households yet. Create one through the API (POST /api/v1/households), or create a portfolio and it goes to your default household."
      >
        {(data) => (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <caption className="visually-hidden">Households with their external id, number of accounts and total value</caption>
              <thead>
                <tr>
                  <th scope="col">Household</th>
                  <th scope="col">External id</th>
                  <th scope="col" className="num">
                    Accounts
                  </th>
                  <th scope="col" className="num">
                    Total value
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((household) => (
                  <HouseholdRow key={household.id} household={household} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      <ShowMore query={households} what="households" />
    </section>
  );
}

function HouseholdRow({ household }: { household: Schemas['HouseholdDto'] }) {
  // The list carries no figures; the household view values its accounts.
  const detail = useHousehold(household.id);
  const { settled, currency } = useHouseholdCurrency(household.id);
  const pending = detail.isError ? 'unavailable' : '…';
  return (
    <tr>
      <th scope="row">
        <Link to={`/households/${household.id}`}>{household.name}</Link>
        {household.isDefault && <span className="tag"> (default)</span>}
      </th>
      <td>{household.externalId ?? '—'}</td>
      <td className="num">{detail.data ? detail.data.accounts.length : pending}</td>
      <td className="num">{detail.data && settled ? formatHouseholdMoney(detail.data.total.totalValue, currency) : pending}</td>
    </tr>
  );
}
