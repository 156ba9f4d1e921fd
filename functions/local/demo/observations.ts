import type { Cell, Indicator } from '../../../shared/plan/schema.js';
import type { Observation, ProgressStatus, Trajectory } from '../../../shared/progress/assessment.js';
import { assessProgress } from '../../../shared/progress/status.js';
import { resolveTrajectory } from '../../../shared/progress/trajectory.js';
import type { Random } from './random.js';

/**
 * Yearly values for a plan's indicators, made up so that the statuses spread over all six: each
 * assessable indicator is given a status in turn and moves at the pace that lands it there, and
 * the status method itself (assessProgress) confirms it. Nothing here is a real figure.
 */

/** The statuses an indicator with a path can land in, in the order they are handed out. */
export const ASSESSED_STATUSES = [
  'achieved',
  'on_track',
  'needs_acceleration',
  'limited_progress',
  'deteriorating',
] as const satisfies readonly ProgressStatus[];
type AssessedStatus = (typeof ASSESSED_STATUSES)[number];

/**
 * How fast an indicator moves, as a multiple of the pace its target requires, to land in each
 * status; and whether the value of the target year is out yet. "On track" needs it not to be:
 * once the target year is observed an unmet target is at best "needs acceleration"
 * (docs/status-method.md), so those indicators stop a year short, as if that year's value were
 * still to be published.
 */
const PACE: Record<AssessedStatus, { pace: number; targetYearPublished: boolean }> = {
  achieved: { pace: 1.25, targetYearPublished: true },
  on_track: { pace: 1.02, targetYearPublished: false },
  needs_acceleration: { pace: 0.8, targetYearPublished: true },
  limited_progress: { pace: 0.3, targetYearPublished: true },
  deteriorating: { pace: -0.4, targetYearPublished: true },
};

export interface DemoSeries {
  indicatorId: string;
  /** The status the values were made for; assessProgress gives exactly this. */
  status: ProgressStatus;
  values: Observation[];
}

const numberOf = (cell: Cell) => (cell.kind === 'number' ? cell.value : null);

/** Whether an indicator has a number to start from or aim at; a purely qualitative row gets no values. */
const isNumeric = (indicator: Indicator) =>
  numberOf(indicator.baseline) !== null ||
  numberOf(indicator.target) !== null ||
  indicator.growth !== null ||
  indicator.measure === 'cumulative';

/** Decimals as the plan prints the indicator (438.08 → 2), at least two for small numbers. */
function decimalsOf(indicator: Indicator): number {
  const raw =
    indicator.baseline.kind === 'number'
      ? indicator.baseline.raw
      : indicator.target.kind === 'number'
        ? indicator.target.raw
        : '';
  const printed = raw.split('.')[1]?.length ?? 0;
  const size = Math.abs(numberOf(indicator.baseline) ?? numberOf(indicator.target) ?? 100);
  return size < 10 ? Math.max(printed, 2) : printed;
}

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

/** Values moving at `pace` times the required pace, with a little noise in every year but the last. */
function valuesAtPace(
  indicator: Indicator,
  pace: number,
  targetYearPublished: boolean,
  random: Random,
): Observation[] | null {
  const decimals = decimalsOf(indicator);
  // Without a baseline the first value is the base (docs/status-method.md): publish one, then move from it.
  const first: Observation[] =
    indicator.baseline.kind !== 'number' && indicator.measure !== 'cumulative' && indicator.measure !== 'rate'
      ? [{ year: indicator.baselineYear + 1, value: 100 }]
      : [];
  const resolved = resolveTrajectory(indicator, first);
  if (!resolved.ok) return null;
  const t: Trajectory = resolved.trajectory;
  const lastYear = targetYearPublished ? indicator.targetYear : indicator.targetYear - 1;
  const startYear = t.base?.year ?? indicator.baselineYear;
  const values: Observation[] = [...first];
  const years = Array.from({ length: lastYear - startYear }, (_, i) => startYear + 1 + i);
  if (t.method === 'annual-floor') {
    // The mean of the yearly values is what counts: noise that sums to zero leaves it at pace × floor.
    const noise = years.map(() => (random.next() - 0.5) * 0.3 * Math.abs(t.required));
    const mean = noise.reduce((a, b) => a + b, 0) / noise.length;
    return years.map((year, i) => ({ year, value: round(pace * t.required + noise[i]! - mean, decimals) }));
  }
  const base = t.base!;
  for (const year of years) {
    const elapsed = year - base.year;
    // The noise is a share of a year's movement, so a percentage near 100 does not wobble past it.
    const wobble = year === lastYear ? 0 : (random.next() - 0.5) * 0.4;
    const value =
      t.method === 'compound'
        ? base.value * Math.pow(1 + pace * t.required * (1 + wobble / elapsed), elapsed)
        : base.value + pace * t.required * (elapsed + wobble);
    values.push({ year, value: round(value, decimals) });
  }
  return values;
}

/** Values that wander around the baseline: for an indicator whose status cannot be computed anyway. */
function wanderingValues(indicator: Indicator, random: Random): Observation[] {
  const decimals = decimalsOf(indicator);
  let value = numberOf(indicator.baseline) ?? numberOf(indicator.target) ?? 100;
  return Array.from({ length: indicator.targetYear - indicator.baselineYear }, (_, i) => {
    value = value * (1 + (random.next() - 0.5) * 0.06);
    return { year: indicator.baselineYear + 1 + i, value: round(value, decimals) };
  });
}

/**
 * Values for every numeric indicator, in plan order. The k-th indicator that has a path is
 * meant for the k-th status of ASSESSED_STATUSES (round robin); one that cannot reach it (a target
 * the baseline already meets can only be achieved or missed) takes the next status it can reach.
 */
export function demoSeries(indicators: readonly Indicator[], random: Random): DemoSeries[] {
  const series: DemoSeries[] = [];
  let turn = 0;
  for (const indicator of [...indicators].sort((a, b) => a.seq - b.seq)) {
    if (!isNumeric(indicator)) continue;
    const landed = ASSESSED_STATUSES.map((_, i) => ASSESSED_STATUSES[(turn + i) % ASSESSED_STATUSES.length]!)
      .map((status) => {
        const values = valuesAtPace(indicator, PACE[status].pace, PACE[status].targetYearPublished, random);
        return values && assessProgress(indicator, values).status === status ? { status, values } : null;
      })
      .find((found) => found !== null);
    if (landed) {
      turn++;
      series.push({ indicatorId: indicator.id, ...landed });
    } else {
      const values = wanderingValues(indicator, random);
      series.push({ indicatorId: indicator.id, status: assessProgress(indicator, values).status, values });
    }
  }
  return series;
}
