import { lazy, Suspense } from 'react';
import type { DriftReport, Schemas } from '../api/client';
import { Loading } from './state';

// ECharts is loaded only when a chart is on screen, so it stays out of the initial JavaScript.
const AllocationChartImpl = lazy(() => import('./echarts-views').then((module) => ({ default: module.AllocationChartView })));
const DriftHistoryChartImpl = lazy(() => import('./echarts-views').then((module) => ({ default: module.DriftHistoryChartView })));

export function AllocationChart({ report, label }: { report: DriftReport; label: string }) {
  return (
    <Suspense fallback={<Loading what="chart" />}>
      <AllocationChartImpl report={report} label={label} />
    </Suspense>
  );
}

export function DriftHistoryChart({ points, label }: { points: Schemas['DriftHistoryPointDto'][]; label: string }) {
  return (
    <Suspense fallback={<Loading what="chart" />}>
      <DriftHistoryChartImpl points={points} label={label} />
    </Suspense>
  );
}
