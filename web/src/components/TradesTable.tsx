import type { Schemas } from '../api/client';
import { formatDecimal, formatMoney } from '../format/decimal';
import { Badge, TermBadge } from './badges';

type Trade = Schemas['SuggestionDto'] | Schemas['PlanItemDto'];

export function describeTrade(trade: Trade, currency?: string): string {
  const what = trade.symbol ?? trade.assetType;
  const amount = trade.quantity ? `${formatDecimal(trade.quantity)} ${what}` : `${what} worth`;
  return `${trade.action === 'BUY' ? 'Buy' : 'Sell'} ${amount} ≈ ${formatMoney(trade.estimatedValue, currency)}`;
}

/** Suggested or planned trades with their lots, tax effect and reason. */
export function TradesTable({ trades, currency, caption }: { trades: Trade[]; currency?: string; caption: string }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Trade</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">Lots sold</th>
            <th scope="col">Tax effect</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {trades.map((trade, index) => (
            <tr key={'id' in trade ? trade.id : index}>
              <th scope="row">
                <Badge tone={trade.action === 'BUY' ? 'info' : 'warn'}>{trade.action === 'BUY' ? 'Buy' : 'Sell'}</Badge> {trade.symbol ?? trade.assetType}
                {'status' in trade && trade.status !== 'PENDING' && <span className="tag"> ({trade.status.toLowerCase()})</span>}
              </th>
              <td className="num">{trade.quantity ? formatDecimal(trade.quantity) : '—'}</td>
              <td className="num">{formatMoney(trade.estimatedValue, currency)}</td>
              <td>
                {trade.lots.length === 0
                  ? '—'
                  : trade.lots.map((lot) => (
                      <div key={lot.lotId}>
                        {formatDecimal(lot.quantity)} from lot …{lot.lotId.slice(-6)} <TermBadge term={lot.term} /> gain {formatMoney(lot.gain, currency)}
                      </div>
                    ))}
              </td>
              <td>
                <div>Short-term {formatMoney(trade.estimatedRealizedGain.shortTerm, currency)}</div>
                <div>Long-term {formatMoney(trade.estimatedRealizedGain.longTerm, currency)}</div>
                {trade.washSale && <Badge tone="bad">Wash sale</Badge>}
                {trade.taxLossHarvesting && <Badge tone="ok">Harvests a loss</Badge>}
              </td>
              <td>{trade.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
