import * as z from 'zod/mini';
import { TargetType } from '../feedback/target.js';
import { doc } from './registry.js';

/**
 * What the Ratings operations answer: the rating summaries the aggregation publishes (shared/ratings),
 * modelled with zod so that the OpenAPI document describes them exactly.
 */

export const Proportion = doc(z.strictObject({ share: z.number(), lower: z.number(), upper: z.number() }), {
  id: 'Proportion',
  description: 'A share in [0, 1] with its 95% Wilson score interval.',
});

export const RatingBrief = doc(
  z.strictObject({
    count: z.number().check(z.int()),
    mean: z.nullable(z.number()),
    satisfaction: z.nullable(Proportion),
    bayesianMean: z.nullable(z.number()),
    rank: z.nullable(z.number().check(z.int())),
    tooFewToRank: z.boolean(),
  }),
  {
    id: 'RatingBrief',
    description: 'The all-time rating numbers a list row shows. `count` 0 and nulls when nobody has rated yet.',
  },
);

const Histogram = doc(
  z.tuple([
    z.number().check(z.int()),
    z.number().check(z.int()),
    z.number().check(z.int()),
    z.number().check(z.int()),
    z.number().check(z.int()),
  ]),
  {
    description: 'Counts of levels 1 (非常不满意) … 5 (非常满意), in that order.',
  },
);

export const RatingSummary = z.strictObject({
  count: z.number().check(z.int()),
  histogram: Histogram,
  mean: z.nullable(z.number()),
  satisfaction: doc(z.nullable(Proportion), { description: '满意率: the share of 4 and 5.' }),
  dissatisfaction: doc(z.nullable(Proportion), { description: '差评率: the share of 1 and 2.' }),
  bayesianMean: doc(z.nullable(z.number()), {
    description:
      'The mean pulled towards the period’s plan-wide mean, as if `prior.weight` ratings at `prior.mean` had been added.',
  }),
  tooFewToRank: z.boolean(),
  change: doc(
    z.nullable(
      z.strictObject({
        count: z.number().check(z.int()),
        mean: z.nullable(z.number()),
        satisfaction: z.nullable(z.number()),
      }),
    ),
    {
      description: 'Against the previous period of the same length; null for all-time.',
    },
  ),
  comments: z.strictObject({
    pending: z.number().check(z.int()),
    published: z.number().check(z.int()),
    rejected: z.number().check(z.int()),
    hidden: z.number().check(z.int()),
    total: z.number().check(z.int()),
  }),
});

export const ScopeSummary = doc(
  z.extend(RatingSummary, {
    scope: doc(z.string(), {
      description: '`indicator#{id}`, `project#{id}`, `category#{category}` or `plan#{planId}`.',
    }),
    kind: z.enum(['target', 'category', 'plan']),
    targetType: z.optional(TargetType),
    targetId: z.optional(z.string()),
    category: z.optional(z.string()),
    rank: doc(z.nullable(z.number().check(z.int())), {
      description:
        'Competition rank by Bayesian mean among scopes of the same kind with enough ratings; null otherwise.',
    }),
  }),
  {
    id: 'ScopeSummary',
    description: 'The published rating summary of a target, a category or the plan in one period.',
  },
);

const Prior = z.nullable(z.strictObject({ mean: z.number(), weight: z.number() }));

export const TargetRatings = doc(
  z.strictObject({
    period: z.string(),
    version: z.number().check(z.int()),
    minRatings: z.number().check(z.int()),
    prior: Prior,
    summary: ScopeSummary,
  }),
  {
    id: 'TargetRatings',
    description:
      'A target’s published rating summary in a period. `version` is the aggregation run that published it (0: nothing published yet).',
  },
);

const RatingsBase = {
  period: z.string(),
  version: z.number().check(z.int()),
  minRatings: z.number().check(z.int()),
  prior: Prior,
};
export const RatingsOverview = doc(
  z.discriminatedUnion('group', [
    z.strictObject({ ...RatingsBase, group: z.literal('plan'), plan: ScopeSummary, ranking: z.array(ScopeSummary) }),
    z.strictObject({ ...RatingsBase, group: z.literal('category'), categories: z.array(ScopeSummary) }),
  ]),
  {
    id: 'RatingsOverview',
    description: 'The plan-wide summary and the ranking of every rated target, or one summary per category.',
  },
);

export const SeriesPoint = doc(
  z.strictObject({
    period: z.string(),
    count: z.number().check(z.int()),
    histogram: Histogram,
    mean: z.nullable(z.number()),
    satisfaction: z.nullable(Proportion),
    dissatisfaction: z.nullable(Proportion),
  }),
  { id: 'SeriesPoint', description: 'One year or month of a scope’s ratings.' },
);

export const RatingSeries = doc(
  z.strictObject({ target: z.string(), granularity: z.enum(['month', 'year']), points: z.array(SeriesPoint) }),
  { id: 'RatingSeries', description: 'A scope’s ratings over time, oldest first.' },
);
