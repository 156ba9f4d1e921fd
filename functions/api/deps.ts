import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { feedbackRepository, type FeedbackRepository } from '../../shared/store/feedback-repository.js';
import { planRepository, type PlanRepository } from '../../shared/store/plan-repository.js';
import type { Store } from '../../shared/store/client.js';
import { voterTokens, type VoterTokens } from '../../shared/feedback/voter-token.js';

/** Everything the API app needs, injected, so tests and both adapters build it the same way. */
export interface ApiDeps {
  planId: string;
  cookieSecure: boolean;
  plans: PlanRepository;
  feedback: FeedbackRepository;
  voterTokens: VoterTokens;
  logger: Logger;
  clock: () => Date;
  newId: () => string;
}

export function apiDeps(
  store: Store,
  settings: { planId: string; cookieSecure: boolean; voterTokenSecret: string },
  overrides: Partial<ApiDeps> = {},
): ApiDeps {
  return {
    planId: settings.planId,
    cookieSecure: settings.cookieSecure,
    plans: planRepository(store),
    feedback: feedbackRepository(store),
    voterTokens: voterTokens(settings.voterTokenSecret),
    logger: new Logger({ serviceName: 'gongping-api' }),
    clock: () => new Date(),
    newId: randomUUID,
    ...overrides,
  };
}
