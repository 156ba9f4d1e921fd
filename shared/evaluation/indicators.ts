import type { Indicator } from '../plan/schema.js';
import { currentObservations, type Observation as StoredObservation } from '../plan/observation.js';
import type {
  AssessmentReason,
  GrowthCheck,
  Observation,
  ProgressMethod,
  ProgressStatus,
} from '../progress/assessment.js';
import { assessProgress } from '../progress/status.js';
import { cleanObservations, meets } from '../progress/trajectory.js';

/**
 * The final evaluation of one indicator (终期评估): its last observed value, its target, whether the
 * target was reached, and by how much. The verdict is the status method's own (shared/progress):
 * `achieved` exactly when assessProgress says achieved, `not_assessable` when it says so, and
 * `not_achieved` for every other status, because at the end of the period "on track" or "needs
 * acceleration" no longer describes a plan still running. Nothing is filled in: without a value
 * after the base year the indicator has "no final value" and counts as not assessable.
 */

export const VERDICTS = ['achieved', 'not_achieved', 'not_assessable'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why a verdict is what it is: the status method's reason, or `no-final-value` when nothing was observed. */
export type VerdictReason = AssessmentReason | 'no-final-value';

/** Why a stretch goal has no verdict beside the ones the main target can have. */
export type StretchReason = 'met' | 'not-met' | 'no-final-value' | 'different-quantity';

export interface StretchEvaluation {
  value: number;
  /** As printed in the plan (800亿元, 固定投资额达到200亿元). */
  raw: string;
  verdict: Verdict;
  reason: StretchReason;
  /** final value − stretch goal in the better direction (negative: short of it); null without a verdict. */
  gap: number | null;
}

export interface IndicatorEvaluation {
  indicatorId: string;
  seq: number;
  nameZh: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  category: Indicator['category'];
  attribute: Indicator['attribute'];
  direction: Indicator['direction'];
  measure: Indicator['measure'];
  method: ProgressMethod | null;
  /** The target the verdict compares with: published, implied by a growth rate, or a yearly floor. */
  target: {
    value: number | null;
    year: number;
    /** true for a level implied by a growth rate (base·(1+r)^n): not a figure of the plan. */
    implied: boolean;
    /** The plan's annual growth rate in percent that an implied level comes from, else null. */
    impliedByPercent: number | null;
    /** The plan's wording of a target that is not a number (完成市下达目标), else null. */
    text: string | null;
  };
  /** The last observed value after the base year, up to the target year (the current revision of each year). */
  final: Observation | null;
  /** Whether that value is for the target year itself; if not, the target year has not been reported. */
  finalIsTargetYear: boolean;
  /** For a yearly-rate indicator, the mean of its yearly values over the period: what meets the floor or not. */
  periodMean: number | null;
  verdict: Verdict;
  reason: VerdictReason;
  /** The status method's status at the last observed year, for reference. */
  status: ProgressStatus;
  /**
   * How far the compared value (the final value, or the period mean of a yearly rate) lies beyond the
   * target in the better direction, in the indicator's unit (percentage points for shares and rates):
   * positive beyond it, negative short of it, 0 exactly on it; null without a verdict.
   */
  gap: number | null;
  growthCheck: GrowthCheck | null;
  stretch: StretchEvaluation | null;
}

/** Beyond the target in the better direction: positive when better, whichever way better is. */
const signedGap = (value: number, target: number, direction: Indicator['direction']) =>
  direction === 'higher' ? value - target : target - value;

/**
 * A stretch goal is a value of the indicator itself except on a yearly-rate indicator, whose goal is
 * an amount (固定资产投资增长率 has 固定投资额达到200亿元): nothing observed measures that amount.
 */
export const stretchIsIndicatorValue = (indicator: Pick<Indicator, 'stretch' | 'measure'>) =>
  indicator.stretch !== null && indicator.measure !== 'rate';

function evaluateStretch(indicator: Indicator, final: Observation | null): StretchEvaluation | null {
  const { stretch } = indicator;
  if (!stretch) return null;
  const base = { value: stretch.value, raw: stretch.raw };
  if (!stretchIsIndicatorValue(indicator))
    return { ...base, verdict: 'not_assessable', reason: 'different-quantity', gap: null };
  if (!final) return { ...base, verdict: 'not_assessable', reason: 'no-final-value', gap: null };
  const met = meets(final.value, stretch.value, indicator.direction);
  return {
    ...base,
    verdict: met ? 'achieved' : 'not_achieved',
    reason: met ? 'met' : 'not-met',
    gap: signedGap(final.value, stretch.value, indicator.direction),
  };
}

const verdictOf = (status: ProgressStatus): Verdict =>
  status === 'achieved' ? 'achieved' : status === 'not_assessable' ? 'not_assessable' : 'not_achieved';

/**
 * Evaluates one indicator at the end of its period from every stored revision of its observations
 * (only the current revision of each year counts; years after the target year belong to the next plan).
 */
export function evaluateIndicator(indicator: Indicator, revisions: readonly StoredObservation[]): IndicatorEvaluation {
  const current = currentObservations(revisions.filter((o) => o.indicatorId === indicator.id)).map(
    ({ year, value }) => ({ year, value }),
  );
  const assessment = assessProgress(indicator, current);
  const final =
    cleanObservations(indicator, current)
      .series.filter((o) => o.year > indicator.baselineYear)
      .at(-1) ?? null;
  const verdict = final ? verdictOf(assessment.status) : 'not_assessable';
  const reason: VerdictReason = final ? assessment.reason : 'no-final-value';
  const periodMean = assessment.method === 'annual-floor' ? assessment.observed : null;
  const targetValue = assessment.target?.value ?? null;
  const compared = periodMean ?? final?.value ?? null;
  const gap =
    verdict !== 'not_assessable' && compared !== null && targetValue !== null
      ? signedGap(compared, targetValue, indicator.direction)
      : null;
  return {
    indicatorId: indicator.id,
    seq: indicator.seq,
    nameZh: indicator.nameZh,
    nameEn: indicator.nameEn,
    unit: indicator.unit,
    unitEn: indicator.unitEn,
    category: indicator.category,
    attribute: indicator.attribute,
    direction: indicator.direction,
    measure: indicator.measure,
    method: assessment.method,
    target: {
      value: targetValue,
      year: indicator.targetYear,
      implied: assessment.target?.implied ?? false,
      impliedByPercent: assessment.target?.implied ? (indicator.growth?.percent ?? null) : null,
      text: indicator.target.kind === 'qualitative' ? indicator.target.text : null,
    },
    final,
    finalIsTargetYear: final?.year === indicator.targetYear,
    periodMean,
    verdict,
    reason,
    status: assessment.status,
    gap,
    growthCheck: assessment.growthCheck ?? null,
    stretch: evaluateStretch(indicator, final),
  };
}
