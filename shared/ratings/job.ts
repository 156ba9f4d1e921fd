import { aggregationRepository } from '../store/aggregation-repository.js';
import { planRepository } from '../store/plan-repository.js';
import type { Store } from '../store/client.js';
import { aggregate, type AggregationOptions } from './aggregate.js';
import { targetIndexOf } from './target-index.js';
import { isPublic } from '../plan/current.js';
import { publishPlansVerdicts, type VerdictSettings } from '../verdicts/publish.js';

export interface AggregationSettings {
  minRatings: number;
  settleSeconds: number;
  maxBatch: number;
  verdictThresholds?: VerdictSettings['verdictThresholds'];
}

/**
 * An aggregation run against a store: the wiring shared by the Lambda, the CLI and npm start. It
 * counts the ratings of every plan citizens have seen (published or closed; a draft takes none),
 * each in its own plan's scopes, and then publishes each such plan's verdicts.
 */
export function aggregationJob(store: Store, settings: AggregationSettings) {
  const plans = planRepository(store);
  return async (
    mode: 'incremental' | 'rebuild' = 'incremental',
    hooks: Pick<AggregationOptions, 'onProgress' | 'checkpoint'> = {},
  ) => {
    const rated = (await plans.listPlans()).filter(isPublic);
    const report = await aggregate(
      {
        repo: aggregationRepository(store),
        targets: async () => {
          const snapshots = await Promise.all(rated.map((plan) => plans.snapshot(plan.id)));
          return targetIndexOf(...snapshots.filter((snapshot) => snapshot !== null));
        },
        clock: () => new Date(),
        settleMs: settings.settleSeconds * 1000,
        maxBatch: settings.maxBatch,
        minRatings: settings.minRatings,
        ...hooks,
      },
      mode,
    );
    const verdictPeriodsWritten = await publishPlansVerdicts(
      store,
      rated.map((plan) => plan.id),
      settings,
    );
    return { ...report, verdictPeriodsWritten };
  };
}
