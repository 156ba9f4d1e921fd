import type { Env, MiddlewareHandler, Schema } from 'hono';
import { Hono } from 'hono/tiny';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppDeps } from './deps.js';
import { conditionalAnswers, publicByDefault } from './caching.js';
import { clientOrigin } from './client-address.js';
import { idempotency } from './idempotency.js';
import { keptAnswers } from './kept-answers.js';
import { logFault, problemAnswer, problemFor, problemResponse } from './problem.js';
import { sampleDataMarker } from './sample-data.js';
import { securityHeaders } from './security.js';

// Every part is built on hono/tiny (the PatternRouter alone): the routes need nothing the larger
// routers add, and without them the citizen function's bundle was 5.8 KiB smaller and loaded about
// 4 ms (4%) faster when the switch was measured.

export const MAX_BODY_BYTES = 16 * 1024;

// Sub-apps differ in their context variables (staff routes carry the signed-in identity); the
// composition only mounts them.
type SubApp = Hono<Env, Schema, string>;

/**
 * A part of the site that one Lambda function serves (shared/http/api/citizen.ts, staff.ts,
 * web/downloads.ts, web/staff/part.ts, web/citizen/part.ts). `npm start` and the tests serve all parts in one app; in AWS each function serves one,
 * with the very same middleware around it.
 */
export interface AppPart {
  /** Routes under /api/v1, with the API's middleware (CORS, public by default, idempotency) around them. */
  api?: SubApp;
  /** Checks that must run before anything else under /api/v1 looks at the request (staff sign-in). */
  guard?: (api: Hono) => void;
  /** Routes whose bodies may be larger than MAX_BODY_BYTES, by path prefix (under /api/v1). */
  bodyLimits?: Record<string, MiddlewareHandler>;
  /** Everything outside /api/v1: pages, downloads, the API reference. */
  pages?: SubApp;
}

const defaultBodyLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => problemResponse(c, 'payload-too-large'),
});

/** What the common middleware uses: where requests come from, the request log, idempotent POSTs. */
export type CommonDeps = Pick<
  AppDeps,
  'clientOrigin' | 'logger' | 'idempotency' | 'voterTokens' | 'clock' | 'sampleData' | 'answers'
>;

/**
 * The one place for what every answer goes through, whichever function serves it: security
 * headers, the request log, the API's middleware, problem documents for every error (never a
 * trace), and 404 for what no part serves.
 */
export function withCommonMiddleware(deps: CommonDeps, parts: readonly AppPart[]) {
  const largerBodies = parts.flatMap((part) => Object.entries(part.bodyLimits ?? {}));
  const api = new Hono()
    .use(async (c, next) =>
      (largerBodies.find(([prefix]) => c.req.path.startsWith(prefix))?.[1] ?? defaultBodyLimit)(c, next),
    )
    // Anyone may read the public API from any site; nothing else crosses origins: no credentials,
    // and a cross-site POST fails its preflight.
    .use(cors({ origin: '*', allowMethods: ['GET', 'HEAD'], credentials: false, maxAge: 600 }))
    // Routes that must not be shared (a voter's own data, health) set their own header first.
    .use(publicByDefault());
  for (const part of parts) part.guard?.(api);
  api.use(idempotency(deps));
  for (const part of parts) if (part.api) api.route('/', part.api);

  const app = new Hono();
  app.use(sampleDataMarker(deps.sampleData));
  app.use(securityHeaders());
  app.use(clientOrigin(deps.clientOrigin));
  // Pages, JSON, open data and feeds alike: ETag and 304, and nothing personal ever shared (caching.ts).
  app.use(conditionalAnswers());
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
  // Inside the request log, so an answer served again is logged like any other.
  app.use(keptAnswers(deps.answers));
  app.route('/api/v1', api);
  for (const part of parts) if (part.pages) app.route('/', part.pages);
  app.notFound((c) => problemResponse(c, 'not-found', { detail: 'no route answers this method and path' }));
  // The API's one error handler, and that of every part without its own: problemFor maps, logFault logs.
  // Every write commits whole or not at all; an import stopped between rows is audited row by row and
  // completed by sending it again (see docs/staff.md, imports).
  app.onError((error, c) => {
    const problem = problemFor(error);
    logFault(deps.logger, error, problem);
    return problemAnswer(c, problem);
  });
  return app;
}
