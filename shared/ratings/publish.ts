import { createHash } from 'node:crypto';
import {
  noCounts,
  type AggregationRepository,
  type PeriodCounts,
  type Published,
} from '../store/aggregation-repository.js';
import { countsItemId, readCountsItems } from '../store/rating-counts.js';
import type { TargetType } from '../feedback/target.js';
import type { PeriodSummaries, ScopeSummary, SeriesPoint } from './documents.js';
import { byPlan, granularityOf, nextPeriod, planOfScope, planScope, previousPeriod, scopeKind } from './scopes.js';
import { inParallel } from './in-parallel.js';
import { meanOf, rankByBayesianMean, summarise, type Tally } from './statistics.js';

/** The prior of the Bayesian mean when a period has no ratings at all: the scale's midpoint, 基本满意. */
export const NEUTRAL_PRIOR_MEAN = 3;

/** How many summaries are written at once (each up to a few tens of KB). */
const DOCUMENTS_IN_PARALLEL = 8;

function describe(scope: string): Pick<ScopeSummary, 'kind' | 'targetType' | 'targetId' | 'category'> {
  const kind = scopeKind(scope);
  const [head, ...rest] = scope.split('#');
  const tail = rest.join('#');
  if (kind === 'target') return { kind, targetType: head as TargetType, targetId: tail };
  if (kind === 'category') return { kind, category: tail };
  return { kind };
}

/**
 * Summaries of one period from its counts: the statistics, the change against the previous
 * period, and ranks. The Bayesian prior is the period's plan-wide mean weighted as `minRatings`
 * ratings, so a target needs about that many ratings before its own mean dominates.
 */
