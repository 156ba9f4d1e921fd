import type { Indicator } from '../plan/schema.js';
import type {
  AssessmentNote,
  BasePoint,
  GrowthCheck,
  NoTrajectory,
  Observation,
  ProgressAssessment,
  ProgressMethod,
  ProgressStatus,
  Trajectory,
} from './assessment.js';
import { STATUS_THRESHOLDS } from './assessment.js';
import {
  cleanObservations,
  compoundRate,
  linearRate,
  meets,
  trajectoryFromSeries,
  valueOnTrajectory,
} from './trajectory.js';

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
// Assessment

function notAssessable(
  missing: NoTrajectory,
  method: ProgressMethod | null,
  required: number | null,
  extraNotes: AssessmentNote[],
): ProgressAssessment {
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
function bandedStatus(
  ratio: number,
  latestYear: number,
  targetYear: number,
): Pick<ProgressAssessment, 'status' | 'reason'> {
  const status = band(ratio);
  if (status === 'on_track' && latestYear >= targetYear)
    return { status: 'needs_acceleration', reason: 'ratio-capped-at-target-year' };
  return { status, reason: 'ratio' };
}

/**
 * Yearly-rate indicators (固定资产投资增长率 ≥ 10 %/yr): the mean of the observed yearly values after the
 * base year is compared with the floor (ratio = mean / floor). Gaps are not filled in. Achieved only
 * when the target year has been observed and the period mean meets the floor: before that, a good
 * mean is "on track", because later years can still pull it down.
 */
function assessRate(
  indicator: Indicator,
  t: Trajectory,
  series: readonly Observation[],
  notes: AssessmentNote[],
): ProgressAssessment {
  const floor = t.required;
  const after = series.filter((o) => o.year > indicator.baselineYear);
  const latest = after.at(-1);
  if (!latest) {
    return notAssessable(
      { reason: 'no-observation-after-base', base: t.base, target: t.target, notes: [] },
      t.method,
      floor,
      notes,
    );
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
    return met
      ? { ...common, status: 'on_track', reason: 'floor-met' }
      : { ...common, status: 'deteriorating', reason: 'floor-missed' };
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
function assessValuePath(
  indicator: Indicator,
  t: Trajectory,
  series: readonly Observation[],
  notes: AssessmentNote[],
): ProgressAssessment {
  const base = t.base!; // every non-floor trajectory has a base
  const latest = series.filter((o) => o.year > base.year).at(-1) ?? null;
  const growthCheck = growthCheckFor(indicator, base, latest);
  const withGrowth = growthCheck ? { growthCheck } : {};
  if (!latest) {
    return {
      ...notAssessable(
        { reason: 'no-observation-after-base', base, target: t.target, notes: [] },
        t.method,
        t.required,
        notes,
      ),
      ...withGrowth,
    };
  }

  const elapsed = latest.year - base.year;
  const observed =
    t.method === 'compound'
      ? compoundRate(base.value, latest.value, elapsed)
      : linearRate(base.value, latest.value, elapsed);
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

  if (meets(latest.value, targetValue, indicator.direction))
    return { ...common, status: 'achieved', reason: 'target-met' };
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
  return t.method === 'annual-floor'
    ? assessRate(indicator, t, series, notes)
    : assessValuePath(indicator, t, series, notes);
}
