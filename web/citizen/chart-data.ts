import type { HistoryRow, Indicator } from '../../shared/plan/schema.js';
import { stretchIsIndicatorValue } from '../../shared/evaluation/indicators.js';
import type { IndicatorDetailView } from '../../shared/plan/views.js';
import { expectedValue } from '../../shared/progress/trajectory.js';
import type { Histogram } from '../../shared/ratings/statistics.js';
import { formatCell, formatNumber, withUnit } from '../format.js';
import type { Lang, Messages, YearSpan } from '../i18n.js';
import { inLang, LIST_SEPARATOR, localized } from '../localized.js';

/**
 * What an indicator's chart shows, computed on the server: the same numbers go to Chart.js (as a
 * JSON block), to the data table and to the sentences that summarise the chart in words.
 */

export type SeriesKey = 'history' | 'observed' | 'path' | 'target' | 'stretch';

export interface ChartSeries {
  key: SeriesKey;
  label: string;
  points: Array<{ x: number; y: number }>;
}

/** The JSON the client script reads: no functions, no markup. */
export interface IndicatorChartData {
  kind: 'indicator';
  unit: string;
  xTitle: string;
  series: ChartSeries[];
}

export interface RatingsChartData {
  kind: 'ratings';
  labels: string[];
  counts: number[];
  label: string;
}

export type ChartData = IndicatorChartData | RatingsChartData;

export interface TableColumn {
  key: string;
  label: string;
}

export interface IndicatorChart {
  data: IndicatorChartData;
  /** Columns after the year: one per plotted previous-plan row, then observed, path, target, stretch. */
  columns: TableColumn[];
  rows: Array<{ year: number; cells: Array<string | null> }>;
  /** The chart in words, sentence by sentence. */
  summary: string[];
  /** Previous-plan rows in another unit than the indicator's: listed, not plotted. */
  unplotted: Array<{ row: HistoryRow; note: string }>;
}

/** An indicator's own years: its path runs from its baseline year to its target year. */
export const yearsOf = (indicator: Pick<Indicator, 'baselineYear' | 'targetYear'>): YearSpan => ({
  base: indicator.baselineYear,
  target: indicator.targetYear,
});

/** The previous plan's actual values in a row of its results table, each in the year the row states. */
const historyValues = (row: HistoryRow) => [
  { year: row.baselineYear, cell: row.baseline },
  { year: row.targetYear, cell: row.actual },
];

/** 专栏1 lost the superscript of mg/m³; otherwise a row is plotted only in the indicator's own unit. */
const normaliseUnit = (unit: string) => unit.replace(/[²³]/g, '').trim();
export const sameUnit = (a: string, b: string) => normaliseUnit(a) === normaliseUnit(b);

/**
 * A stretch goal is plotted only when it is a value of the indicator itself. On a yearly-rate
 * indicator (固定资产投资增长率) the stretch goal is an amount (固定投资额200亿元): it has no place on
 * a percentage axis and is shown as text. The final evaluation measures it by the same rule.
 */
export const stretchIsPlottable = stretchIsIndicatorValue;

/** A 专栏1 row's name in the page's language; rows without a translation keep their printed Chinese name. */
export const historyRowName = (row: HistoryRow, lang: Lang) =>
  localized(lang, { zh: row.nameZh, en: row.nameEn ?? row.nameZh });

