import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { feedbackRepository, type FeedbackRepository } from '../../shared/store/feedback-repository.js';
import { planRepository, type PlanRepository } from '../../shared/store/plan-repository.js';
import { ratingsRepository, type RatingsRepository } from '../../shared/store/ratings-repository.js';
import type { Store } from '../../shared/store/client.js';
import { voterTokens, type VoterTokens } from '../../shared/feedback/voter-token.js';

/** Everything the API app needs, injected, so tests and both adapters build it the same way. */
export interface ApiDeps {
  planId: string;
  cookieSecure: boolean;
  /** For the empty summary of a target nobody has rated yet; published summaries carry their own. */
  minRatings: number;
  plans: PlanRepository;
  ratings: RatingsRepository;
  feedback: FeedbackRepository;
  voterTokens: VoterTokens;
  logger: Logger;
  clock: () => Date;
  newId: () => string;
}

export function apiDeps(
  store: Store,
  settings: { planId: string; cookieSecure: boolean; voterTokenSecret: string; minRatings?: number },
  overrides: Partial<ApiDeps> = {},
): ApiDeps {
  return {
    planId: settings.planId,
    cookieSecure: settings.cookieSecure,
    minRatings: settings.minRatings ?? 10,
    plans: planRepository(store),
    ratings: ratingsRepository(store),
    feedback: feedbackRepository(store),
    voterTokens: voterTokens(settings.voterTokenSecret),
    logger: new Logger({ serviceName: 'gongping-api' }),
    clock: () => new Date(),
    newId: randomUUID,
    ...overrides,
  };
}
