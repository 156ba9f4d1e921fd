import type { Indicator } from '../plan/schema.js';
import type {
  AssessmentNote,
  AssessmentReason,
  BasePoint,
  Observation,
  ProgressMethod,
  TargetPoint,
  Trajectory,
  TrajectoryResult,
} from './assessment.js';

/**
 * The path an indicator is measured against: its observations cleaned and windowed, the base it
 * starts from, the (published or implied) target, the method and the required rate, and the value
 * expected on that path in any year. Pure, like the status method that uses it.
 */

// ---------------------------------------------------------------------------------------------
// Observations

interface CleanSeries {
  /** unique years within [baselineYear, targetYear], ascending */
  series: Observation[];
  notes: AssessmentNote[];
}

/**
 * Sort, de-duplicate and window the observations. The caller is expected to pass one current
 * revision per year; if a year appears twice anyway, the later entry in the input wins (it is the
 * more likely to be a correction). Values after the target year belong to the next plan and
 * values before the baseline year predate this one, so both are left out.
 */
export function cleanObservations(indicator: Indicator, observations: readonly Observation[]): CleanSeries {
  const notes = new Set<AssessmentNote>();
  const byYear = new Map<number, number>();
  for (const o of observations) {
    if (!Number.isInteger(o.year) || !Number.isFinite(o.value)) {
      notes.add('invalid-observations-ignored');
      continue;
    }
    if (o.year < indicator.baselineYear || o.year > indicator.targetYear) {
      notes.add('observations-outside-period-ignored');
      continue;
    }
    if (byYear.has(o.year)) notes.add('duplicate-years-last-wins');
    byYear.set(o.year, o.value);
  }
  const series = [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, value]) => ({ year, value }));
  return { series, notes: [...notes] };
}

// ---------------------------------------------------------------------------------------------
// Small arithmetic helpers

/** Does `value` satisfy `target` for this direction? */
export function meets(value: number, target: number, direction: Indicator['direction']): boolean {
  return direction === 'higher' ? value >= target : value <= target;
}

/** Compound annual rate from `from` to `to` over `years`; a non-positive end value counts as −100 %. */
export function compoundRate(from: number, to: number, years: number): number {
  return Math.pow(Math.max(to, 0) / from, 1 / years) - 1;
}

export function linearRate(from: number, to: number, years: number): number {
  return (to - from) / years;
}

// ---------------------------------------------------------------------------------------------
// Trajectory: base, target, method and required rate

/** A target that is neither a number nor backed by a growth rate cannot be assessed. */
function unusableTargetReason(indicator: Indicator): AssessmentReason | null {
  if (indicator.target.kind === 'number' || indicator.growth) return null;
  return indicator.target.kind === 'qualitative' ? 'qualitative-target' : 'missing-target';
}

/**
 * Where the path starts. Cumulative counts start at zero by definition; otherwise the published
 * baseline; without one, the earliest observation, but only if a later one exists to compare with.
 */
function resolveBase(indicator: Indicator, series: readonly Observation[]): BasePoint | null {
  if (indicator.measure === 'cumulative') return { year: indicator.baselineYear, value: 0, source: 'cumulative-zero' };
  if (indicator.baseline.kind === 'number') {
    return { year: indicator.baselineYear, value: indicator.baseline.value, source: 'baseline' };
  }
  const [first, second] = series;
  if (first && second) return { ...first, source: 'first-observation' };
  return null;
}

/** For a yearly-rate indicator the "target" is the floor (or ceiling): the target cell, else the growth rate. */
function rateTrajectory(indicator: Indicator): TrajectoryResult {
  const base: BasePoint | null =
    indicator.baseline.kind === 'number'
      ? { year: indicator.baselineYear, value: indicator.baseline.value, source: 'baseline' }
      : null;
  const floor = indicator.target.kind === 'number' ? indicator.target.value : indicator.growth?.percent;
  if (floor === undefined) {
    const reason = unusableTargetReason(indicator) ?? 'missing-target';
    return { ok: false, missing: { reason, base, target: null, notes: [] } };
  }
  const target: TargetPoint = { year: indicator.targetYear, value: floor, implied: false };
  return { ok: true, trajectory: { method: 'annual-floor', base, target, required: floor, notes: [] } };
}