export function indicatorChart(view: IndicatorDetailView, lang: Lang, t: Messages): IndicatorChart {
  const unit = localized(lang, { zh: view.unit, en: view.unitEn });
  const name = inLang(lang, view, 'name');
  const fmt = (value: number) => withUnit(formatNumber(value, lang), unit);
  // Table cells hold bare numbers: the unit is in the table's caption, once.
  const bare = (value: number) => formatNumber(value, lang);
  const isRate = view.measure === 'rate';
  const years = yearsOf(view);
  const series: ChartSeries[] = [];
  const columns: TableColumn[] = [];
  const summary: string[] = [];
  const byYear = new Map<number, Map<string, string>>();
  const put = (year: number, column: string, text: string) => {
    if (!byYear.has(year)) byYear.set(year, new Map());
    byYear.get(year)!.set(column, text);
  };

  // The previous plan's actuals, from the rows of 专栏1 that track this indicator.
  const unplotted: IndicatorChart['unplotted'] = [];
  for (const row of view.historyRows) {
    if (!sameUnit(row.unit, view.unit)) {
      unplotted.push({ row, note: t.historyOtherUnit(row.unit) });
      continue;
    }
    const column = `history-${row.id}`;
    const rowName = historyRowName(row, lang);
    columns.push({ key: column, label: t.seriesHistory(rowName) });
    const points: ChartSeries['points'] = [];
    for (const { year, cell } of historyValues(row)) {
      put(year, column, formatCell(cell, '', t));
      if (cell.kind === 'number') points.push({ x: year, y: cell.value });
    }
    if (points.length > 0) series.push({ key: 'history', label: t.seriesHistory(rowName), points });
    const values = historyValues(row).map(({ year, cell }) => t.valueInYear(formatCell(cell, unit, t), year));
    summary.push(t.chartSummaryHistory(rowName, values.join(localized(lang, LIST_SEPARATOR))));
  }

  // Official yearly values (the current revision of each year).
  columns.push({ key: 'observed', label: t.colObserved });
  for (const o of view.observations) put(o.year, 'observed', bare(o.value));
  if (view.observations.length > 0) {
    series.push({
      key: 'observed',
      label: t.seriesObserved,
      points: view.observations.map((o) => ({ x: o.year, y: o.value })),
    });
  }
  const after = view.observations.filter((o) => o.year > years.base);
  summary.push(
    after.length === 0
      ? t.chartSummaryObservedNone(years.base)
      : t.chartSummaryObserved(
          after.map((o) => t.valueInYear(fmt(o.value), o.year)).join(localized(lang, LIST_SEPARATOR)),
        ),
  );

  // The path from the base to the target (for a yearly rate: the floor, each year after the base).
  const path: ChartSeries['points'] = [];
  for (let year = years.base; year <= years.target; year++) {
    const value = expectedValue(view, year, view.observations);
    if (value !== null) path.push({ x: year, y: value });
  }
  if (path.length > 0) {
    columns.push({ key: 'path', label: t.colPath });
    for (const p of path) put(p.x, 'path', bare(p.y));
    series.push({ key: 'path', label: isRate ? t.seriesFloor : t.seriesPath, points: path });
    const first = path[0]!;
    const last = path.at(-1)!;
    summary.push(
      isRate
        ? t.chartSummaryFloor(fmt(first.y))
        : t.chartSummaryPath(t.valueInYear(fmt(first.y), first.x), t.valueInYear(fmt(last.y), last.x)),
    );
  }

  // The target: published, implied by a growth rate, or a statement that cannot be plotted.
  const target = view.progress.target;
  if (!isRate && target && target.value !== null) {
    const shown =
      view.target.kind === 'number' && !target.implied ? withUnit(view.target.raw, unit) : fmt(target.value);
    columns.push({ key: 'target', label: t.colTarget(years.target) });
    const cell = view.target.kind === 'number' && !target.implied ? view.target.raw : bare(target.value);
    put(years.target, 'target', target.implied ? `${cell}${t.impliedMark}` : cell);
    series.push({
      key: 'target',
      label: target.implied ? t.seriesImpliedTarget(years.target) : t.seriesTarget(years.target),
      points: [{ x: years.target, y: target.value }],
    });
    summary.push(
      target.implied ? t.chartSummaryImpliedTarget(shown, years.target) : t.chartSummaryTarget(shown, years.target),
    );
  } else if (view.target.kind === 'qualitative') {
    summary.push(t.chartSummaryQualitative(view.target.text, years.target));
  } else if (path.length === 0) {
    summary.push(t.chartSummaryNoTarget(years.target));
  }

  // The “852” stretch goal of footnote 3.
  if (view.stretch) {
    if (stretchIsPlottable(view)) {
      columns.push({ key: 'stretch', label: t.seriesStretch });
      put(years.target, 'stretch', bare(view.stretch.value));
      series.push({ key: 'stretch', label: t.seriesStretch, points: [{ x: years.target, y: view.stretch.value }] });
      summary.push(t.chartSummaryStretch(withUnit(formatNumber(view.stretch.value, lang), unit)));
    } else {
      summary.push(t.chartSummaryStretchText(view.stretch.raw));
    }
  }

  const rowYears = [...byYear.keys()].sort((a, b) => a - b);
  return {
    data: { kind: 'indicator', unit, xTitle: t.colYear, series },
    columns,
    rows: rowYears.map((year) => ({ year, cells: columns.map((column) => byYear.get(year)?.get(column.key) ?? null) })),
    summary: summary.length > 0 ? summary : [t.chartLabel(name, years.target)],
    unplotted,
  };
}

/** The five levels, best first, as the bar chart and its table show them. */
export const LEVELS_BEST_FIRST = [5, 4, 3, 2, 1] as const;

/** How many ratings a histogram holds at a level (1…5). */
export const countAt = (histogram: Histogram, level: 1 | 2 | 3 | 4 | 5): number => histogram[level - 1] ?? 0;

export function ratingsChart(histogram: Histogram, t: Messages): RatingsChartData {
  return {
    kind: 'ratings',
    labels: LEVELS_BEST_FIRST.map((level) => t.level(level)),
    counts: LEVELS_BEST_FIRST.map((level) => countAt(histogram, level)),
    label: t.colCount,
  };
}

/** JSON safe inside a <script type="application/json"> element: no `<` can close it. */
export const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
