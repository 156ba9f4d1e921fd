import type { Context } from 'hono';
import { submitFeedback, type FeedbackSubmission, type SubmitDeps } from '../feedback/submit.js';
import { clientAddress } from './client-address.js';
import type { AppDeps } from './deps.js';
import type { PlanScopedEnv } from './plan-scope.js';

/**
 * Records a voter's rating of a target of the request's plan, the request's address hashed for the
 * limits per address, and logs it. The API (shared/http/api/routes/feedback.ts) and the page's form
 * (web/citizen/routes.tsx) both submit through it, so a rating meets the same rules and leaves the
 * same log line whichever way it came. A module of its own, so that the citizen pages' function does
 * not carry the API's routes and schemas with it.
 */
export async function submitFromRequest(
  c: Context<PlanScopedEnv>,
  deps: SubmitDeps & Pick<AppDeps, 'hashAddress' | 'logger'>,
  voterId: string,
  submission: FeedbackSubmission,
  via: 'api' | 'form',
) {
  const address = clientAddress(c);
  const submitted = await submitFeedback(deps, c.get('planScope').plan, voterId, submission, {
    addressHash: address ? deps.hashAddress(address, deps.clock()) : null,
  });
  const { record, replaced } = submitted;
  deps.logger.info('feedback recorded', {
    feedbackId: record.feedbackId,
    planId: record.planId,
    targetType: record.targetType,
    targetId: record.targetId,
    replaced: replaced !== null,
    via,
  });
  return submitted;
}
