import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { DriftReport, Schemas } from '../api/client';
import { toChartNumber } from '../format/decimal';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const COLOURS = { current: '#1f5fbf', target: '#111827', band: 'rgba(22, 163, 74, 0.22)' };

function useChart(option: echarts.EChartsCoreOption, data: unknown) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
    // Redrawn when the data changes, not on every render (the option object is rebuilt each time).
  }, [data]);
  return element;
}

/** Current vs target per class, with the tolerance band drawn behind as a shaded bar from target − band to target + band. */
export function AllocationChartView({ report, label }: { report: DriftReport; label: string }) {
  const classes = report.items.map((item) => item.assetType);
  const low = report.items.map((item) => Math.max(0, toChartNumber(item.targetPercentage) - toChartNumber(item.tolerancePercentage)));
  const width = report.items.map((item, index) => toChartNumber(item.targetPercentage) + toChartNumber(item.tolerancePercentage) - low[index]);
  const element = useChart(
    {
      animation: false,
      grid: { left: 40, right: 10, top: 30, bottom: 30 },
      legend: { data: ['Current', 'Target', 'Band'], top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: classes },
      yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
      series: [
        { name: 'Band base', type: 'bar', stack: 'band', data: low, itemStyle: { color: 'transparent' }, barWidth: '60%', tooltip: { show: false } },
        { name: 'Band', type: 'bar', stack: 'band', data: width, itemStyle: { color: COLOURS.band }, barWidth: '60%' },
        {
          name: 'Current',
          type: 'bar',
          data: report.items.map((item) => toChartNumber(item.currentPercentage)),
          itemStyle: { color: COLOURS.current },
          barWidth: '25%',
          barGap: '-70%',
        },
        {
          name: 'Target',
          type: 'scatter',
          data: report.items.map((item) => toChartNumber(item.targetPercentage)),
          symbol: 'rect',
          symbolSize: [40, 3],
          itemStyle: { color: COLOURS.target },
        },
      ],
    },
    report,
  );
  return <div ref={element} className="chart" role="img" aria-label={label} />;
}

/** One class's drift over time: its share, its target and the band around it. */
export function DriftHistoryChartView({ points, label }: { points: Schemas['DriftHistoryPointDto'][]; label: string }) {
  const sorted = [...points].sort((a, b) => a.calculatedAt.localeCompare(b.calculatedAt));
  const at = (point: Schemas['DriftHistoryPointDto']) => point.calculatedAt;
  const line = (pick: (point: Schemas['DriftHistoryPointDto']) => number) => sorted.map((point) => [at(point), pick(point)]);
  const element = useChart(
    {
      animation: false,
      grid: { left: 45, right: 10, top: 30, bottom: 30 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: '{value} %' } },
      series: [
        {
          name: 'Current',
          type: 'line',
          data: line((p) => toChartNumber(p.currentPercentage)),
          showSymbol: sorted.length < 40,
          itemStyle: { color: COLOURS.current },
        },
        {
          name: 'Target',
          type: 'line',
          data: line((p) => toChartNumber(p.targetPercentage)),
          showSymbol: false,
          lineStyle: { type: 'dashed' },
          itemStyle: { color: COLOURS.target },
        },
        {
          name: 'Band low',
          type: 'line',
          data: line((p) => toChartNumber(p.targetPercentage) - toChartNumber(p.tolerancePercentage)),
          showSymbol: false,
          lineStyle: { type: 'dotted' },
          itemStyle: { color: '#15803d' },
        },
        {
          name: 'Band high',
          type: 'line',
          data: line((p) => toChartNumber(p.targetPercentage) + toChartNumber(p.tolerancePercentage)),
          showSymbol: false,
          lineStyle: { type: 'dotted' },
          itemStyle: { color: '#15803d' },
        },
      ],
    },
    points,
  );
  return <div ref={element} className="chart" role="img" aria-label={label} />;
}
