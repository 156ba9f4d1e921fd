import type { ProjectStatus } from '../plan/schema.js';
import type { ProgressStatus } from '../progress/assessment.js';
import type { Proportion } from '../ratings/statistics.js';

/**
 * The two verdicts on one target side by side, and where they agree or disagree. Pure functions of
 * an official status and a published rating summary; the aggregation run calls them (verdicts.ts)
 * and requests only read what it stored. docs/verdicts.md explains the method.
 */

/**
 * The satisfaction shares a citizens' verdict is measured against: an interval entirely at or above
 * `high` is satisfied, one entirely below `low` dissatisfied. Configured by VERDICT_LOW and
 * VERDICT_HIGH (shared/config.ts), whose defaults these are.
 */
export interface VerdictThresholds {
  low: number;
  high: number;
}
export const DEFAULT_VERDICT_THRESHOLDS: VerdictThresholds = { low: 0.5, high: 0.7 };

/** What the official figures say, in two sides: on track (or done) and behind. */
export type OfficialStanding = 'good' | 'behind' | 'not-assessable';

const INDICATOR_STANDING: Record<ProgressStatus, OfficialStanding> = {
  achieved: 'good',
  on_track: 'good',
  needs_acceleration: 'behind',
  limited_progress: 'behind',
  deteriorating: 'behind',
  not_assessable: 'not-assessable',
};

/**
 * A project's reported status. The plan gives projects no schedule, so nothing says one in progress
 * is late: "in progress" is the official claim that it is moving, and counts with "completed".
 */
const PROJECT_STANDING: Record<ProjectStatus, OfficialStanding> = {
  completed: 'good',
  in_progress: 'good',
  not_started: 'behind',
  unknown: 'not-assessable',
};

export const indicatorStanding = (status: ProgressStatus) => INDICATOR_STANDING[status];
export const projectStanding = (status: ProjectStatus) => PROJECT_STANDING[status];

/**
 * What citizens say, judged by the 95% interval of the satisfied share, not by the share itself:
 * - `too-few`: fewer ratings than the minimum (or none);
 * - `satisfied`: the whole interval at or above `high`; `dissatisfied`: the whole interval below `low`;
 * - `middling`: the whole interval between the two (citizens are lukewarm, and it is known);
 * - `straddling`: the interval crosses a threshold, so more ratings could still move it either way.
 */
export type CitizensStanding = 'satisfied' | 'dissatisfied' | 'middling' | 'straddling' | 'too-few';

export function citizensStanding(
  summary: { count: number; satisfaction: Proportion | null },
  minRatings: number,
  thresholds: VerdictThresholds,
): CitizensStanding {
  const interval = summary.satisfaction;
  if (summary.count < minRatings || interval === null) return 'too-few';
  // As with the status bands, a bound exactly on a threshold belongs to the better side.
  if (interval.lower >= thresholds.high) return 'satisfied';
  if (interval.upper < thresholds.low) return 'dissatisfied';
  if (interval.lower >= thresholds.low && interval.upper < thresholds.high) return 'middling';
  return 'straddling';
}

export const REGIONS = ['paper-progress', 'quiet-success', 'agree-bad', 'agree-good', 'undetermined'] as const;
export type Region = (typeof REGIONS)[number];

/** Why a target is undetermined; null for the four regions. */
export type UndeterminedReason = 'not-assessable' | 'too-few-ratings' | 'straddles-threshold' | 'between-thresholds';

export interface Classification {
  region: Region;
  reason: UndeterminedReason | null;
}

type ClearStanding = 'satisfied' | 'dissatisfied';

const REGION_OF: Record<'good' | 'behind', Record<ClearStanding, Region>> = {
  good: { satisfied: 'agree-good', dissatisfied: 'paper-progress' },
  behind: { satisfied: 'quiet-success', dissatisfied: 'agree-bad' },
};

const UNDETERMINED_BY: Record<Exclude<CitizensStanding, ClearStanding>, UndeterminedReason> = {
  'too-few': 'too-few-ratings',
  straddling: 'straddles-threshold',
  middling: 'between-thresholds',
};

/**
 * The region of a target. A target with no official verdict is undetermined whatever citizens say;
 * otherwise both sides must be clear: the official side and the whole satisfaction interval.
 */
export function classify(official: OfficialStanding, citizens: CitizensStanding): Classification {
  if (official === 'not-assessable') return { region: 'undetermined', reason: 'not-assessable' };
  if (citizens === 'satisfied' || citizens === 'dissatisfied')
    return { region: REGION_OF[official][citizens], reason: null };
  return { region: 'undetermined', reason: UNDETERMINED_BY[citizens] };
}
