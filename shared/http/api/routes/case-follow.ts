import { Hono } from 'hono/tiny';
import { CaseLookupBody } from '../../../api/case-bodies.js';
import { citizenCaseView } from '../../../cases/case.js';
import { lookUpCase, type LookupClient } from '../../../cases/lookup.js';
import type { Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import { clientAddress } from '../../client-address.js';
import { jsonBody } from '../../request.js';
import { issueVoter, requestVoter } from '../../voter.js';
import { responder } from '../respond.js';
import type { caseFollowContract } from './case-follow.contract.js';

const respond = responder<typeof caseFollowContract>();

export type CaseFollowDeps = Pick<
  AppDeps,
  'cases' | 'receipts' | 'lookupLimits' | 'hashAddress' | 'voterTokens' | 'cookieSecure' | 'calendar' | 'clock'
>;

/** Who asks, as the look-up's limit counts them: the request's hashed address, else its voter. */
export function lookupClient(c: Context, deps: Pick<CaseFollowDeps, 'hashAddress' | 'clock'>, voterId: string | null) {
  const address = clientAddress(c);
  return { addressHash: address ? deps.hashAddress(address, deps.clock()) : null, voterId } satisfies LookupClient;
}

/** A case opened from any device by its number and receipt code (shared/cases/lookup.ts). */
export function caseFollowRoutes(deps: CaseFollowDeps) {
  return new Hono().post('/cases/lookup', async (c) => {
    const body = await jsonBody(c, CaseLookupBody);
    c.header('Cache-Control', 'private, no-store');
    const voterId = requestVoter(c, deps);
    const attachTo = body.attach ? () => voterId ?? issueVoter(c, deps) : null;
    const found = await lookUpCase(deps, body, lookupClient(c, deps, voterId), attachTo);
    return respond(c, 'lookUpCase', 200, {
      case: citizenCaseView(found, deps.clock(), deps.calendar),
      attached: attachTo !== null,
    });
  });
}
