import { planRepository } from '../store/plan-repository.js';
import { progressRepository } from '../store/progress-repository.js';
import { ratingsRepository } from '../store/ratings-repository.js';
import { verdictsRepository } from '../store/verdicts-repository.js';
import type { Store } from '../store/client.js';
import { granularityOf, planScope } from '../ratings/scopes.js';
import { DEFAULT_VERDICT_THRESHOLDS, type VerdictThresholds } from './classify.js';
import { verdictsOf } from './verdicts.js';

export interface VerdictSettings {
  planId: string;
  minRatings: number;
  verdictThresholds: VerdictThresholds;
}

/**
 * The aggregation's last step: the verdicts of the plan, all-time and for every year with ratings,
 * from the summaries just published and the official figures as they stand. Run after every
 * aggregation, since a newly published value changes verdicts as much as a rating; a period whose
 * verdicts did not change is not written again. Returns the periods written.
 */
export async function publishVerdicts(store: Store, settings: VerdictSettings): Promise<string[]> {
  const plans = planRepository(store);
  const ratings = ratingsRepository(store);
  const verdicts = verdictsRepository(store);
  const [snapshot, progress, planSeries] = await Promise.all([
    plans.snapshot(settings.planId),
    progressRepository(store).listAll(settings.planId),
    ratings.series(settings.planId, planScope(settings.planId)),
  ]);
  if (!snapshot) return [];
  const years = [...new Set(planSeries.map((p) => p.period).filter((p) => granularityOf(p) === 'year'))].sort();
  const inputs = { ...snapshot, planId: settings.planId, progress };
  const written: string[] = [];
  for (const period of ['all', ...years]) {
    const document = verdictsOf(inputs, period, await ratings.periodSummaries(settings.planId, period), {
      minRatings: settings.minRatings,
      thresholds: settings.verdictThresholds,
    });
    if (await verdicts.put(document)) written.push(period);
  }
  return written;
}

/**
 * The verdicts as the aggregation job's last step (shared/ratings/job.ts), for every plan it
 * counted, after the summaries are published; returns how many periods it wrote. Callers that
 * configure no thresholds (the ratings' own tests) get the documented defaults, the same values
 * VERDICT_LOW and VERDICT_HIGH default to.
 */
export async function publishPlansVerdicts(
  store: Store,
  planIds: readonly string[],
  settings: { minRatings: number; verdictThresholds?: VerdictThresholds | undefined },
): Promise<number> {
  let written = 0;
  for (const planId of planIds) {
    written += (
      await publishVerdicts(store, {
        planId,
        minRatings: settings.minRatings,
        verdictThresholds: settings.verdictThresholds ?? DEFAULT_VERDICT_THRESHOLDS,
      })
    ).length;
  }
  return written;
}
