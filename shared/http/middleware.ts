import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono/tiny';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { DomainError, ConflictError, InvalidCursorError, NotFoundError, RateLimitedError, TextTooLongError } from '../errors.js';
import { isStoreUnavailable } from '../store/faults.js';
import type { ApiDeps } from './deps.js';
import { clientOrigin } from './client-address.js';
import { idempotency } from './idempotency.js';
import { ProblemError, problemResponse } from './problem.js';
import { securityHeaders } from './security.js';

// Every part is built on hono/tiny (the PatternRouter alone): the routes need nothing the larger
// routers add, and without them the citizen function's bundle was 5.8 KiB smaller and loaded about
// 4 ms (4%) faster when the switch was measured.

export const MAX_BODY_BYTES = 16 * 1024;

/** What a client is told to wait when the store is throttling or unreachable. */
export const STORE_RETRY_AFTER_SECONDS = 2;

/**
 * Public reads may be cached by a CDN for a minute and served stale while it revalidates; the
 * aggregation publishes at most every few minutes, so a minute old is as good as fresh.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

// Sub-apps differ in their context variables (staff routes carry the signed-in identity); the
// composition only mounts them.
type SubApp = Hono<any, any, any>;

/**
 * A part of the site that one Lambda function serves (shared/http/api/citizen.ts, staff-api.ts,
 * site.ts). `npm start` and the tests serve all parts in one app; in AWS each function serves one,
 * with the very same middleware around it.
 */
export interface AppPart {
  /** Routes under /api/v1, with the API's middleware (CORS, caching, ETag, idempotency) around them. */
  api?: SubApp;
  /** Checks that must run before anything else under /api/v1 looks at the request (staff sign-in). */
  guard?: (api: Hono) => void;
  /** Routes whose bodies may be larger than MAX_BODY_BYTES, by path prefix (under /api/v1). */
  bodyLimits?: Record<string, MiddlewareHandler>;
  /** Everything outside /api/v1: pages, downloads, the API reference. */
  pages?: SubApp;
}

const defaultBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => problemResponse(c, 'payload-too-large') });

/**
 * The one place for what every answer goes through, whichever function serves it: security
 * headers, the request log, the API's middleware, problem documents for every error (never a
 * trace), and 404 for what no part serves.
 */
export function withCommonMiddleware(deps: ApiDeps, parts: readonly AppPart[]) {
  const largerBodies = parts.flatMap((part) => Object.entries(part.bodyLimits ?? {}));
  const api = new Hono()
    .use(async (c, next) => (largerBodies.find(([prefix]) => c.req.path.startsWith(prefix))?.[1] ?? defaultBodyLimit)(c, next))
    // Anyone may read the public API from any site; nothing else crosses origins: no credentials,
    // and a cross-site POST fails its preflight.
    .use(cors({ origin: '*', allowMethods: ['GET', 'HEAD'], credentials: false, maxAge: 600 }))
    .use(async (c, next) => {
      await next();
      // Routes that must not be shared (a voter's own data, health) set their own header first.
      if (c.req.method === 'GET' && c.res.status === 200 && !c.res.headers.has('Cache-Control')) {
        c.res.headers.set('Cache-Control', PUBLIC_CACHE_CONTROL);
      }
    })
    .use(etag({ weak: true }));
  for (const part of parts) part.guard?.(api);
  api.use(idempotency(deps));
  for (const part of parts) if (part.api) api.route('/', part.api);

  const app = new Hono();
  app.use(securityHeaders());
  app.use(clientOrigin(deps.clientOrigin));
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.route('/api/v1', api);
  for (const part of parts) if (part.pages) app.route('/', part.pages);
  app.notFound((c) => problemResponse(c, 'not-found', { detail: 'no route answers this method and path' }));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.problem, error.extras);
    if (error instanceof NotFoundError) return problemResponse(c, 'not-found', { detail: error.message });
    if (error instanceof InvalidCursorError) return problemResponse(c, 'invalid-cursor');
    if (error instanceof ConflictError) return problemResponse(c, 'conflict', { detail: error.message });
    if (error instanceof TextTooLongError) return problemResponse(c, 'validation-failed', { detail: error.message });
    if (error instanceof RateLimitedError) {
      const res = problemResponse(c, 'too-many-requests', { detail: error.message, limit: error.limit });
      res.headers.set('Retry-After', String(error.retryAfterSeconds));
      return res;
    }
    if (isStoreUnavailable(error)) {
      // Every write committed whole or not at all; an import stopped between rows is audited row by row and completed by sending it again (see docs/staff.md, imports).
      deps.logger.warn('store unavailable', { error });
      const res = problemResponse(c, 'service-unavailable', { detail: 'the store is unavailable; retry shortly' });
      res.headers.set('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
      return res;
    }
    // Anything else is ours to fix: log it whole, answer without a trace of it.
    deps.logger.error('unhandled error', { error, domain: error instanceof DomainError });
    return problemResponse(c, 'internal-error');
  });
  return app;
}
