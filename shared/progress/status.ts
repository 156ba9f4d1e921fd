import type { Indicator } from '../plan/schema.js';

/**
 * Progress status of a plan indicator.
 *
 * Starts from the Open SDG / Statistics Canada "ratio" method (observed compound annual growth
 * rate divided by the required one, cut into bands) and adapts it to a five-year plan, whose
 * indicators are levels, shares, yearly rates or cumulative counts (see `Measure` in the schema).
 *
 * Pure: no I/O and no clock. The caller passes the indicator and its yearly observations; the
 * "current" year is the year of the latest usable observation. docs/status-method.md describes
 * the method in plain words and must be kept in step with this file.
 */

/** One official yearly value of an indicator. */
export interface Observation {
  readonly year: number;
  readonly value: number;
}

/** Ratio bands. `ratio >= onTrack` → on track; `needsAcceleration <= ratio < onTrack` → needs
 *  acceleration; `0 <= ratio < needsAcceleration` → limited progress; `ratio < 0` → deteriorating. */
export const STATUS_THRESHOLDS = { onTrack: 0.95, needsAcceleration: 0.6 } as const;
export type StatusThresholds = typeof STATUS_THRESHOLDS;

export type ProgressStatus =
  | 'achieved'
  | 'on_track'
  | 'needs_acceleration'
  | 'limited_progress'
  | 'deteriorating'
  | 'not_assessable';

/**
 * - compound: level with positive base and target; rates are fractions per year (0.07 = 7 %).
 * - linear: absolute change per year (cumulative counts, or a level whose base/target is ≤ 0).
 * - percentage-point: shares; change in percentage points (the indicator's unit) per year.
 * - annual-floor: the indicator is itself a yearly rate; its period mean is compared with the floor.
 */
export type ProgressMethod = 'compound' | 'linear' | 'percentage-point' | 'annual-floor';

/** Stable machine codes explaining the status. */
export type AssessmentReason =
  // not_assessable
  | 'qualitative-target' // target is a statement (完成市下达目标) and there is no growth rate
  | 'missing-target' // target cell is '-' / empty and there is no growth rate
  | 'no-base' // no baseline and fewer than two observations to take one from
  | 'no-observation-after-base' // nothing observed after the base year (yet)
  | 'growth-target-needs-positive-base' // a growth rate cannot be applied to a base ≤ 0
  // achieved
  | 'target-met' // latest value meets the (published or implied) target; rate: period mean meets the floor in the target year
  // deteriorating without a ratio
  | 'maintain-missed' // target asks for no improvement over the base, and the latest value falls short of it
  | 'floor-missed' // rate indicator whose floor has no direction (0, or the wrong sign) and the mean misses it
  // on_track without a ratio
  | 'floor-met' // same kind of floor, met so far (before the target year)
  // banded statuses
  | 'ratio' // status from the ratio bands
  | 'ratio-capped-at-target-year'; // ratio says on track, but the target year is observed and the target is not met

/** Caveats about how the numbers were obtained. Stable machine codes. */
export type AssessmentNote =
  | 'duplicate-years-last-wins' // several observations for one year: the later entry in the input was used
  | 'invalid-observations-ignored' // non-integer year or non-finite value
  | 'observations-outside-period-ignored' // before the baseline year or after the target year
  | 'baseline-year-observation-differs' // an observation for the baseline year differs from the published baseline; the published one is used
  | 'linear-fallback-non-positive-base' // level with base ≤ 0: compound rate undefined, absolute change used
  | 'linear-fallback-non-positive-target' // level with target ≤ 0: same
  | 'observed-value-not-positive' // compound path with latest ≤ 0: observed rate counted as −100 %
  | 'no-improvement-required'; // target equals the base or is already met by it ("maintain")

export type BaseSource = 'baseline' | 'first-observation' | 'cumulative-zero';

export interface BasePoint {
  year: number;
  value: number;
  source: BaseSource;
}

export interface TargetPoint {
  year: number;
  value: number | null;
  /** true when the value is derived from a growth rate (base·(1+r)^n), not published in the plan. */
  implied: boolean;
}

export interface GrowthCheck {
  /** the plan's annual growth rate, in percent, signed (negative = decline) */
  requiredPercent: number;
  /** compound annual growth from the base to the latest observation, in percent */
  observedPercent: number | null;
  /** observed reaches the required rate (≥ for direction higher, ≤ for lower) */
  met: boolean | null;
}

export interface ProgressAssessment {
  status: ProgressStatus;
  reason: AssessmentReason;
  method: ProgressMethod | null;
  base: BasePoint | null;
  target: TargetPoint | null;
  /** latest observation used: after the base year, up to and including the target year */
  latest: Observation | null;
  /** per year: fraction (compound), indicator units (linear, percentage-point), or the floor itself (annual-floor) */
  required: number | null;
  /** same unit as `required`; for annual-floor the mean of the yearly values after the base year */
  observed: number | null;
  ratio: number | null;
  /** trajectory value at the latest observed year (the floor, for annual-floor) */
  expectedAtLatest: number | null;
  thresholds: StatusThresholds;
  notes: AssessmentNote[];
  /** present when the plan gives both a level target and an annual growth rate (e.g. GDP 650 and ≥ 7 %) */
  growthCheck?: GrowthCheck;
}

