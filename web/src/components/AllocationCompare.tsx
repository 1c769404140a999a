import type { Schemas } from '../api/client';
import { formatPercent } from '../format/decimal';
import { AllocationChart } from './charts';
import { StatusBadge } from './badges';
import { DriftTable } from './DriftTable';

/** Allocation before and after, side by side (stacked on a phone). */
export function AllocationCompare({ before, after, currency }: { before: Schemas['DriftReportDto']; after: Schemas['DriftReportDto']; currency?: string }) {
  return (
    <div className="two-columns">
      {(
        [
          ['Before', before],
          ['After', after],
        ] as const
      ).map(([label, report]) => (
        <div key={label}>
          <h3>
            {label}: <StatusBadge status={report.status} /> total drift {formatPercent(report.totalDrift)}
          </h3>
          <AllocationChart report={report} label={`Allocation ${label.toLowerCase()}: current against target, with the tolerance band`} />
          <DriftTable report={report} caption={`Allocation ${label.toLowerCase()}`} currency={currency} />
        </div>
      ))}
    </div>
  );
}
