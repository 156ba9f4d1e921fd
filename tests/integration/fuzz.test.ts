import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeedbackSubmission } from '../../shared/feedback/submit.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/** Whatever a client sends, the answer is never a 5xx and never an unhandled rejection. */
const store = useStore();
let app: ReturnType<typeof testApp>['app'];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  app = testApp(store.current).app;
  process.on('unhandledRejection', onUnhandled);
  return () => process.off('unhandledRejection', onUnhandled);
});

const segment = fc.oneof(
  fc.constantFrom(
    'api',
    'v1',
    'plan',
    'indicators',
    'projects',
    'gdp',
    'comments',
    'ratings',
    'series',
    'feedback',
    'me',
    'health',
    '..',
    '%2e%2e',
    '%00',
    '',
  ),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `/api/v1/${parts.join('/')}`);
const query = fc.dictionary(
  fc.constantFrom(
    'category',
    'attribute',
    'status',
    'box',
    'limit',
    'cursor',
    'period',
    'group',
    'target',
    'granularity',
    'targetType',
    'targetId',
    'x',
  ),
  fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.integer().map(String),
    fc.constantFrom('all', '2025', '2025-06', 'indicator:gdp', 'plan', 'month'),
  ),
  { maxKeys: 3 },
);
const jsonish = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc
    .record(
      {
        targetType: fc.constantFrom('indicator', 'project', 'x'),
        targetId: fc.oneof(fc.constantFrom('gdp', 'b07-x'), fc.string()),
        rating: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double()),
        comment: fc.option(fc.string({ unit: 'binary', maxLength: 300 })),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

describe('fuzzing the routes', () => {
  it('answers every request a client can send without a 5xx, with a problem document for every error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
        fc.oneof(
          path,
          fc.constantFrom('/api/v1/feedback', '/api/v1/indicators', '/api/v1/ratings', '/api/v1/me/feedback'),
        ),
        query,
        jsonish,
        fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', ''),
        fc.option(fc.string({ maxLength: 60 })),
        async (method, base, params, body, contentType, voterToken) => {
          const url = `${base}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`;
          const headers: Record<string, string> = {};
          if (contentType) headers['Content-Type'] = contentType;
          if (voterToken !== null && /^[\x20-\x7e]*$/.test(voterToken)) headers['X-Voter-Token'] = voterToken;
          const res = await app.request(url, {
            method,
            headers,
            ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
          });
          expect(res.status, `${method} ${url}`).toBeLessThan(500);
          // Dot segments, even percent-encoded ones, are resolved before routing (as browsers do), so a
          // path may leave /api/: a GET there is the site's, answered with its HTML 404 page.
          const sitePage = method === 'GET' && !new URL(url, 'http://localhost').pathname.startsWith('/api/');
          if (res.status >= 400 && method !== 'HEAD')
            expect(res.headers.get('content-type'), `${method} ${url}`).toBe(
              sitePage ? 'text/html; charset=UTF-8' : 'application/problem+json',
            );
        },
      ),
      // Paths that dot segments take out of /api/ (found by runs of this property).
      {
        numRuns: 400,
        examples: [
          ['GET', '/api/v1/%2e%2e/../%20', {}, '{}', 'application/json', null],
          ['DELETE', '/api/v1/../%2e%2e/api', {}, '', 'application/json', null],
        ],
      },
    );
    expect(unhandled).toEqual([]);
  }, 120_000);

  it('the feedback schema accepts exactly the well-formed submissions', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = FeedbackSubmission.safeParse(value);
        if (parsed.success) {
          expect([1, 2, 3, 4, 5]).toContain(parsed.data.rating);
          expect(['indicator', 'project']).toContain(parsed.data.targetType);
          expect(parsed.data.targetId).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
