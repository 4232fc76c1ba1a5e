// uPlot options for the dashboard's three kinds of chart: counts per day (lines), counts per
// numbered slot such as the hour (columns), and counts per category (bars across, so long
// labels fit at 360 px). Colours and fonts are set here, on the canvas; nothing is styled inline.
import uPlot from 'uplot';

/** The series' colours, in order; the legend's swatches (insight.css in agent.css) match them. */
export const COLOURS = ['#002776', '#1f7a44', '#a3001b'] as const;
const FONT = '13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const AXIS = { stroke: '#1b1f24', font: FONT, grid: { stroke: '#e3e7ee', width: 1 }, ticks: { stroke: '#c5cedb', width: 1 } };
/** Whole numbers only on a count axis. */
const COUNT_INCRS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];
/** Whole days on a time axis, in seconds: a day, two, a week, two weeks, about a month, a quarter. */
const DAY_INCRS = [1, 2, 7, 14, 30, 91, 182, 365].map((d) => d * 86_400);
const fromZero: uPlot.Range.Function = (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))];

export interface SeriesSpec {
  label: string;
}

function countAxis(format: (n: number) => string, side: uPlot.Axis.Side = 3): uPlot.Axis {
  return { ...AXIS, side, incrs: COUNT_INCRS, values: (_u, splits) => splits.map(format), size: 48 };
}

function series(specs: readonly SeriesSpec[], paths?: uPlot.Series.PathBuilder): uPlot.Series[] {
  return [
    {},
    ...specs.map((s, i) => ({
      label: s.label,
      stroke: COLOURS[i % COLOURS.length]!,
      width: paths ? 0 : 2,
      ...(paths ? { fill: COLOURS[i % COLOURS.length]!, paths, points: { show: false } } : { points: { size: 6 } }),
    })),
  ];
}

const base = (width: number, height: number): Pick<uPlot.Options, 'width' | 'height' | 'legend' | 'cursor' | 'select'> => ({
  width,
  height,
  // The legend is ours (HTML beside the chart), and the figures are in the table below.
  legend: { show: false },
  cursor: { show: false },
});

/** Counts per day: the x values are UTC-midnight seconds of Oslo days. */
export function perDayOptions(o: { width: number; height: number; series: readonly SeriesSpec[]; dayLabel: (seconds: number) => string; count: (n: number) => string }): uPlot.Options {
  return {
    ...base(o.width, o.height),
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    // Room on the right for the last day's label, centred under its point.
    padding: [12, 32, 0, 0],
    scales: { x: { time: true }, y: { range: fromZero } },
    axes: [{ ...AXIS, incrs: DAY_INCRS, values: (_u, splits) => splits.map(o.dayLabel), space: 70 }, countAxis(o.count)],
    series: series(o.series),
  };
}

/** Counts per numbered slot (hour 0–23, score 1–5): columns. */
export function columnOptions(o: { width: number; height: number; series: readonly SeriesSpec[]; first: number; last: number; slotLabel: (x: number) => string; count: (n: number) => string }): uPlot.Options {
  return {
    ...base(o.width, o.height),
    scales: { x: { time: false, range: [o.first - 0.5, o.last + 0.5] }, y: { range: fromZero } },
    axes: [{ ...AXIS, incrs: [1, 2, 3, 4, 6, 12], space: 24, values: (_u, splits) => splits.map((x) => (Number.isInteger(x) ? o.slotLabel(x) : '')) }, countAxis(o.count)],
    series: series(o.series, uPlot.paths.bars!({ size: [0.7, 40] })),
  };
}

/** Counts per category: bars across, the categories down the left in the given order. */
export function barOptions(o: { width: number; height: number; series: readonly SeriesSpec[]; categories: readonly string[]; labelWidth: number; count: (n: number) => string }): uPlot.Options {
  const n = o.categories.length;
  return {
    ...base(o.width, o.height),
    // dir -1: the first category at the top.
    scales: { x: { time: false, ori: 1, dir: -1, range: [-0.5, n - 0.5] }, y: { ori: 0, range: fromZero } },
    axes: [
      // space: every category gets its label, however little room the bars leave.
      { ...AXIS, side: 3, size: o.labelWidth, incrs: [1], space: 8, grid: { show: false }, values: (_u, splits) => splits.map((x) => (Number.isInteger(x) ? (o.categories[x] ?? '') : '')) },
      countAxis(o.count, 2),
    ],
    series: series(o.series, uPlot.paths.bars!({ size: [0.7, 28] })),
  };
}
