import type { OfficialStanding, Region, VerdictThresholds } from '../../../shared/verdicts/classify.js';
import type { Verdict } from '../../../shared/verdicts/verdicts.js';
import type { PageContext } from '../../context.js';
import { formatShare } from '../../format.js';
import { satisfactionShown } from '../satisfaction.js';

/**
 * The verdicts as a scatter chart drawn on the server in SVG, so it shows without JavaScript:
 * official progress across (three columns: not assessable, behind, achieved or on track),
 * satisfaction up with its 95% interval as a line, and the four regions shaded where the two
 * verdicts are clear. Every point links to its target. The chart repeats the table below it, which
 * is what assistive technology reads: the drawing is hidden from it and its links from the tab order.
 */

const WIDTH = 720;
const HEIGHT = 420;
const PLOT = { left: 56, right: WIDTH - 12, top: 14, bottom: HEIGHT - 58 };
const COLUMNS: ReadonlyArray<{ standing: OfficialStanding; share: number }> = [
  { standing: 'not-assessable', share: 0.2 },
  { standing: 'behind', share: 0.4 },
  { standing: 'good', share: 0.4 },
];
const TICKS = [0, 0.25, 0.5, 0.75, 1];

const y = (share: number) => PLOT.top + (1 - share) * (PLOT.bottom - PLOT.top);
const round = (n: number) => Math.round(n * 10) / 10;

interface Column {
  standing: OfficialStanding;
  x0: number;
  x1: number;
}

function columns(): Column[] {
  const width = PLOT.right - PLOT.left;
  let x = PLOT.left;
  return COLUMNS.map(({ standing, share }) => {
    const column = { standing, x0: x, x1: x + share * width };
    x = column.x1;
    return column;
  });
}

/** Where the regions are: above the high threshold and below the low one, on each side. */
const SHADED: Array<{ standing: OfficialStanding; above: boolean; region: Region }> = [
  { standing: 'behind', above: true, region: 'quiet-success' },
  { standing: 'behind', above: false, region: 'agree-bad' },
  { standing: 'good', above: true, region: 'agree-good' },
  { standing: 'good', above: false, region: 'paper-progress' },
];

export function VerdictChart(props: {
  ctx: PageContext;
  verdicts: readonly Verdict[];
  thresholds: VerdictThresholds;
  hrefOf: (v: Verdict) => string;
  nameOf: (v: Verdict) => string;
  officialOf: (v: Verdict) => string;
}) {
  const { ctx, thresholds } = props;
  const { t, lang } = ctx;
  const cols = columns();
  const columnLabel: Record<OfficialStanding, string> = {
    'not-assessable': t.verdictsNotAssessable,
    behind: t.verdictsBehind,
    good: t.verdictsGood,
  };
  const rated = props.verdicts.filter((v) => v.citizens.satisfaction !== null);
  return (
    <svg
      class="verdict-chart__svg"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      aria-hidden="true"
      focusable="false"
      xmlns="http://www.w3.org/2000/svg"
    >
      {SHADED.map(({ standing, above, region }) => {
        const column = cols.find((c) => c.standing === standing)!;
        const top = above ? y(1) : y(thresholds.low);
        const bottom = above ? y(thresholds.high) : y(0);
        return (
          <g class={`verdict-chart__region verdict-chart__region--${region}`}>
            <rect
              x={round(column.x0)}
              y={round(top)}
              width={round(column.x1 - column.x0)}
              height={round(bottom - top)}
            />
            <text x={round(column.x0 + 6)} y={round(above ? top + 16 : bottom - 6)}>
              {t.region(region)}
            </text>
          </g>
        );
      })}
      {TICKS.map((tick) => (
        <g class="verdict-chart__tick">
          <line x1={PLOT.left} x2={PLOT.right} y1={round(y(tick))} y2={round(y(tick))} />
          <text x={PLOT.left - 6} y={round(y(tick) + 4)} text-anchor="end">
            {formatShare(tick, lang).replace(/\.0(?=\D*$)/, '')}
          </text>
        </g>
      ))}
      {[thresholds.low, thresholds.high].map((share) => (
        <line
          class="verdict-chart__threshold"
          x1={PLOT.left}
          x2={PLOT.right}
          y1={round(y(share))}
          y2={round(y(share))}
        />
      ))}
      {cols.map((column) => (
        <g class="verdict-chart__column">
          <line x1={round(column.x0)} x2={round(column.x0)} y1={PLOT.top} y2={PLOT.bottom} />
          <text x={round((column.x0 + column.x1) / 2)} y={PLOT.bottom + 20} text-anchor="middle">
            {columnLabel[column.standing]}
          </text>
        </g>
      ))}
      <text class="verdict-chart__axis" x={round((PLOT.left + PLOT.right) / 2)} y={HEIGHT - 8} text-anchor="middle">
        {t.verdictsAxisOfficial}
      </text>
      <text
        class="verdict-chart__axis"
        x={14}
        y={round((PLOT.top + PLOT.bottom) / 2)}
        text-anchor="middle"
        transform={`rotate(-90 14 ${round((PLOT.top + PLOT.bottom) / 2)})`}
      >
        {t.verdictsAxisSatisfaction}
      </text>
      {cols.flatMap((column) => {
        // Spread each column's points evenly across it, worst satisfied share first.
        const inColumn = rated
          .filter((v) => v.official.standing === column.standing)
          .sort((a, b) => a.citizens.satisfaction!.share - b.citizens.satisfaction!.share);
        return inColumn.map((v, index) => {
          const s = v.citizens.satisfaction!;
          const x = round(column.x0 + ((index + 1) / (inColumn.length + 1)) * (column.x1 - column.x0));
          const title = t.verdictsPointTitle(
            props.nameOf(v),
            props.officialOf(v),
            satisfactionShown(t, lang, v.citizens, 'column'),
            t.region(v.region),
          );
          return (
            <a
              href={props.hrefOf(v)}
              tabindex={-1}
              class={`verdict-chart__point verdict-chart__point--${v.region}${v.citizens.tooFew ? ' verdict-chart__point--few' : ''}`}
            >
              <title>{title}</title>
              <line x1={x} x2={x} y1={round(y(s.lower))} y2={round(y(s.upper))} />
              <line x1={x - 4} x2={x + 4} y1={round(y(s.lower))} y2={round(y(s.lower))} />
              <line x1={x - 4} x2={x + 4} y1={round(y(s.upper))} y2={round(y(s.upper))} />
              <circle cx={x} cy={round(y(s.share))} r={5} />
            </a>
          );
        });
      })}
    </svg>
  );
}