/** Level, share and cumulative indicators: a path of values from the base to the (published or implied) target. */
function valueTrajectory(indicator: Indicator, series: readonly Observation[]): TrajectoryResult {
  const unusable = unusableTargetReason(indicator);
  const base = resolveBase(indicator, series);
  if (unusable) {
    return {
      ok: false,
      missing: {
        reason: unusable,
        base,
        target: { year: indicator.targetYear, value: null, implied: false },
        notes: [],
      },
    };
  }
  if (!base) {
    const target =
      indicator.target.kind === 'number'
        ? { year: indicator.targetYear, value: indicator.target.value, implied: false }
        : null;
    return { ok: false, missing: { reason: 'no-base', base: null, target, notes: [] } };
  }
  const years = indicator.targetYear - base.year;
  const notes: AssessmentNote[] = [];

  // Only a growth rate: a rate worded 年均增长 is compound whatever the measure, and it implies a 2025 level.
  if (indicator.target.kind !== 'number') {
    const growth = indicator.growth!; // unusableTargetReason guarantees it
    if (base.value <= 0) {
      return { ok: false, missing: { reason: 'growth-target-needs-positive-base', base, target: null, notes } };
    }
    const required = growth.percent / 100;
    const implied = base.value * Math.pow(1 + required, years);
    // A zero rate, or a rate that allows movement the wrong way (≥ −2 %), asks for no improvement.
    if (meets(base.value, implied, indicator.direction)) notes.push('no-improvement-required');
    const target: TargetPoint = { year: indicator.targetYear, value: implied, implied: true };
    return { ok: true, trajectory: { method: 'compound', base, target, required, notes } };
  }

  const targetValue = indicator.target.value;
  const target: TargetPoint = { year: indicator.targetYear, value: targetValue, implied: false };
  let method: ProgressMethod;
  if (indicator.measure === 'share') method = 'percentage-point';
  else if (indicator.measure === 'cumulative') method = 'linear';
  else if (base.value <= 0) {
    method = 'linear';
    notes.push('linear-fallback-non-positive-base');
  } else if (targetValue <= 0) {
    method = 'linear';
    notes.push('linear-fallback-non-positive-target');
  } else method = 'compound';

  const required =
    method === 'compound' ? compoundRate(base.value, targetValue, years) : linearRate(base.value, targetValue, years);
  if (meets(base.value, targetValue, indicator.direction)) notes.push('no-improvement-required');
  return { ok: true, trajectory: { method, base, target, required, notes } };
}

export function trajectoryFromSeries(indicator: Indicator, series: readonly Observation[]): TrajectoryResult {
  return indicator.measure === 'rate' ? rateTrajectory(indicator) : valueTrajectory(indicator, series);
}

/**
 * The path an indicator is measured against: method, base, target and required change per year.
 * `observations` matter only when the baseline is missing (the earliest observation becomes the base).
 */
export function resolveTrajectory(indicator: Indicator, observations: readonly Observation[] = []): TrajectoryResult {
  return trajectoryFromSeries(indicator, cleanObservations(indicator, observations).series);
}

/** Trajectory value at `year`, or null outside [base year, target year]. */
export function valueOnTrajectory(t: Trajectory, year: number, targetYear: number): number | null {
  if (t.method === 'annual-floor') {
    // A yearly rate has no level path: every plan year after the base is expected to reach the floor.
    const start = t.base?.year ?? -Infinity;
    return year > start && year <= targetYear ? t.required : null;
  }
  const base = t.base!; // every non-floor trajectory has a base
  if (year < base.year || year > targetYear) return null;
  const elapsed = year - base.year;
  if (t.method === 'compound') return base.value * Math.pow(1 + t.required, elapsed);
  return base.value + t.required * elapsed;
}

/**
 * Expected value of the indicator in `year` on the path from the base to the target
 * (compound, linear or percentage-point; the floor itself for yearly-rate indicators).
 * Null when there is no path (qualitative or missing target, no base) or the year is outside
 * the plan period [base year, target year]. Pass `observations` when the baseline may be missing,
 * so the same first-observation base is used as in `assessProgress`.
 */
export function expectedValue(
  indicator: Indicator,
  year: number,
  observations: readonly Observation[] = [],
): number | null {
  const resolved = resolveTrajectory(indicator, observations);
  return resolved.ok ? valueOnTrajectory(resolved.trajectory, year, indicator.targetYear) : null;
}
