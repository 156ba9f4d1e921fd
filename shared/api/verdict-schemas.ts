import * as z from 'zod/mini';
import { TargetType } from '../feedback/target.js';
import { doc } from './registry.js';
import { Proportion } from './rating-schemas.js';
import { Region } from './verdict-query.js';

const Thresholds = z.strictObject({ low: z.number(), high: z.number() });
const Standing = z.enum(['good', 'behind', 'not-assessable']);
const CitizensStanding = z.enum(['satisfied', 'dissatisfied', 'middling', 'straddling', 'too-few']);

/** One target's two verdicts: what shared/verdicts/verdicts.ts stores. */
export const Verdict = doc(
  z.strictObject({
    targetType: TargetType,
    targetId: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    category: doc(z.string(), { description: 'The indicator’s category, or `projects`.' }),
    official: doc(
      z.strictObject({
        status: doc(z.string(), {
          description: 'An indicator’s computed status (`on_track`, …) or a project’s reported one (`in_progress`, …).',
        }),
        standing: Standing,
        ratio: z.nullable(z.number()),
        latest: z.nullable(z.strictObject({ year: z.number().check(z.int()), value: z.number() })),
        expected: doc(z.nullable(z.number()), { description: 'The trajectory’s value in the latest year.' }),
        percent: doc(z.nullable(z.number()), { description: 'Projects: percent complete, as reported.' }),
      }),
      {
        description:
          'The official verdict: `good` (achieved, on track; a project completed or in progress), `behind`, or `not-assessable`.',
      },
    ),
    citizens: doc(
      z.strictObject({
        count: z.number().check(z.int()),
        mean: z.nullable(z.number()),
        bayesianMean: z.nullable(z.number()),
        satisfaction: z.nullable(Proportion),
        tooFew: z.boolean(),
        standing: CitizensStanding,
      }),
      {
        description:
          'The citizens’ verdict, by the 95% interval of the satisfied share: wholly at or above the high threshold `satisfied`, wholly below the low one `dissatisfied`, wholly between `middling`, across one `straddling`, under `minRatings` ratings `too-few`.',
      },
    ),
    region: Region,
    reason: z.nullable(z.enum(['not-assessable', 'too-few-ratings', 'straddles-threshold', 'between-thresholds'])),
  }),
  {
    id: 'Verdict',
    description: 'One indicator’s or project’s official and citizens’ verdicts, and where they put it.',
  },
);

/** `GET /verdicts` and `GET /plans/{planId}/verdicts` */
export const VerdictsAnswer = doc(
  z.strictObject({
    planId: z.string(),
    period: z.string(),
    ratingsVersion: doc(z.number().check(z.int()), {
      description: 'The version of the rating summaries the verdicts were computed from.',
    }),
    minRatings: z.number().check(z.int()),
    thresholds: doc(z.nullable(Thresholds), {
      description: 'VERDICT_LOW and VERDICT_HIGH as applied; null before the first aggregation run.',
    }),
    counts: z.record(Region, z.number().check(z.int())),
    verdicts: z.array(Verdict),
    published: doc(z.boolean(), { description: 'False before the aggregation has computed any verdict for the plan.' }),
    periods: doc(z.array(z.string()), { description: 'The periods with verdicts: `all`, then the years.' }),
  }),
  { id: 'Verdicts', description: 'The two verdicts on every target of a plan in a period, disagreements first.' },
);
