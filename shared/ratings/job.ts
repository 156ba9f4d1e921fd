import { aggregationRepository } from '../store/aggregation-repository.js';
import { planRepository } from '../store/plan-repository.js';
import type { Store } from '../store/client.js';
import { aggregate, type AggregationOptions, type RunReport } from './aggregate.js';
import { targetIndexOf } from './target-index.js';

export interface AggregationSettings {
  planId: string;
  minRatings: number;
  settleSeconds: number;
  maxBatch: number;
}

/** An aggregation run against a store: the wiring shared by the Lambda, the CLI and npm start. */
export function aggregationJob(store: Store, settings: AggregationSettings) {
  return (
    mode: 'incremental' | 'rebuild' = 'incremental',
    hooks: Pick<AggregationOptions, 'onProgress' | 'checkpoint'> = {},
  ): Promise<RunReport> =>
    aggregate(
      {
        repo: aggregationRepository(store),
        targets: async () => {
          const snapshot = await planRepository(store).snapshot(settings.planId);
          if (!snapshot) throw new Error(`plan ${settings.planId} is not loaded`);
          return targetIndexOf(snapshot);
        },
        clock: () => new Date(),
        settleMs: settings.settleSeconds * 1000,
        maxBatch: settings.maxBatch,
        minRatings: settings.minRatings,
        ...hooks,
      },
      mode,
    );
}
