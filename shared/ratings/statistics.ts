import type * as z from 'zod/mini';
import type { RatingSummary as RatingSummaryModel } from '../api/rating-schemas.js';

/**
 * The statistics of a rating summary. Plain functions of counts: the aggregation computes them
 * once per run and stores the results; nothing here runs on a request.
 */

/** Counts of the five 好差评 levels: index 0 is level 1 (非常不满意), index 4 is level 5 (非常满意). */
export type Histogram = [number, number, number, number, number];

export const COMMENT_STATUSES = ['pending', 'published', 'rejected', 'hidden'] as const;
export type CommentCounts = Record<(typeof COMMENT_STATUSES)[number], number>;

export interface Tally {
  histogram: Histogram;
  comments: CommentCounts;
}

export const emptyTally = (): Tally => ({
  histogram: [0, 0, 0, 0, 0],
  comments: { pending: 0, published: 0, rejected: 0, hidden: 0 },
});

/** The normal quantile for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Proportion {
  share: number;
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for k successes in n trials. Unlike the textbook p ± z·√(p(1−p)/n) it
 * stays inside [0, 1] and does not collapse to a point at 0 or n, which is what small samples of
 * ratings need.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Proportion | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { share: p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * The mean pulled towards a prior as if `weight` ratings at `priorMean` had been added. A target
 * with three 5s scores just above the prior, not 5, so a handful of votes cannot top a ranking.
 */
export function bayesianMean(sum: number, n: number, priorMean: number, weight: number): number | null {
  if (n <= 0) return null;
  return (weight * priorMean + sum) / (weight + n);
}

export const countOf = (h: Histogram) => h[0] + h[1] + h[2] + h[3] + h[4];
export const sumOf = (h: Histogram) => h[0] + 2 * h[1] + 3 * h[2] + 4 * h[3] + 5 * h[4];
export const meanOf = (h: Histogram) => (countOf(h) === 0 ? null : sumOf(h) / countOf(h));

export interface SummaryOptions {
  /** Below this many ratings a summary is published but flagged too few to rank. */
  minRatings: number;
  /** The prior of the Bayesian mean: the period's plan-wide mean, weighted as `weight` ratings. */
  prior: { mean: number; weight: number };
}

/**
 * A scope's rating numbers: counts, mean, 满意率 and 差评率 with their intervals, the Bayesian mean,
 * the change against the previous period and the comments' statuses. The API's model of it
 * (shared/api/rating-schemas.ts) says what each field means.
 */
export type RatingSummary = z.output<typeof RatingSummaryModel>;

export function summarise(tally: Tally, options: SummaryOptions, previous?: Tally | null): RatingSummary {
  const h = tally.histogram;
  const n = countOf(h);
  const satisfaction = wilsonInterval(h[3] + h[4], n);
  const mean = meanOf(h);
  let change: RatingSummary['change'] = null;
  if (previous !== undefined) {
    const before = previous?.histogram ?? [0, 0, 0, 0, 0];
    const beforeMean = meanOf(before);
    const beforeSatisfaction = wilsonInterval(before[3] + before[4], countOf(before));
    change = {
      count: n - countOf(before),
      mean: mean !== null && beforeMean !== null ? mean - beforeMean : null,
      satisfaction: satisfaction && beforeSatisfaction ? satisfaction.share - beforeSatisfaction.share : null,
    };
  }
  const comments = tally.comments;
  return {
    count: n,
    histogram: [...h],
    mean,
    satisfaction,
    dissatisfaction: wilsonInterval(h[0] + h[1], n),
    bayesianMean: bayesianMean(sumOf(h), n, options.prior.mean, options.prior.weight),
    tooFewToRank: n < options.minRatings,
    change,
    comments: { ...comments, total: comments.pending + comments.published + comments.rejected + comments.hidden },
  };
}

/**
 * Competition ranking (1, 2, 2, 4) by Bayesian mean, best first, of the entries with enough
 * ratings; the others get no rank. Means equal to nine decimals tie.
 */
export function rankByBayesianMean<K>(
  entries: ReadonlyArray<{ key: K; summary: RatingSummary }>,
): Map<K, number | null> {
  const rounded = (x: number) => Math.round(x * 1e9);
  const ranked = entries
    .filter((e) => !e.summary.tooFewToRank && e.summary.bayesianMean !== null)
    .sort((a, b) => rounded(b.summary.bayesianMean!) - rounded(a.summary.bayesianMean!));
  const ranks = new Map<K, number | null>(entries.map((e) => [e.key, null]));
  ranked.forEach((entry, index) => {
    const previous = ranked[index - 1];
    const tied = previous && rounded(previous.summary.bayesianMean!) === rounded(entry.summary.bayesianMean!);
    ranks.set(entry.key, tied ? ranks.get(previous.key)! : index + 1);
  });
  return ranks;
}
