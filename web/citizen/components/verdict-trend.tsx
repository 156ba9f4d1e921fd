import type { IndicatorDetailView } from '../../../shared/plan/views.js';
import { expectedValue } from '../../../shared/progress/trajectory.js';
import type { SeriesPoint } from '../../../shared/ratings/documents.js';
import { DataTable } from '../../components/table.js';
import type { PageContext } from '../../context.js';
import { formatNumber, formatShare } from '../../format.js';
import { satisfactionShown } from '../satisfaction.js';

/**
 * An indicator's two verdicts year by year: the official value against the path to the target,
 * and the yearly satisfied share with its interval, as two small charts on one axis of years, drawn
 * on the server, and the same figures as a table (which is what assistive technology reads).
 */

const WIDTH = 640;
const HEIGHT = 150;
const PLOT = { left: 56, right: WIDTH - 12, top: 10, bottom: HEIGHT - 26 };
const round = (n: number) => Math.round(n * 10) / 10;

interface Row {
  year: number;
  observed: number | null;
  path: number | null;
  rating: SeriesPoint | null;
}

function rowsOf(view: IndicatorDetailView, years: readonly SeriesPoint[]): Row[] {
  const rated = new Map(years.map((p) => [Number(p.period), p]));
  const first = Math.min(view.baselineYear, ...rated.keys());
  const last = Math.max(view.targetYear, ...rated.keys());
  const rows: Row[] = [];
  for (let year = first; year <= last; year++) {
    rows.push({
      year,
      observed: view.observations.find((o) => o.year === year)?.value ?? null,
      path: expectedValue(view, year, view.observations),
      rating: rated.get(year) ?? null,
    });
  }
  return rows;
}

export function VerdictTrend({
  ctx,
  view,
  years,
  minRatings,
}: {
  ctx: PageContext;
  view: IndicatorDetailView;
  years: readonly SeriesPoint[];
  minRatings: number;
}) {
  const { t, lang } = ctx;
  const rows = rowsOf(view, years);
  if (!rows.some((r) => (r.observed !== null && r.year > view.baselineYear) || r.rating?.satisfaction)) return null;
  const x = (year: number) => PLOT.left + ((year - rows[0]!.year + 0.5) / rows.length) * (PLOT.right - PLOT.left);
  const values = rows.flatMap((r) => [r.observed, r.path]).filter((v): v is number => v !== null);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || Math.abs(high) || 1;
  const yValue = (v: number) => PLOT.bottom - ((v - (low - span * 0.1)) / (span * 1.2)) * (PLOT.bottom - PLOT.top);
  const yShare = (s: number) => PLOT.bottom - s * (PLOT.bottom - PLOT.top);
  const line = (points: Array<[number, number]>) =>
    points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${round(px)},${round(py)}`).join(' ');
  const axis = (label: (year: number) => string) =>
    rows.map((r) => (
      <text x={round(x(r.year))} y={HEIGHT - 8} text-anchor="middle">
        {label(r.year)}
      </text>
    ));
  const observed = rows
    .filter((r) => r.observed !== null)
    .map((r): [number, number] => [x(r.year), yValue(r.observed!)]);
  const path = rows.filter((r) => r.path !== null).map((r): [number, number] => [x(r.year), yValue(r.path!)]);
  return (
    <section class="panel verdict-trend" aria-labelledby="verdict-trend-heading">
      <h2 id="verdict-trend-heading">{t.verdictTrendHeading}</h2>
      <div class="verdict-chart__scroll" aria-hidden="true">
        <svg class="verdict-trend__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} focusable="false">
          <text class="verdict-chart__axis" x={PLOT.left + 6} y={PLOT.top + 14}>
            {t.colObserved}
          </text>
          <path class="verdict-trend__path" d={line(path)} />
          <path class="verdict-trend__observed" d={line(observed)} />
          {observed.map(([px, py]) => (
            <circle class="verdict-trend__dot" cx={round(px)} cy={round(py)} r={4} />
          ))}
          <g class="verdict-chart__column">{axis(String)}</g>
        </svg>
        <svg class="verdict-trend__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} focusable="false">
          <text class="verdict-chart__axis" x={PLOT.left + 6} y={PLOT.top + 14}>
            {t.satisfaction}
          </text>
          {[0, 0.5, 1].map((s) => (
            <g class="verdict-chart__tick">
              <line x1={PLOT.left} x2={PLOT.right} y1={round(yShare(s))} y2={round(yShare(s))} />
              <text x={PLOT.left - 6} y={round(yShare(s) + 4)} text-anchor="end">
                {formatShare(s, lang).replace(/\.0(?=\D*$)/, '')}
              </text>
            </g>
          ))}
          {rows
            // A year with too few ratings is not plotted: its interval would span most of the scale.
            .filter((r) => r.rating?.satisfaction && r.rating.count >= minRatings)
            .map((r) => {
              const s = r.rating!.satisfaction!;
              const px = round(x(r.year));
              return (
                <g class="verdict-chart__point">
                  <line x1={px} x2={px} y1={round(yShare(s.lower))} y2={round(yShare(s.upper))} />
                  <circle cx={px} cy={round(yShare(s.share))} r={5} />
                </g>
              );
            })}
          <g class="verdict-chart__column">{axis(String)}</g>
        </svg>
      </div>
      <DataTable
        label={t.verdictTrendHeading}
        caption={{ text: t.verdictTrendCaption }}
        numbers
        columns={[t.colYear, t.colObserved, t.colPath, t.verdictsColSatisfaction, t.verdictsColCount]}
      >
        {rows.map((r) => (
          <tr>
            <th scope="row">{r.year}</th>
            <td>{r.observed === null ? '—' : formatNumber(r.observed, lang)}</td>
            <td>{r.path === null ? '—' : formatNumber(r.path, lang)}</td>
            <td>
              {r.rating
                ? satisfactionShown(t, lang, { ...r.rating, tooFew: r.rating.count < minRatings }, 'column')
                : '—'}
            </td>
            <td>{r.rating?.count ?? 0}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
