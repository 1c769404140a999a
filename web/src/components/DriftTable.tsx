import type { DriftReport } from '../api/client';
import { formatMoney, formatPercent, formatSignedPercent } from '../format/decimal';
import { LevelBadge } from './badges';

/** One row per class; values in `currency`, or as `money` formats them (a household whose accounts keep different currencies). */
export function DriftTable({
  report,
  caption,
  currency,
  money = (value) => formatMoney(value, currency),
}: {
  report: DriftReport;
  caption: string;
  currency?: string;
  money?: (value: string) => string;
}) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Asset class</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Current
            </th>
            <th scope="col" className="num">
              Target
            </th>
            <th scope="col" className="num">
              Band ±
            </th>
            <th scope="col" className="num">
              Drift
            </th>
            <th scope="col">Level</th>
          </tr>
        </thead>
        <tbody>
          {report.items.map((item) => (
            <tr key={item.assetType}>
              <th scope="row">{item.assetType}</th>
              <td className="num">{money(item.currentValue)}</td>
              <td className="num">{formatPercent(item.currentPercentage)}</td>
              <td className="num">{formatPercent(item.targetPercentage)}</td>
              <td className="num">{formatPercent(item.tolerancePercentage)}</td>
              <td className="num">{formatSignedPercent(item.driftPercentage)}</td>
              <td>
                <LevelBadge level={item.driftLevel} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
