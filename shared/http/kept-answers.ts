import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { revalidated, tagOf } from './caching.js';
import { VOTER_COOKIE, VOTER_HEADER } from './voter.js';

/**
 * What a kept answer is valid for: the store versions the caches of this process believe (plan data
 * and published ratings, shared/store/plan-cache.ts) and the staleness window, which also bounds
 * what no version announces (comments published, a case's state, today's date).
 */
export interface AnswerVersions {
  windowMs: number;
  version: () => Promise<string>;
  now?: () => number;
}

interface Kept {
  version: string;
  at: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
}

/** Bounds on what one process keeps: a plan's pages in both languages fit many times over. */
const MAX_ANSWERS = 500;
const MAX_BYTES = 32 * 1024 * 1024;

/**
 * Keeps the public answers this process rendered and serves them again, as CloudFront does at the
 * edge, for as long as the versions they were rendered under hold and at most the staleness window:
 * a page view in steady state then costs neither a store read nor a render (docs/caching-http.md).
 * Kept only what `conditionalAnswers` shares anyway (a public 200, nothing personal, no cookie set);
 * keyed by what a public answer depends on: the URL, Accept-Language and the cookies (language, large
 * text). A request that says who is asking (a voter's cookie or token, a staff token) is never served
 * from here: what it is shown is the handler's to decide.
 */
export function keptAnswers({ windowMs, version, now = Date.now }: AnswerVersions): MiddlewareHandler {
  if (windowMs <= 0) return (_c, next) => next();
  const answers = new Map<string, Kept>();
  let bytes = 0;
  const forget = (key: string) => {
    const gone = answers.get(key);
    if (!gone) return;
    answers.delete(key);
    bytes -= gone.body.byteLength;
  };
  return async (c, next) => {
    const cookies = getCookie(c);
    const identified = c.req.header('Authorization') || c.req.header(VOTER_HEADER) || cookies[VOTER_COOKIE];
    if (c.req.method !== 'GET' || identified) return next();
    const key = JSON.stringify([c.req.url, c.req.header('Accept-Language') ?? '', Object.entries(cookies).sort()]);
    const current = await version();
    const held = answers.get(key);
    if (held && held.version === current && now() - held.at < windowMs) {
      // Most recently used last, so the oldest is evicted first.
      answers.delete(key);
      answers.set(key, held);
      return new Response(held.body, { status: 200, headers: held.headers });
    }
    forget(key);
    const at = now();
    await next();
    if (!revalidated(c)) return;
    const body = new Uint8Array(await c.res.arrayBuffer());
    const headers = new Headers(c.res.headers);
    if (!headers.has('ETag')) headers.set('ETag', tagOf(headers.get('Content-Type') ?? '', body));
    c.res = new Response(body, { status: 200, headers });
    if (body.byteLength > MAX_BYTES / 8) return;
    answers.set(key, { version: current, at, headers: [...headers], body });
    bytes += body.byteLength;
    for (const oldest of answers.keys()) {
      if (answers.size <= MAX_ANSWERS && bytes <= MAX_BYTES) break;
      forget(oldest);
    }
  };
}
