import type { AggregationRepository } from '../store/aggregation-repository.js';
import type { TargetType } from '../feedback/target.js';
import type { PeriodSummaries, ScopeSummary, SeriesPoint } from './documents.js';
import { granularityOf, nextPeriod, planOfScope, planScope, previousPeriod, scopeInPlan, scopeKind } from './scopes.js';
import { inParallel } from './in-parallel.js';
import { meanOf, rankByBayesianMean, summarise, type Tally } from './statistics.js';

/** The prior of the Bayesian mean when a period has no ratings at all: the scale's midpoint, 基本满意. */
export const NEUTRAL_PRIOR_MEAN = 3;

/** How many periods are published at once. */
const PERIODS_IN_PARALLEL = 4;

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

/** One period's counts of every plan, split by plan, each scope named without its plan. */
function byPlan(counts: Map<string, Tally>): Map<string, Map<string, Tally>> {
  const plans = new Map<string, Map<string, Tally>>();
  for (const [counted, tally] of counts) {
    const named = planOfScope(counted);
    // A scope counted before ratings carried their plan; the migration's rebuild removes it.
    if (!named) continue;
    let scopes = plans.get(named.planId);
    if (!scopes) plans.set(named.planId, (scopes = new Map<string, Tally>()));
    scopes.set(named.scope, tally);
  }
  return plans;
}

const point = (period: string, tally: Tally): SeriesPoint => {
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

/**
 * Publishes what committed batches changed: each plan's summaries of every touched period (and of
 * the period after it, whose change-against-previous moved), and the series points of the touched
 * scopes in those periods. Deterministic in the counts, so two runs publishing the same version
 * write the same documents. A plan's documents are computed from its own scopes only: its ranks,
 * its prior and its plan-wide summary never see another plan's ratings.
 */
export async function publish(
  repo: AggregationRepository,
  options: {
    periods: string[];
    scopes: string[];
    knownPeriods: string[];
    minRatings: number;
    version: number;
    /** Counts this run wrote and still holds as stored: read from here instead of the store. */
    written?: ReadonlyMap<string, Map<string, Tally>>;
  },
  checkpoint: (step: string) => Promise<void>,
): Promise<{ periods: number; scopes: number }> {
  const known = new Set(options.knownPeriods);
  const toPublish = new Set<string>();
  for (const period of options.periods) {
    toPublish.add(period);
    const next = nextPeriod(period);
    if (next && known.has(next)) toPublish.add(next);
  }
  // Promises, so periods published side by side read a shared previous period once.
  const countsCache = new Map<string, Promise<Map<string, Tally>>>();
  const countsOf = (period: string) => {
    let counts = countsCache.get(period);
    if (!counts) {
      const held = options.written?.get(period);
      counts = held
        ? Promise.resolve(held)
        : known.has(period)
          ? repo.readCounts(period)
          : Promise.resolve(new Map<string, Tally>());
      countsCache.set(period, counts);
    }
    return counts;
  };
  const touched = new Set(options.scopes);
  const touchedPlans = new Set(options.scopes.flatMap((scope) => planOfScope(scope)?.planId ?? []));
  let points = 0;
  const publishPeriod = async (period: string) => {
    const counts = byPlan(await countsOf(period));
    const before = previousPeriod(period);
    const previous = before ? byPlan(await countsOf(before)) : null;
    // A touched plan whose counts all went back to zero is published too, empty.
    for (const planId of [...new Set([...counts.keys(), ...touchedPlans])].sort()) {
      const summaries = periodSummaries(
        period,
        counts.get(planId) ?? new Map<string, Tally>(),
        previous ? (previous.get(planId) ?? new Map<string, Tally>()) : null,
        planScope(planId),
        options.minRatings,
        options.version,
      );
      await repo.putDocument(repo.summaryKey(planId, period), 'rating-summary', options.version, summaries);
    }
    // Series hold years and months; all-time is a single point and lives in the summaries.
    if (granularityOf(period) !== 'all') {
      const changed = [...counts].flatMap(([planId, scopes]) =>
        [...scopes]
          .filter(([scope]) => touched.has(scopeInPlan(planId, scope)))
          .map(([scope, tally]) => ({ planId, scope, point: point(period, tally) })),
      );
      await repo.putSeriesPoints(changed, options.version);
      points += changed.length;
    }
    await checkpoint(`published ${period}`);
  };
  // Each period's documents depend only on its counts and its predecessor's, so periods are
  // published a few at a time; the first failure stops the rest, as a crash would.
  await inParallel([...toPublish].sort(), PERIODS_IN_PARALLEL, publishPeriod);
  return { periods: toPublish.size, scopes: points };
}
