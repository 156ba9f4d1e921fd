import type * as z from 'zod/mini';
import type { ProgressAssessment as ProgressAssessmentModel } from '../api/plan-schemas.js';

/**
 * The vocabulary of the status method (shared/progress/status.ts): what an assessment says and
 * the numbers it carries, the trajectory it is measured against, and the stable codes that
 * explain it. Types, the ratio bands and the lists of codes, so that pages and schemas can name them
 * without the method itself.
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
  'achieved' | 'on_track' | 'needs_acceleration' | 'limited_progress' | 'deteriorating' | 'not_assessable';

/**
 * - compound: level with positive base and target; rates are fractions per year (0.07 = 7 %).
 * - linear: absolute change per year (cumulative counts, or a level whose base/target is ≤ 0).
 * - percentage-point: shares; change in percentage points (the indicator's unit) per year.
 * - annual-floor: the indicator is itself a yearly rate; its period mean is compared with the floor.
 */
export const PROGRESS_METHODS = ['compound', 'linear', 'percentage-point', 'annual-floor'] as const;
export type ProgressMethod = (typeof PROGRESS_METHODS)[number];

/** Stable machine codes explaining the status. */
export const ASSESSMENT_REASONS = [
  // not_assessable
  'qualitative-target', // target is a statement (完成市下达目标) and there is no growth rate
  'missing-target', // target cell is '-' / empty and there is no growth rate
  'no-base', // no baseline and fewer than two observations to take one from
  'no-observation-after-base', // nothing observed after the base year (yet)
  'growth-target-needs-positive-base', // a growth rate cannot be applied to a base ≤ 0
  // achieved
  'target-met', // latest value meets the (published or implied) target; rate: period mean meets the floor in the target year
  // deteriorating without a ratio
  'maintain-missed', // target asks for no improvement over the base, and the latest value falls short of it
  'floor-missed', // rate indicator whose floor has no direction (0, or the wrong sign) and the mean misses it
  // on_track without a ratio
  'floor-met', // same kind of floor, met so far (before the target year)
  // banded statuses
  'ratio', // status from the ratio bands
  'ratio-capped-at-target-year', // ratio says on track, but the target year is observed and the target is not met
] as const;
export type AssessmentReason = (typeof ASSESSMENT_REASONS)[number];

/** Caveats about how the numbers were obtained. Stable machine codes. */
export const ASSESSMENT_NOTES = [
  'duplicate-years-last-wins', // several observations for one year: the later entry in the input was used
  'invalid-observations-ignored', // non-integer year or non-finite value
  'observations-outside-period-ignored', // before the baseline year or after the target year
  'baseline-year-observation-differs', // an observation for the baseline year differs from the published baseline; the published one is used
  'linear-fallback-non-positive-base', // level with base ≤ 0: compound rate undefined, absolute change used
  'linear-fallback-non-positive-target', // level with target ≤ 0: same
  'observed-value-not-positive', // compound path with latest ≤ 0: observed rate counted as −100 %
  'no-improvement-required', // target equals the base or is already met by it ("maintain")
] as const;
export type AssessmentNote = (typeof ASSESSMENT_NOTES)[number];

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

/**
 * What the status method says of an indicator and the numbers it came from: the API's model of it
 * (ProgressAssessment in shared/api/plan-schemas.ts, where each field is explained), so that what the
 * method computes is what the API documents.
 */
export type ProgressAssessment = z.output<typeof ProgressAssessmentModel>;

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
