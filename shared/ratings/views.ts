import type * as z from 'zod/mini';
import type { RatingBrief as RatingBriefModel } from '../api/rating-schemas.js';
import type { TargetType } from '../feedback/target.js';
import type { PeriodSummaries, ScopeSummary } from './documents.js';
import { granularityOf, type PeriodGranularity } from './scopes.js';
import { emptyTally, summarise } from './statistics.js';

/**
 * A scope's summary in a period, or the honest zero when nobody has rated it yet: a count of 0,
 * no mean, no interval, no rank.
 */
export function scopeSummaryIn(document: PeriodSummaries | null, scope: string, minRatings: number): ScopeSummary {
  const found =
    document?.targets.find((s) => s.scope === scope) ??
    document?.categories.find((s) => s.scope === scope) ??
    (document?.plan?.scope === scope ? document.plan : undefined);
  if (found) return found;
  const [head, ...rest] = scope.split('#');
  const kind = head === 'category' ? 'category' : head === 'plan' ? 'plan' : 'target';
  return {
    scope,
    kind,
    ...(kind === 'target' ? { targetType: head as TargetType, targetId: rest.join('#') } : {}),
    ...(kind === 'category' ? { category: rest.join('#') } : {}),
    ...summarise(emptyTally(), { minRatings, prior: { mean: 3, weight: minRatings } }),
    rank: null,
  };
}

/** The few numbers a list row shows. */
export type RatingBrief = z.output<typeof RatingBriefModel>;

export const briefOf = (s: ScopeSummary): RatingBrief => ({
  count: s.count,
  mean: s.mean,
  satisfaction: s.satisfaction,
  bayesianMean: s.bayesianMean,
  rank: s.rank,
  tooFewToRank: s.tooFewToRank,
});

export const PERIOD_PATTERN = /^(all|\d{4}|\d{4}-(0[1-9]|1[0-2]))$/;
export const isGranularity = (period: string, granularity: PeriodGranularity) => granularityOf(period) === granularity;
