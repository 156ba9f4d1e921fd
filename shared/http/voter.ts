import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { VoterTokens } from '../feedback/voter-token.js';
import { markPersonal } from './caching.js';
import { ProblemError } from './problem.js';

export const VOTER_COOKIE = 'gp_voter';
export const VOTER_HEADER = 'X-Voter-Token';

/** How long a browser keeps its anonymous voter token: the longest a cookie may live (400 days). */
const VOTER_COOKIE_MAX_AGE = 400 * 24 * 3600;

interface VoterDeps {
  voterTokens: VoterTokens;
  cookieSecure: boolean;
}

/**
 * The voter id of a genuine `gp_voter` cookie, or null (none, stale or forged: simply replaced later).
 * An answer that asked who the voter is depends on it: it is never shared (markPersonal).
 */
export function cookieVoter(c: Context, deps: Pick<VoterDeps, 'voterTokens'>): string | null {
  markPersonal(c);
  const cookie = getCookie(c, VOTER_COOKIE);
  return cookie ? deps.voterTokens.verify(cookie) : null;
}

/** Sets the `gp_voter` cookie: `HttpOnly; SameSite=Lax`, for as long as a cookie may live. */
function setVoterCookie(c: Context, token: string, deps: Pick<VoterDeps, 'cookieSecure'>) {
  setCookie(c, VOTER_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.cookieSecure,
    path: '/',
    maxAge: VOTER_COOKIE_MAX_AGE,
  });
}

/**
 * Issues a new anonymous voter token to the caller: an `HttpOnly; SameSite=Lax` cookie for browsers
 * and the `X-Voter-Token` header for API clients. The one place that does on a submission, for the
 * API and the web form alike.
 */
export function issueVoter(c: Context, deps: VoterDeps): string {
  const issued = deps.voterTokens.issue();
  setVoterCookie(c, issued.token, deps);
  c.header(VOTER_HEADER, issued.token);
  return issued.voterId;
}

/**
 * Gives a browser about to be shown a rating form its voter cookie, if it has no genuine one, and
 * returns the new voter id (null when the cookie was there already). A submission without a token
 * is issued one in its answer; if that answer is lost after the rating was stored, the retry comes
 * without a token again and counts as a second voter. With the cookie set by the page, the plain
 * form and the page's script both post as a voter the browser already holds, and a retry replaces
 * the first rating. The cookie only: a page is for browsers, and the token stays out of scripts' reach.
 */
export function issueVoterCookie(c: Context, deps: VoterDeps): string | null {
  if (cookieVoter(c, deps)) return null;
  const issued = deps.voterTokens.issue();
  setVoterCookie(c, issued.token, deps);
  return issued.voterId;
}

/**
 * The caller's voter id: from the `X-Voter-Token` header (API clients) or the cookie (browsers).
 * A forged header is an error the client must see (401); a stale cookie is simply no voter.
 */
export function requestVoter(c: Context, deps: Pick<VoterDeps, 'voterTokens'>): string | null {
  const header = c.req.header(VOTER_HEADER);
  if (header !== undefined) {
    markPersonal(c);
    const voterId = deps.voterTokens.verify(header);
    if (!voterId) throw new ProblemError('invalid-voter-token');
    return voterId;
  }
  return cookieVoter(c, deps);
}
