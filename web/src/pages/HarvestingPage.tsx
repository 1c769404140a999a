import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { Badge, TermBadge } from '../components/badges';
import { PageHeader } from '../components/PageHeader';
import { QueryView } from '../components/state';
import { formatDecimal, formatMoney, formatPercent } from '../format/decimal';
import { usePortfolio } from './PortfolioPage';

export function HarvestingPage() {
  const id = useParams().id!;
  const portfolio = usePortfolio(id);
  const currency = portfolio.data?.baseCurrency;
  const [draft, setDraft] = useState({ shortTermRate: '37', longTermRate: '20' });
  const [rates, setRates] = useState(draft);
  const harvest = useQuery({
    queryKey: ['harvest', id, rates],
    queryFn: () => unwrap(api.GET('/api/v1/portfolios/{id}/tax-loss-harvesting', { params: { path: { id }, query: rates } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRates(draft);
  };
  return (
    <section>
      <PageHeader title="Tax-loss harvesting" />
      <form className="toolbar" onSubmit={submit} aria-label="Tax rates">
        <label>
          Short-term rate (%)
          <input inputMode="decimal" value={draft.shortTermRate} onChange={(event) => setDraft({ ...draft, shortTermRate: event.target.value })} />
        </label>
        <label>
          Long-term rate (%)
          <input inputMode="decimal" value={draft.longTermRate} onChange={(event) => setDraft({ ...draft, longTermRate: event.target.value })} />
        </label>
        <button type="submit">Recalculate</button>
      </form>
      <QueryView
        query={harvest}
        what="harvesting opportunities"
        isEmpty={(data) => data.opportunities.length === 0}
        empty="No lot is at a loss: nothing to harvest today."
      >
        {(data) => (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <caption>Lots at a loss</caption>
              <thead>
                <tr>
                  <th scope="col">Lot</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col" className="num">
                    Unrealized loss
                  </th>
                  <th scope="col">Term</th>
                  <th scope="col">Wash sale</th>
                  <th scope="col">Replacements</th>
                  <th scope="col" className="num">
                    Estimated saving
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.opportunities.map((opportunity) => (
                  <tr key={opportunity.lotId}>
                    <th scope="row">{opportunity.symbol}</th>
                    <td className="num">{formatDecimal(opportunity.quantity)}</td>
                    <td className="num">
                      {formatMoney(opportunity.unrealizedLoss, currency)} ({formatPercent(opportunity.unrealizedLossPercent)})
                    </td>
                    <td>
                      <TermBadge term={opportunity.term} />
                    </td>
                    <td>
                      {opportunity.washSaleBlocked ? (
                        <>
                          <Badge tone="bad" mark="✕">
                            Blocked
                          </Badge>
                          {opportunity.washSaleSafeAfter && <div>safe after {opportunity.washSaleSafeAfter}</div>}
                        </>
                      ) : (
                        <Badge tone="ok" mark="✓">
                          Clear
                        </Badge>
                      )}
                    </td>
                    <td>
                      {opportunity.replacementCandidates.length
                        ? opportunity.replacementCandidates.map((candidate) => candidate.symbol).join(', ')
                        : 'none in the catalogue'}
                    </td>
                    <td className="num">{formatMoney(opportunity.estimatedTaxSaving, currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}