export function periodSummaries(
  period: string,
  counts: Map<string, Tally>,
  previous: Map<string, Tally> | null,
  planScopeKey: string,
  minRatings: number,
  version: number,
): PeriodSummaries {
  const planTally = counts.get(planScopeKey);
  const planMean = planTally ? meanOf(planTally.histogram) : null;
  const prior = { mean: planMean ?? NEUTRAL_PRIOR_MEAN, weight: minRatings };
  const all: ScopeSummary[] = [...counts].map(([scope, tally]) => ({
    scope,
    ...describe(scope),
    ...summarise(tally, { minRatings, prior }, previous ? (previous.get(scope) ?? null) : undefined),
    rank: null,
  }));
  const ranked = (kind: ScopeSummary['kind']) => {
    const entries = all.filter((s) => s.kind === kind && s.count > 0);
    const ranks = rankByBayesianMean(entries.map((summary) => ({ key: summary.scope, summary })));
    return entries
      .map((s) => ({ ...s, rank: ranks.get(s.scope) ?? null }))
      .sort(
        (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.count - a.count || a.scope.localeCompare(b.scope),
      );
  };
  return {
    period,
    version,
    minRatings,
    prior,
    plan: all.find((s) => s.scope === planScopeKey) ?? null,
    categories: ranked('category'),
    targets: ranked('target'),
  };
}

/** A plan's counts, each scope named without its plan, as its published documents name them. */
const inPlan = (counts: Map<string, Tally>) =>
  new Map([...counts].map(([counted, tally]) => [planOfScope(counted)!.scope, tally]));

const pointOf = (period: string, tally: Tally): SeriesPoint => {
  const s = summarise(tally, { minRatings: 0, prior: { mean: NEUTRAL_PRIOR_MEAN, weight: 0 } });
  return {
    period,
    count: s.count,
    histogram: s.histogram,
    mean: s.mean,
    satisfaction: s.satisfaction,
    dissatisfaction: s.dissatisfaction,
  };
};

/** A short digest of a document's content, its version left out: equal digests, the same document. */
const contentHash = (document: object) =>
  createHash('sha256')
    .update(JSON.stringify({ ...document, version: 0 }))
    .digest('base64url')
    .slice(0, 12);

/** What publishing needs of the aggregation's repository. */
export type PublishingRepository = Pick<
  AggregationRepository,
  'readPeriod' | 'putDocument' | 'putSeriesPoints' | 'recordPublished' | 'bumpPublishedVersion' | 'summaryKey'
>;

/**
 * Publishes what committed batches changed, and only that: the summaries of the touched plans in
 * every touched period and in the period after it (whose change against the previous one moved),
 * and the series points of the touched scopes in the touched periods. A document is written only
 * when its content differs from what was last published from its plan's counts item of the period
 * (its hash is kept there); a point whose scope no longer counts anything is removed. Then, once the
 * documents have landed, the hashes are noted and the published ratings' version bumped, so the read caches
 * reload (docs/caching.md). Deterministic in the counts, so two runs publishing the same version
 * write the same documents; a plan's documents are computed from its own scopes only: its ranks,
 * its prior and its plan-wide summary never see another plan's ratings.
 */
export async function publish(
  repo: PublishingRepository,
  options: {
    periods: string[];
    scopes: string[];
    knownPeriods: string[];
    minRatings: number;
    version: number;
    /** Counts items this run wrote or read and still holds as stored (by countsItemId): read from here, not the store. */
    held?: ReadonlyMap<string, PeriodCounts>;
  },
  checkpoint: (step: string) => Promise<void>,
): Promise<{ periods: number; summaries: number; scopes: number }> {
  const known = new Set(options.knownPeriods);
  const dirty = new Set(options.periods);
  const toPublish = new Set<string>();
  for (const period of dirty) {
    toPublish.add(period);
    const next = nextPeriod(period);
    if (next && known.has(next)) toPublish.add(next);
  }
  const touched = byPlan([...new Set(options.scopes)].sort().map((scope) => [scope, scope] as const));
  // Every counts item needed, the touched plans' in the published periods and their predecessors.
  const periods = [...toPublish].flatMap((period) => [period, previousPeriod(period) ?? []].flat());
  const items = await readCountsItems(
    (period, planId) => (known.has(period) ? repo.readPeriod(period, planId) : Promise.resolve(noCounts())),
    periods.flatMap((period) => [...touched.keys()].map((planId) => ({ period, planId }))),
    options.held,
  );
  const itemOf = (period: string, planId: string) => items.get(countsItemId(period, planId))!;

  const summaries: Array<{ period: string; planId: string; document: PeriodSummaries }> = [];
  const points: Array<{ planId: string; scope: string; point: SeriesPoint }> = [];
  const gone: Array<{ planId: string; scope: string; period: string }> = [];
  const noted: Array<{ period: string; planId: string; item: PeriodCounts; published: Published }> = [];
  for (const period of [...toPublish].sort()) {
    const before = previousPeriod(period);
    for (const [planId, scopes] of touched) {
      const item = itemOf(period, planId);
      const published: Published = {
        summaries: { ...item.published.summaries },
        points: { ...item.published.points },
      };
      // A touched plan whose counts all went back to zero is published too, empty.
      const document = periodSummaries(
        period,
        inPlan(item.counts),
        before ? inPlan(itemOf(before, planId).counts) : null,
        planScope(planId),
        options.minRatings,
        options.version,
      );
      const hash = contentHash(document);
      if (published.summaries[planId] !== hash) {
        summaries.push({ period, planId, document });
        published.summaries[planId] = hash;
      }
      // Series hold years and months; all-time is a single point and lives in the summaries. A
      // period published only because its predecessor changed has the same points as before.
      if (granularityOf(period) !== 'all' && dirty.has(period)) {
        for (const counted of scopes.keys()) {
          const named = planOfScope(counted)!;
          const tally = item.counts.get(counted);
          if (!tally) {
            if (published.points[counted] === undefined) continue;
            gone.push({ ...named, period });
            delete published.points[counted];
            continue;
          }
          const point = pointOf(period, tally);
          const hash = contentHash(point);
          if (published.points[counted] === hash) continue;
          points.push({ ...named, point });
          published.points[counted] = hash;
        }
      }
      if (JSON.stringify(published) !== JSON.stringify(item.published)) noted.push({ period, planId, item, published });
    }
  }

  await Promise.all([
    inParallel(summaries, DOCUMENTS_IN_PARALLEL, async ({ period, planId, document }) => {
      await repo.putDocument(repo.summaryKey(planId, period), 'rating-summary', options.version, document);
      await checkpoint(`published ${planId} ${period}`);
    }),
    repo.putSeriesPoints(points, options.version, gone),
  ]);
  await checkpoint('published documents');
  // Only now that every document has landed may a hash say it is stored, and the version announce it.
  await Promise.all([
    ...noted
      .filter(({ item }) => item.appliedVersion > 0)
      .map(({ period, planId, item, published }) => repo.recordPublished(period, planId, item, published)),
    repo.bumpPublishedVersion(),
  ]);
  await checkpoint('noted published');
  return { periods: toPublish.size, summaries: summaries.length, scopes: points.length + gone.length };
}
