import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { isStoreUnavailable } from '../../shared/store/faults.js';
import { securityHeaders } from './security.js';
import { idempotency } from './idempotency.js';
import { DomainError, ConflictError, InvalidCursorError, NotFoundError, RateLimitedError } from '../../shared/errors.js';
import type { ApiDeps } from './deps.js';
import { ProblemError, problemResponse } from './problem.js';
import { feedbackRoutes } from './routes/feedback.js';
import { healthRoutes } from './routes/health.js';
import { planRoutes } from './routes/plan.js';
import { ratingRoutes } from './routes/ratings.js';
import { accountabilityRoutes } from './routes/accountability.js';
import { adminRoutes } from './routes/admin.js';
import { monitorRoutes } from './routes/monitor.js';
import { MAX_IMPORT_BYTES, publisherRoutes } from './routes/publisher.js';
import { requireRole } from './staff.js';
import { openDataPages, openDataRoutes } from './routes/open-data.js';
import { feedRoutes } from './routes/feeds.js';
import { docsPages, openApiRoutes } from './routes/docs.js';
import { webRoutes } from '../../web/routes.js';
import { staffWebRoutes } from '../../web/staff/routes.js';

export const MAX_BODY_BYTES = 16 * 1024;

/** What a client is told to wait when the store is throttling or unreachable. */
export const STORE_RETRY_AFTER_SECONDS = 2;

/**
 * Public reads may be cached by a CDN for a minute and served stale while it revalidates; the
 * aggregation publishes at most every few minutes, so a minute old is as good as fresh.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

const bodyLimitOf = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => problemResponse(c, 'payload-too-large') });
const importBodyLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: (c) => problemResponse(c, 'payload-too-large', { detail: `a CSV import may be at most ${MAX_IMPORT_BYTES / 1024} KiB; split the file` }),
});

/** The one API app. The Lambda handler and the local server both serve exactly this. */
export function createApp(deps: ApiDeps) {
  const api = new Hono()
    // CSV imports of publishers may be larger than any other body; everything else stays small.
    .use(async (c, next) =>
      (c.req.path.startsWith('/api/v1/publisher/import/') ? importBodyLimit : bodyLimitOf)(c, next),
    )
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
    .use(etag({ weak: true }))
    // Staff routes: a verified token with the role, before anything else looks at the request.
    .use('/monitor/*', requireRole(deps, 'monitor', 'admin'))
    .use('/publisher/*', requireRole(deps, 'publisher', 'admin'))
    .use('/admin/*', requireRole(deps, 'admin'))
    .use(idempotency(deps))
    .route('/', healthRoutes(deps))
    .route('/', planRoutes(deps))
    .route('/', ratingRoutes(deps))
    .route('/', feedbackRoutes(deps))
    .route('/', accountabilityRoutes(deps))
    .route('/monitor', monitorRoutes(deps))
    .route('/publisher', publisherRoutes(deps))
    .route('/admin', adminRoutes(deps))
    .route('/', openDataRoutes(deps))
    .route('/', feedRoutes(deps))
    .route('/', openApiRoutes(deps));

  const app = new Hono();
  app.use(securityHeaders());
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
  // The open-data dictionary and the API reference: plain pages of their own, before the site's catch-all.
  app.route('/', openDataPages(deps));
  app.route('/', docsPages(deps));
  // Staff sign-in and the staff pages (web/staff/), before the citizen site's catch-all.
  app.route('/', staffWebRoutes(deps));
  // The citizen pages (web/): HTML, complete without JavaScript, beside the API.
  app.route('/', webRoutes(deps));
  app.notFound((c) => problemResponse(c, 'not-found', { detail: 'no route answers this method and path' }));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.problem, error.extras);
    if (error instanceof NotFoundError) return problemResponse(c, 'not-found', { detail: error.message });
    if (error instanceof InvalidCursorError) return problemResponse(c, 'invalid-cursor');
    if (error instanceof ConflictError) return problemResponse(c, 'conflict', { detail: error.message });
    if (error instanceof RateLimitedError) {
      const res = problemResponse(c, 'too-many-requests', { detail: error.message, limit: error.limit });
      res.headers.set('Retry-After', String(error.retryAfterSeconds));
      return res;
    }
    if (isStoreUnavailable(error)) {
      // Nothing was half written: every write either committed whole or not at all (see README).
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

export type App = ReturnType<typeof createApp>;
