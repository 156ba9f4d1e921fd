import type { Store } from './client.js';
import { planRepository, type PlanPartition, type PlanRepository } from './plan-repository.js';
import { progressRepository, type ProgressRepository } from './progress-repository.js';
import { ratingsRepository, type RatingsRepository } from './ratings-repository.js';
import { dataVersions } from './data-versions.js';
import { versionedReadThrough, versionWatch } from './read-cache.js';

/**
 * How long at most a kept answer is served without its version having changed: the bound on how
 * long a write whose version bump was lost stays unseen (docs/caching.md).
 */
export const RENEW_MS = 10 * 60 * 1000;

export interface PlanCacheSettings {
  /** The staleness window: a version read is trusted this long before it is read again. */
  windowMs: number;
  now?: () => number;
}

/**
 * The plan data and the published ratings as every request reads them, from this process's memory
 * (docs/caching.md). A plan's whole partition is read in one strongly consistent query and kept
 * under the plan data's version; every plan read (definitions, history, observations, progress, the
 * registry) answers from it. The published summaries and series are kept under the ratings'
 * version. Both versions are in one item, read (one GetItem) at most once per window; writes go to
 * the store as before, and a write through this process makes its next read check the versions at once.
 */
export function planDataCache(store: Store, { windowMs, now = Date.now }: PlanCacheSettings) {
  const plans = planRepository(store);
  const progress = progressRepository(store);
  const ratings = ratingsRepository(store);
  const versions = versionWatch(() => dataVersions(store), { windowMs, renewMs: RENEW_MS, now });
  const planVersion = versions.label((stored) => stored.plan);
  const ratingsVersion = versions.label((stored) => stored.ratings);

  const partition = versionedReadThrough(
    (planId: string) => plans.partition(planId, { consistent: true }),
    planVersion,
    // A plan not (yet) loaded is asked again: the ids asked for are not kept unless they exist.
    (found) => found !== null,
  );
  const registry = versionedReadThrough(() => plans.listPlans({ consistent: true }), planVersion);
  const kept = async <T>(planId: string, pick: (found: PlanPartition) => T, otherwise: T): Promise<T> => {
    const found = await partition(planId);
    return found ? pick(found) : otherwise;
  };
  const written =
    <A extends unknown[], T>(write: (...args: A) => Promise<T>) =>
    async (...args: A): Promise<T> => {
      try {
        return await write(...args);
      } finally {
        versions.expire();
      }
    };

  // Answers are copied down to their lists, so a caller that sorts one does not reorder the kept one.
  const cachedPlans: PlanRepository = {
    ...plans,
    listPlans: async () => [...(await registry())],
    getPlan: (planId) => kept(planId, ({ snapshot }) => snapshot.plan, null),
    snapshot: (planId) =>
      kept(
        planId,
        ({ snapshot }) => ({
          ...snapshot,
          indicators: [...snapshot.indicators],
          history: [...snapshot.history],
          projects: [...snapshot.projects],
          observations: [...snapshot.observations],
        }),
        null,
      ),
    getIndicator: (planId, id) =>
      kept(planId, ({ snapshot }) => snapshot.indicators.find((i) => i.id === id) ?? null, null),
    getProject: (planId, id) =>
      kept(planId, ({ snapshot }) => snapshot.projects.find((p) => p.id === id) ?? null, null),
    listHistory: (planId) => kept(planId, ({ history }) => [...history], []),
    listObservations: (planId, indicatorId) =>
      kept(planId, ({ snapshot }) => snapshot.observations.filter((o) => o.indicatorId === indicatorId), []),
    targetExists: (planId, targetType, id) =>
      kept(
        planId,
        ({ snapshot }) =>
          (targetType === 'indicator' ? snapshot.indicators : snapshot.projects).some((t) => t.id === id),
        false,
      ),
    appendObservation: written(plans.appendObservation.bind(plans)),
    putPlan: written(plans.putPlan.bind(plans)),
    setStatus: written(plans.setStatus.bind(plans)),
  };

  const cachedProgress: ProgressRepository = {
    ...progress,
    listAll: (planId) => kept(planId, (found) => [...found.progress], []),
    list: (planId, projectId) => kept(planId, (found) => found.progress.filter((r) => r.projectId === projectId), []),
    append: written(progress.append.bind(progress)),
  };

  const cachedRatings: RatingsRepository = {
    ...ratings,
    periodSummaries: versionedReadThrough(ratings.periodSummaries.bind(ratings), ratingsVersion),
    series: versionedReadThrough(ratings.series.bind(ratings), ratingsVersion),
  };

  // Pages and answers show both: one kept by the process is valid while neither changed.
  const answersVersion = versions.label((stored) => `${stored.plan}.${stored.ratings}`);

  return { plans: cachedPlans, progress: cachedProgress, ratings: cachedRatings, answersVersion };
}

export type PlanDataCache = ReturnType<typeof planDataCache>;
