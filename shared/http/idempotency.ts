import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { VoterTokens } from '../feedback/voter-token.js';
import { ProblemError } from './problem.js';
import { VOTER_COOKIE, VOTER_HEADER } from './voter.js';
import type { Logger } from '@aws-lambda-powertools/logger';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Headers of the first answer worth repeating; Set-Cookie too, so a retried first rating gets its voter token. */
const REPLAYED_HEADERS = ['content-type', 'location', 'set-cookie', VOTER_HEADER.toLowerCase()];

interface IdempotencyDeps {
  idempotency: IdempotencyRepository;
  voterTokens: VoterTokens;
  clock: () => Date;
  logger: Pick<Logger, 'warn'>;
}

const sha256 = (data: string | ArrayBuffer) =>
  createHash('sha256')
    .update(typeof data === 'string' ? data : Buffer.from(data))
    .digest('base64url');

/**
 * `Idempotency-Key` on POST: a retried request returns the first answer and stores nothing twice.
 * Keys are per caller (voter or signed-in user), so callers cannot collide; the same key with a
 * different body is refused (422), and a retry while the first is still running gets 409. A
 * caller without a token is refused the key (428): the first answer to such a request carries a
 * voter token minted for it, and replaying that answer to whoever sends the same key from the
 * same address would hand one person's voter token (their ratings, their cases) to another.
 */
export const idempotency =
  (deps: IdempotencyDeps): MiddlewareHandler =>
  async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!KEY_PATTERN.test(key))
      throw new ProblemError('validation-failed', {
        errors: [{ path: 'Idempotency-Key', message: '1–255 visible ASCII characters' }],
      });

    const voter = c.req.header(VOTER_HEADER) ?? getCookie(c, VOTER_COOKIE);
    const voterId = voter ? deps.voterTokens.verify(voter) : null;
    const authorization = c.req.header('authorization');
    if (!voterId && !authorization) {
      throw new ProblemError('idempotency-key-needs-caller', {
        detail:
          'send the X-Voter-Token your first rating received (or a staff token) with an Idempotency-Key; a first request without one is sent without a key',
      });
    }
    const caller = voterId ? `voter#${voterId}` : `bearer#${sha256(authorization!)}`;
    const fingerprint = sha256(`${c.req.method} ${c.req.path}\n${sha256(await c.req.arrayBuffer())}`);

    const claim = await deps.idempotency.claim(caller, key, fingerprint, deps.clock());
    if (claim.state === 'mismatch') throw new ProblemError('idempotency-key-reused');
    if (claim.state === 'in-progress')
      throw new ProblemError('conflict', { detail: 'a request with this Idempotency-Key is still being processed' });
    if (claim.state === 'replay') {
      const headers = new Headers({ ...claim.response.headers, 'Idempotent-Replayed': 'true' });
      return new Response(claim.response.body, { status: claim.response.status, headers });
    }
    try {
      await next();
    } catch (error) {
      await deps.idempotency.release(caller, key);
      throw error;
    }
    // Errors rendered by the app's error handler arrive here as responses, not exceptions. Answers
    // that say "not now" (409, 429, 5xx) are not kept: the client's retry must run again.
    if (c.res.status >= 500 || c.res.status === 409 || c.res.status === 429) {
      await deps.idempotency.release(caller, key);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = c.res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    try {
      await deps.idempotency.complete(caller, key, { status: c.res.status, headers, body: await c.res.clone().text() });
    } catch (error) {
      // The request did its work: answer it. Its retries find the key claimed until the lease runs
      // out, then run again, which a rating (one per voter) and a flag (one per flagger) survive.
      deps.logger.warn('idempotency key not completed', { error });
    }
  };