/** The path from the base to the target that the indicator is measured against. */
export interface Trajectory {
  method: ProgressMethod;
  /** null only for annual-floor indicators without a numeric baseline (the floor does not need one) */
  base: BasePoint | null;
  target: TargetPoint;
  /** required change per year, unit as in `ProgressAssessment.required` */
  required: number;
  notes: AssessmentNote[];
}

export interface NoTrajectory {
  reason: AssessmentReason;
  base: BasePoint | null;
  target: TargetPoint | null;
  notes: AssessmentNote[];
}

export type TrajectoryResult = { ok: true; trajectory: Trajectory } | { ok: false; missing: NoTrajectory };

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
function cleanObservations(indicator: Indicator, observations: readonly Observation[]): CleanSeries {
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
function meets(value: number, target: number, direction: Indicator['direction']): boolean {
  return direction === 'higher' ? value >= target : value <= target;
}

/** Compound annual rate from `from` to `to` over `years`; a non-positive end value counts as −100 %. */
function compoundRate(from: number, to: number, years: number): number {
  return Math.pow(Math.max(to, 0) / from, 1 / years) - 1;
}

function linearRate(from: number, to: number, years: number): number {
  return (to - from) / years;
}

/** Compare ratios after rounding to 9 decimals, so that a ratio that is exactly on a band boundary
 *  in decimal arithmetic (e.g. 1.9 pp / 2 pp = 0.95) is not pushed below it by binary round-off. */
function forComparison(ratio: number): number {
  return Math.round(ratio * 1e9) / 1e9;
}

function band(ratio: number): Exclude<ProgressStatus, 'achieved' | 'not_assessable'> {
  const r = forComparison(ratio);
  if (r >= STATUS_THRESHOLDS.onTrack) return 'on_track';
  if (r >= STATUS_THRESHOLDS.needsAcceleration) return 'needs_acceleration';
  if (r >= 0) return 'limited_progress';
  return 'deteriorating';
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
    return { ok: false, missing: { reason: unusable, base, target: { year: indicator.targetYear, value: null, implied: false }, notes: [] } };
  }
  if (!base) {
    const target = indicator.target.kind === 'number' ? { year: indicator.targetYear, value: indicator.target.value, implied: false } : null;
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

function trajectoryFromSeries(indicator: Indicator, series: readonly Observation[]): TrajectoryResult {
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
function valueOnTrajectory(t: Trajectory, year: number, targetYear: number): number | null {
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
export function expectedValue(indicator: Indicator, year: number, observations: readonly Observation[] = []): number | null {
  const resolved = resolveTrajectory(indicator, observations);
  return resolved.ok ? valueOnTrajectory(resolved.trajectory, year, indicator.targetYear) : null;
}

// ---------------------------------------------------------------------------------------------
// Assessment

function notAssessable(missing: NoTrajectory, method: ProgressMethod | null, required: number | null, extraNotes: AssessmentNote[]): ProgressAssessment {
  return {
    status: 'not_assessable',
    reason: missing.reason,
    method,
    base: missing.base,
    target: missing.target,
    latest: null,
    required,
    observed: null,
    ratio: null,
    expectedAtLatest: null,
    thresholds: STATUS_THRESHOLDS,
    notes: [...extraNotes, ...missing.notes],
  };
}

/** Ratio bands, with the target-year cap: once the target year is observed and the target is not met,
 *  the plan period is over, so "on track" would be misleading; the best left is "needs acceleration". */
function bandedStatus(ratio: number, latestYear: number, targetYear: number): Pick<ProgressAssessment, 'status' | 'reason'> {
  const status = band(ratio);
  if (status === 'on_track' && latestYear >= targetYear) return { status: 'needs_acceleration', reason: 'ratio-capped-at-target-year' };
  return { status, reason: 'ratio' };
}

/**
 * Yearly-rate indicators (固定资产投资增长率 ≥ 10 %/yr): the mean of the observed yearly values after the
 * base year is compared with the floor (ratio = mean / floor). Gaps are not filled in. Achieved only
 * when the target year has been observed and the period mean meets the floor: before that, a good
 * mean is "on track", because later years can still pull it down.
 */
function assessRate(indicator: Indicator, t: Trajectory, series: readonly Observation[], notes: AssessmentNote[]): ProgressAssessment {
  const floor = t.required;
  const after = series.filter((o) => o.year > indicator.baselineYear);
  const latest = after.at(-1);
  if (!latest) {
    return notAssessable({ reason: 'no-observation-after-base', base: t.base, target: t.target, notes: [] }, t.method, floor, notes);
  }
  const mean = after.reduce((sum, o) => sum + o.value, 0) / after.length;
  const met = meets(mean, floor, indicator.direction);
  // mean / floor is a progress ratio only when the floor points the way the indicator should move
  // (a positive floor for "at least", a negative one for "at most", e.g. 能耗 falling ≥ 3 %/yr as −3).
  const directional = indicator.direction === 'higher' ? floor > 0 : floor < 0;
  const ratio = directional ? mean / floor : null;
  const common = {
    method: t.method,
    base: t.base,
    target: t.target,
    latest,
    required: floor,
    observed: mean,
    ratio,
    expectedAtLatest: floor,
    thresholds: STATUS_THRESHOLDS,
    notes,
  };
  const targetYearObserved = latest.year >= indicator.targetYear;
  if (met && targetYearObserved) return { ...common, status: 'achieved', reason: 'target-met' };
  if (ratio === null) {
    return met ? { ...common, status: 'on_track', reason: 'floor-met' } : { ...common, status: 'deteriorating', reason: 'floor-missed' };
  }
  return { ...common, ...bandedStatus(ratio, latest.year, indicator.targetYear) };
}

function growthCheckFor(indicator: Indicator, base: BasePoint, latest: Observation | null): GrowthCheck | undefined {
  // Only an extra when a published level target drives the status; growth-only targets already use the rate.
  if (!indicator.growth || indicator.target.kind !== 'number') return undefined;
  const requiredPercent = indicator.growth.percent;
  if (!latest || base.value <= 0) return { requiredPercent, observedPercent: null, met: null };
  const observedPercent = compoundRate(base.value, latest.value, latest.year - base.year) * 100;
  return { requiredPercent, observedPercent, met: meets(observedPercent, requiredPercent, indicator.direction) };
}

/** Level, share and cumulative indicators: target met → achieved; otherwise observed/required per year, banded. */
function assessValuePath(indicator: Indicator, t: Trajectory, series: readonly Observation[], notes: AssessmentNote[]): ProgressAssessment {
  const base = t.base!; // every non-floor trajectory has a base
  const latest = series.filter((o) => o.year > base.year).at(-1) ?? null;
  const growthCheck = growthCheckFor(indicator, base, latest);
  const withGrowth = growthCheck ? { growthCheck } : {};
  if (!latest) {
    return { ...notAssessable({ reason: 'no-observation-after-base', base, target: t.target, notes: [] }, t.method, t.required, notes), ...withGrowth };
  }

  const elapsed = latest.year - base.year;
  const observed =
    t.method === 'compound' ? compoundRate(base.value, latest.value, elapsed) : linearRate(base.value, latest.value, elapsed);
  if (t.method === 'compound' && latest.value <= 0) notes.push('observed-value-not-positive');
  const targetValue = t.target.value!; // level trajectories always carry a target value
  const noImprovementRequired = t.notes.includes('no-improvement-required');
  // A zero required change makes the ratio meaningless (division by zero); so does a "target" the base
  // already satisfies (the ratio of two changes of opposite sign would reward moving the wrong way).
  const ratio = noImprovementRequired || t.required === 0 ? null : observed / t.required;
  const common = {
    method: t.method,
    base,
    target: t.target,
    latest,
    required: t.required,
    observed,
    ratio,
    expectedAtLatest: valueOnTrajectory(t, latest.year, indicator.targetYear),
    thresholds: STATUS_THRESHOLDS,
    notes,
    ...withGrowth,
  };

  if (meets(latest.value, targetValue, indicator.direction)) return { ...common, status: 'achieved', reason: 'target-met' };
  if (ratio === null) return { ...common, status: 'deteriorating', reason: 'maintain-missed' };
  return { ...common, ...bandedStatus(ratio, latest.year, indicator.targetYear) };
}

/** Notes about the published baseline that a reader should see (the plan's figure wins over data). */
function baselineNotes(indicator: Indicator, t: Trajectory, series: readonly Observation[]): AssessmentNote[] {
  if (t.base?.source !== 'baseline') return [];
  const sameYear = series.find((o) => o.year === t.base!.year);
  return sameYear && sameYear.value !== t.base.value ? ['baseline-year-observation-differs'] : [];
}

/**
 * Status of one indicator given its yearly observations (any order; one value per year expected,
 * later entries win for duplicates; years outside [baselineYear, targetYear] are ignored).
 */
export function assessProgress(indicator: Indicator, observations: readonly Observation[]): ProgressAssessment {
  const { series, notes: seriesNotes } = cleanObservations(indicator, observations);
  const resolved = trajectoryFromSeries(indicator, series);
  if (!resolved.ok) return notAssessable(resolved.missing, null, null, seriesNotes);
  const t = resolved.trajectory;
  const notes = [...seriesNotes, ...baselineNotes(indicator, t, series), ...t.notes];
  return t.method === 'annual-floor' ? assessRate(indicator, t, series, notes) : assessValuePath(indicator, t, series, notes);
}
