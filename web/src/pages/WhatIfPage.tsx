import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { api, fetchAll, type Schemas, unwrap } from '../api/client';
import { AllocationCompare } from '../components/AllocationCompare';
import { Badge } from '../components/badges';
import { PageHeader } from '../components/PageHeader';
import { ErrorMessage, Loading } from '../components/state';
import { formatMoney } from '../format/decimal';
import { usePortfolio } from './PortfolioPage';

interface TradeDraft {
  key: number;
  action: Schemas['TradeAction'];
  assetId: string;
  quantity: string;
}

let nextKey = 1;

export function WhatIfPage() {
  const id = useParams().id!;
  const portfolio = usePortfolio(id);
  const currency = portfolio.data?.baseCurrency;
  const assets = useQuery({
    queryKey: ['assets'],
    queryFn: () => fetchAll((cursor) => unwrap(api.GET('/api/v1/assets', { params: { query: { limit: 200, cursor } } }))),
  });
  const [trades, setTrades] = useState<TradeDraft[]>([]);
  const [cashFlow, setCashFlow] = useState('');
  const whatIf = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/portfolios/{id}/rebalance/what-if', {
          params: { path: { id } },
          body: {
            trades: trades.map(({ action, assetId, quantity }) => ({ action, assetId, quantity })),
            ...(cashFlow.trim() ? { cashFlow: cashFlow.trim() } : {}),
          },
        }),
      ),
  });
  const add = () => setTrades((current) => [...current, { key: nextKey++, action: 'BUY', assetId: assets.data?.[0]?.id ?? '', quantity: '1' }]);
  const update = (key: number, change: Partial<TradeDraft>) =>
    setTrades((current) => current.map((trade) => (trade.key === key ? { ...trade, ...change } : trade)));
  const remove = (key: number) => setTrades((current) => current.filter((trade) => trade.key !== key));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    whatIf.mutate();
  };
  const result = whatIf.data;
  return (
    <section>
      <PageHeader title="What-if sandbox">
        <p>Try trades without recording them: see the allocation and the tax estimate they would give.</p>
      </PageHeader>
      {assets.isPending ? (
        <Loading what="assets" />
      ) : assets.isError ? (
        <ErrorMessage error={assets.error} action="load the assets" />
      ) : (
        <form onSubmit={submit} aria-label="Trades to try">
          {trades.length === 0 && <p>No trades yet: add one, or run with a cash flow alone.</p>}
          <ol className="plain">
            {trades.map((trade, index) => (
              <li key={trade.key} className="toolbar">
                <label>
                  Trade {index + 1} action
                  <select value={trade.action} onChange={(event) => update(trade.key, { action: event.target.value as Schemas['TradeAction'] })}>
                    <option value="BUY">Buy</option>
                    <option value="SELL">Sell</option>
                  </select>
                </label>
                <label>
                  Asset
                  <select value={trade.assetId} onChange={(event) => update(trade.key, { assetId: event.target.value })}>
                    {assets.data.map((asset) => (
                      <option key={asset.id} value={asset.id}>
                        {asset.symbol} ({asset.assetType})
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Quantity
                  <input inputMode="decimal" value={trade.quantity} onChange={(event) => update(trade.key, { quantity: event.target.value })} />
                </label>
                <button type="button" onClick={() => remove(trade.key)}>
                  Remove trade {index + 1}
                </button>
              </li>
            ))}
          </ol>
          <div className="toolbar">
            <button type="button" onClick={add}>
              Add a trade
            </button>
            <label>
              Cash flow
              <input inputMode="decimal" value={cashFlow} onChange={(event) => setCashFlow(event.target.value)} placeholder="0" />
            </label>
            <button type="submit" className="primary" disabled={whatIf.isPending}>
              {whatIf.isPending ? 'Calculating…' : 'Show the effect'}
            </button>
          </div>
        </form>
      )}
      {whatIf.isError && <ErrorMessage error={whatIf.error} action="run the what-if" />}
      {result && (
        <div aria-live="polite">
          <h2>Tax estimate</h2>
          <dl className="figures">
            <div>
              <dt>Short-term net</dt>
              <dd>{formatMoney(result.estimatedTax.shortTerm.net, currency)}</dd>
            </div>
            <div>
              <dt>Long-term net</dt>
              <dd>{formatMoney(result.estimatedTax.longTerm.net, currency)}</dd>
            </div>
            <div>
              <dt>Wash sale disallowed</dt>
              <dd>{formatMoney(result.estimatedTax.washSaleDisallowed, currency)}</dd>
            </div>
            <div>
              <dt>Cash</dt>
              <dd>
                {formatMoney(result.cashBefore, currency)} → {formatMoney(result.cashAfter, currency)}
              </dd>
            </div>
          </dl>
          {result.estimatedTax.washSales.map((flag) => (
            <p key={`${flag.tradeIndex}-${flag.assetId}`}>
              <Badge tone="bad">Wash sale</Badge> trade {flag.tradeIndex + 1} ({flag.symbol}): {formatMoney(flag.disallowed, currency)} of loss disallowed
            </p>
          ))}
          {result.warnings.map((warning) => (
            <p key={warning} className="warning">
              {warning}
            </p>
          ))}
          <h2>Allocation before and after</h2>
          <AllocationCompare before={result.before} after={result.after} currency={currency} />
        </div>
      )}
    </section>
  );
}
