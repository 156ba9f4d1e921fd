import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

/**
 * The staleness window of public answers at the edge: how long CloudFront (and a browser) may keep
 * a public page or JSON answer before asking again. A change is seen within this window plus the
 * process's own read cache (READ_CACHE_SECONDS); docs/caching-http.md adds them up.
 */
export const PUBLIC_STALENESS_SECONDS = 5;

/**
 * Public pages and JSON: the same for every reader, so a shared cache may keep them for the window.
 * No stale-while-revalidate: an edge location that saw no request for an hour would otherwise
 * answer once with an hour-old page, and a new value must show within the window.
 */
export const PUBLIC_CACHE_CONTROL = `public, max-age=${PUBLIC_STALENESS_SECONDS}`;

/** Anything that shows, sets or depends on one person's data: stored by no cache, shared or not. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/**
 * What a 304 keeps of the 200 it stands for (RFC 9110 §15.4.5), and the answer's own
 * Content-Security-Policy: a browser replaces the stored answer's headers with the 304's, so
 * without it a page revalidated would take the API's `default-src 'none'` and lose its stylesheet.
 */
const KEPT_ON_304 = new Set([
  'cache-control',
  'content-location',
  'content-security-policy',
  'date',
  'etag',
  'expires',
  'vary',
]);

const personalAnswers = new WeakSet<Context>();

/**
 * Marks the answer to this request as personal: the handler read who is asking (the voter cookie or
 * token, shared/http/voter.ts). `conditionalAnswers` then makes it `private, no-store` whatever the
 * route set, so no handler can share a voter's page by forgetting a header.
 */
export function markPersonal(c: Context) {
  personalAnswers.add(c);
}

/** A read: Hono answers a HEAD with its GET route, the body dropped at the end. */
const isRead = (c: Context) => c.req.method === 'GET' || c.req.method === 'HEAD';

/** The API's default: a read answered 200 without a policy of its own is public for the window. */
export const publicByDefault = (): MiddlewareHandler => async (c, next) => {
  await next();
  if (isRead(c) && c.res.status === 200 && !c.res.headers.has('Cache-Control')) {
    c.res.headers.set('Cache-Control', PUBLIC_CACHE_CONTROL);
  }
};

/**
 * One mechanism for every part (pages, JSON, open data, feeds): a personal answer, or one that sets
 * a cookie, is `private, no-store`; a public 200 gets a strong ETag, the hash of its exact bytes and
 * content type, and a GET whose If-None-Match holds it is answered 304 without the body. Strong,
 * because the origin never re-encodes a body; CloudFront weakens it to W/"…" when it compresses, and
 * If-None-Match compares weakly, so a browser's W/"…" still matches here.
 */
export const conditionalAnswers = (): MiddlewareHandler => async (c, next) => {
  await next();
  const res = c.res;
  if (isPersonal(c)) {
    res.headers.set('Cache-Control', PRIVATE_CACHE_CONTROL);
    res.headers.delete('ETag');
    return;
  }
  if (!revalidated(c)) return;
  const tag = res.headers.get('ETag') ?? (await strongTag(res));
  if (!matches(c.req.header('If-None-Match'), tag)) {
    res.headers.set('ETag', tag);
    return;
  }
  await res.body?.cancel();
  c.res = new Response(null, { status: 304, headers: { ETag: tag } });
  // Hono's setter copies the old answer's headers onto the new one: keep only what a 304 carries.
  for (const name of [...c.res.headers.keys()]) if (!KEPT_ON_304.has(name)) c.res.headers.delete(name);
};

/** The answer shows or sets one person's data: the handler read the voter, or it sets a cookie. */
export const isPersonal = (c: Context) => personalAnswers.has(c) || c.res.headers.has('Set-Cookie');

/**
 * A public 200 to a read that a shared cache may keep and revalidate (an immutable asset is never
 * asked for again, so it needs no validator): what gets an ETag, and what this process may keep.
 */
export function revalidated(c: Context): boolean {
  if (!isRead(c) || c.res.status !== 200 || isPersonal(c)) return false;
  const policy = c.res.headers.get('Cache-Control') ?? '';
  return /\bpublic\b/.test(policy) && !/\bimmutable\b/.test(policy);
}

/** `"…"`: 128 bits of the SHA-256 of the content type and the body, base64url. */
export function tagOf(contentType: string, body: Uint8Array): string {
  const hash = createHash('sha256').update(contentType).update('\n').update(body);
  return `"${hash.digest('base64url').slice(0, 22)}"`;
}

const strongTag = async (res: Response) =>
  tagOf(res.headers.get('Content-Type') ?? '', new Uint8Array(await res.clone().arrayBuffer()));

/** If-None-Match's weak comparison (RFC 9110 §13.1.2): `W/` is ignored on both sides; `*` matches. */
function matches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = tag.replace(/^W\//, '');
  return ifNoneMatch.match(/"[^"]*"/g)?.includes(opaque) ?? false;
}
