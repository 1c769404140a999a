import type { DriftReport } from '../api/client';
import { formatPercent } from '../format/decimal';
import { AllocationChart } from './charts';
import { DriftTable } from './DriftTable';

/** A drift report as the portfolio and household pages show it: the chart beside the table, then the report's warnings. */
export function DriftReportView({ report, chartLabel, money }: { report: DriftReport; chartLabel: string; money: (value: string) => string }) {
  return (
    <div className="two-columns">
      <AllocationChart report={report} label={chartLabel} />
      <div>
        <DriftTable report={report} caption={`Drift: total ${formatPercent(report.totalDrift)}`} money={money} />
        {report.warnings.map((warning) => (
          <p key={warning} className="warning">
            {warning}
          </p>
        ))}
      </div>
    </div>
  );
}
