import { Hono } from 'hono/tiny';
import { PushSubscriptionBody } from '../../../api/case-bodies.js';
import { lookUpCase } from '../../../cases/lookup.js';
import { pushServiceAllowed } from '../../../cases/notifier.js';
import type { AppDeps } from '../../deps.js';
import { ProblemError } from '../../problem.js';
import { jsonBody } from '../../request.js';
import { responder } from '../respond.js';
import { lookupClient, type CaseFollowDeps } from './case-follow.js';
import type { caseFollowContract } from './case-follow.contract.js';

const respond = responder<typeof caseFollowContract>();

export type CasePushDeps = CaseFollowDeps & Pick<AppDeps, 'push'>;

/**
 * A browser asks to be told when a case moves (Web Push): with the case's receipt code, checked
 * like a look-up, and a subscription to one of the browsers' push services. Refused while push is
 * off (no VAPID keys configured), and for a closed case, which is told nothing more.
 */
export function casePushRoutes(deps: CasePushDeps) {
  return new Hono().post('/cases/push-subscriptions', async (c) => {
    c.header('Cache-Control', 'private, no-store');
    if (deps.push.publicKey === null) throw new ProblemError('not-found', { detail: 'push notifications are off' });
    const body = await jsonBody(c, PushSubscriptionBody);
    if (!pushServiceAllowed(body.subscription.endpoint, deps.push.extraOrigins)) {
      throw new ProblemError('validation-failed', {
        detail: 'the subscription does not name a push service',
        errors: [{ path: 'subscription.endpoint', message: 'not a browser’s push service' }],
      });
    }
    const found = await lookUpCase(deps, body, lookupClient(c, deps, null), null);
    if (!(await deps.cases.subscribe(found.caseId, body.subscription))) {
      throw new ProblemError('invalid-state', { detail: 'the case is closed: it is told nothing more' });
    }
    return respond(c, 'subscribeToCase', 201, { caseId: found.caseId, subscribed: true });
  });
}
