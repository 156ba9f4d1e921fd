import * as z from 'zod/mini';
import { VERDICTS } from '../evaluation/indicators.js';
import { Attribute, Direction, Measure, ProjectStatus } from '../plan/schema.js';
import { PROGRESS_METHODS } from '../progress/assessment.js';
import { counts } from './fields.js';
import { doc } from './registry.js';
import { RatingSummary } from './rating-schemas.js';

/** What GET /api/v1/plans/{planId}/evaluation answers: shared/evaluation/evaluation.ts's PlanEvaluation. */

const Verdict = doc(z.enum(VERDICTS), {
  id: 'EvaluationVerdict',
  description: 'The status method’s verdict at the end of the period: `achieved`, `not_achieved` or `not_assessable`.',
});
const Year = z.number().check(z.int());
const Counts = z.strictObject(counts('total', 'achieved', 'not_achieved', 'not_assessable'));

const IndicatorEvaluation = doc(
  z.strictObject({
    indicatorId: z.string(),
    seq: z.number().check(z.int()),
    nameZh: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    unitEn: z.string(),
    category: z.string(),
    attribute: Attribute,
    direction: Direction,
    measure: Measure,
    method: z.nullable(z.enum(PROGRESS_METHODS)),
    target: z.strictObject({
      value: z.nullable(z.number()),
      year: Year,
      implied: doc(z.boolean(), { description: 'A level implied by the growth rate, not a figure of the plan.' }),
      impliedByPercent: z.nullable(z.number()),
      text: doc(z.nullable(z.string()), { description: 'The wording of a qualitative target.' }),
    }),
    final: doc(z.nullable(z.strictObject({ year: Year, value: z.number() })), {
      description:
        'The last observed value after the base year, up to the target year (current revisions); null: no final value.',
    }),
    finalIsTargetYear: z.boolean(),
    periodMean: doc(z.nullable(z.number()), { description: 'A yearly-rate indicator’s mean over the period.' }),
    verdict: Verdict,
    reason: doc(z.string(), {
      description: 'The status method’s reason code (docs/status-method.md), or `no-final-value`.',
    }),
    status: z.string(),
    gap: doc(z.nullable(z.number()), {
      description:
        'Beyond (+) or short of (−) the target in the better direction, in the indicator’s unit (percentage points for shares and rates).',
    }),
    growthCheck: z.nullable(
      z.strictObject({
        requiredPercent: z.number(),
        observedPercent: z.nullable(z.number()),
        met: z.nullable(z.boolean()),
      }),
    ),
    stretch: z.nullable(
      z.strictObject({
        value: z.number(),
        raw: z.string(),
        verdict: Verdict,
        reason: z.enum(['met', 'not-met', 'no-final-value', 'different-quantity']),
        gap: z.nullable(z.number()),
      }),
    ),
  }),
  { id: 'IndicatorEvaluation', description: 'One indicator at the end of the period (docs/evaluation.md).' },
);

export const PlanEvaluation = doc(
  z.strictObject({
    planId: z.string(),
    titleZh: z.string(),
    titleEn: z.string(),
    periodStart: Year,
    periodEnd: Year,
    asOf: z.iso.datetime(),
    provisional: doc(z.boolean(), { description: 'The plan’s period has not ended: every figure may still change.' }),
    indicators: z.array(IndicatorEvaluation),
    totals: Counts,
    byCategory: z.array(z.strictObject({ category: z.string(), nameEn: z.string(), counts: Counts })),
    byAttribute: z.array(z.strictObject({ attribute: Attribute, counts: Counts })),
    projects: z.strictObject({
      byStatus: z.record(ProjectStatus, z.number().check(z.int())),
      items: z.array(
        z.strictObject({
          projectId: z.string(),
          box: z.number().check(z.int()),
          titleZh: z.string(),
          titleEn: z.string(),
          status: ProjectStatus,
          progress: z.number(),
          reportedAt: z.nullable(z.iso.datetime()),
        }),
      ),
    }),
    citizens: z.strictObject({
      ratings: z.nullable(
        z.pick(RatingSummary, {
          count: true,
          histogram: true,
          mean: true,
          satisfaction: true,
          dissatisfaction: true,
          tooFewToRank: true,
        }),
      ),
      cases: z.strictObject(
        counts(
          'cases',
          'answeredOnTime',
          'answeredLate',
          'openOverdue',
          'openWithinDeadline',
          'closedUnanswered',
          'satisfied',
          'unsatisfied',
        ),
      ),
    }),
  }),
  {
    id: 'PlanEvaluation',
    description:
      'The final evaluation of a plan (终期评估): each indicator against its target, counts, projects and the citizens’ verdict (docs/evaluation.md).',
  },
);
