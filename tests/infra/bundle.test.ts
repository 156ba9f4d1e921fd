import { describe, expect, it, beforeAll } from 'vitest';
import { SCHEDULE_INPUT } from '../../infra/constructs/aggregation.js';
import { ORIGIN_VERIFY_HEADER } from '../../infra/constructs/api.js';
import { TEST_SECRET } from '../helpers/api.js';
import { apiGatewayEvent, lambdaContext, resultBody, type ApiHandler } from '../helpers/lambda.js';
import { getEvent, sourcesOf, useBundles } from './bundles.js';

/** Each function's bundle from the synthesised cloud assembly, cold-started and invoked as Lambda would (tests/infra/bundles.ts). */
const { assets, coldStart } = useBundles();

describe('the API bundle from the cloud assembly', () => {
  let handler: ApiHandler;
  beforeAll(async () => {
    ({ handler } = await coldStart<{ handler: ApiHandler }>(assets.api, { VOTER_TOKEN_SECRET: TEST_SECRET }));
  });

  it('answers an API Gateway v2 GET /api/v1/plan with the plan', async () => {
    const result = await handler(apiGatewayEvent('get-plan'), lambdaContext);
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    expect(resultBody(result).counts.indicators).toBe(31);
  });

  it('records a rating and sets the voter cookie through the v2 cookies field', async () => {
    const result = await handler(apiGatewayEvent('post-feedback'), lambdaContext);
    expect(result.statusCode).toBe(201);
    expect(resultBody(result)).toMatchObject({ targetId: 'gdp', rating: 4, commentStatus: 'pending' });
    expect(result.cookies?.[0]).toMatch(
      /^gp_voter=v1\.[\w-]+\.[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('answers a bad request with a problem document, not a stack trace', async () => {
    const result = await handler(apiGatewayEvent('post-feedback-bad-rating'), lambdaContext);
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    // zod/mini says only "Invalid input" unless its English locale made it into the bundle.
    expect(resultBody(result).errors).toEqual([
      { path: 'rating', message: 'Invalid option: expected one of 1|2|3|4|5' },
    ]);
  });

  it('serves neither staff routes, open data nor pages: those are other functions’ (404 problem)', async () => {
    for (const path of [
      '/api/v1/monitor/comments',
      '/api/v1/open-data/indicators.csv',
      '/api/v1/feeds/plan.atom',
      '/',
    ]) {
      const result = await handler(getEvent(path), lambdaContext);
      expect(result.statusCode, path).toBe(404);
      expect(result.headers?.['content-type'], path).toBe('application/problem+json');
    }
  });
});

describe('zod in the function bundles', () => {
  const zodSources = (bundleDir: string) =>
    sourcesOf(bundleDir)
      .map((source) => /^node_modules\/zod\/(.+)$/.exec(source)?.[1])
      .filter((path) => path !== undefined);

  it.each([
    ['API', assets.api],
    ['staff', assets.staff],
    ['web', assets.web],
    ['downloads', assets.downloads],
    ['staff pages', assets.staffPages],
    ['aggregation', assets.aggregator],
    ['overdue sweep', assets.overdue],
  ])(
    'the %s bundle carries zod/mini and the English locale only: classic zod cannot be tree-shaken',
    (_name, bundleDir) => {
      const sources = zodSources(bundleDir);
      expect(sources.filter((path) => path.startsWith('v4/mini/')).length).toBeGreaterThan(0);
      expect(sources.filter((path) => path.startsWith('v4/classic/') || path.startsWith('v3/'))).toEqual([]);
      expect(sources.filter((path) => path.startsWith('v4/locales/'))).toEqual(['v4/locales/en.js']);
    },
  );
});

describe('the staff bundle from the cloud assembly', () => {
  let handler: ApiHandler;
  beforeAll(async () => {
    ({ handler } = await coldStart<{ handler: ApiHandler }>(assets.staff, {
      VOTER_TOKEN_SECRET: TEST_SECRET,
      AUTH_ISSUER: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_Example',
      AUTH_CLIENT_ID: 'example-client',
    }));
  });

  it('refuses a staff route without a token itself (401), whatever API Gateway let through', async () => {
    const result = await handler(getEvent('/api/v1/monitor/comments'), lambdaContext);
    expect(result.statusCode).toBe(401);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(result.headers?.['www-authenticate']).toMatch(/^Bearer realm="gongping-staff"/);
    expect(result.headers?.['cache-control']).toBe('no-store');
  });

  it('refuses a malformed token (401) and serves no citizen route', async () => {
    // Malformed, so refused before the provider's keys would be fetched (no network in this test).
    const malformed = await handler(
      getEvent('/api/v1/admin/audit', { authorization: 'Bearer not-a-token' }),
      lambdaContext,
    );
    expect(malformed.statusCode).toBe(401);
    expect(resultBody(malformed).reason).toBe('malformed');
    expect((await handler(apiGatewayEvent('get-plan'), lambdaContext)).statusCode).toBe(404);
  });
});

describe('the web bundle from the cloud assembly: the citizen pages only', () => {
  let handler: ApiHandler;
  beforeAll(async () => {
    ({ handler } = await coldStart<{ handler: ApiHandler }>(assets.web, {
      VOTER_TOKEN_SECRET: TEST_SECRET,
      WEB_DIST_DIR: assets.web,
    }));
  });

  it('serves the citizen pages as HTML, and not the JSON API', async () => {
    const page = await handler(getEvent('/indicators', { accept: 'text/html' }), lambdaContext);
    expect(page.statusCode).toBe(200);
    expect(page.headers?.['content-type']).toMatch(/^text\/html/);
    expect((await handler(apiGatewayEvent('get-plan'), lambdaContext)).statusCode).toBe(404);
  });

  it('leaves out what the split-out functions serve: staff pages and sign-in, open data, feeds, the evaluation CSV, the API reference, and the JSON API’s routes and schemas', () => {
    const sources = sourcesOf(assets.web);
    expect(sources.filter((source) => source.startsWith('web/citizen/')).length).toBeGreaterThan(10);
    const splitOut = [
      /^web\/staff\//,
      /^shared\/auth\/verifier\.ts$/,
      /^shared\/publishing\//,
      /^shared\/feeds\//,
      // Only where the downloads are (paths.ts), none of the datasets or their formatters.
      /^shared\/open-data\/(?!paths\.ts$)/,
      /^shared\/evaluation\/csv\.ts$/,
      // The API's routes and schemas: the forms share only the case look-up's client rule and the bodies of shared/api/case-bodies.ts.
      /^shared\/http\/api\/routes\/(?!case-follow\.ts$)/,
      /^shared\/api\/(?!case-bodies\.ts$|registry\.ts$)/,
      /^node_modules\/(jose|csv-parse|csv-stringify|feed|xml-js|sax)\//,
    ];
    expect(sources.filter((source) => splitOut.some((pattern) => pattern.test(source)))).toEqual([]);
  });
});

describe('the downloads bundle from the cloud assembly', () => {
  let handler: ApiHandler;
  beforeAll(async () => {
    ({ handler } = await coldStart<{ handler: ApiHandler }>(assets.downloads, {
      VOTER_TOKEN_SECRET: TEST_SECRET,
      WEB_DIST_DIR: assets.downloads,
    }));
  });

  it('serves the open data as CSV, the plan’s Atom feed and the evaluation as CSV', async () => {
    const csv = await handler(getEvent('/api/v1/open-data/indicators.csv'), lambdaContext);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers?.['content-type']).toMatch(/^text\/csv/);
    const feed = await handler(getEvent('/api/v1/feeds/plan.atom'), lambdaContext);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers?.['content-type']).toMatch(/^application\/atom\+xml/);
    const evaluation = await handler(getEvent('/api/v1/evaluation.csv'), lambdaContext);
    expect(evaluation.statusCode).toBe(200);
    expect(evaluation.headers?.['content-type']).toMatch(/^text\/csv/);
  });

  it('serves neither the citizen pages nor the staff pages (404 problem)', async () => {
    for (const path of ['/indicators', '/staff']) {
      const result = await handler(getEvent(path, { accept: 'text/html' }), lambdaContext);
      expect(result.statusCode, path).toBe(404);
      expect(result.headers?.['content-type'], path).toBe('application/problem+json');
    }
  });
});

describe('the staff pages bundle from the cloud assembly', () => {
  let handler: ApiHandler;
  beforeAll(async () => {
    ({ handler } = await coldStart<{ handler: ApiHandler }>(assets.staffPages, {
      VOTER_TOKEN_SECRET: TEST_SECRET,
      WEB_DIST_DIR: assets.staffPages,
    }));
  });

  it('answers a staff page as a staff page, and serves no citizen page', async () => {
    const staff = await handler(getEvent('/staff', { accept: 'text/html' }), lambdaContext);
    expect(staff.headers?.['content-type']).toMatch(/^text\/html/);
    expect(staff.headers?.['cache-control']).toBe('private, no-store');
    const citizen = await handler(getEvent('/indicators', { accept: 'text/html' }), lambdaContext);
    expect(citizen.statusCode).toBe(404);
    expect(citizen.headers?.['content-type']).toBe('application/problem+json');
  });
});

describe('the origin-verification authorizer bundle', () => {
  it('lets through only requests that carry CloudFront’s marker', async () => {
    const MARKER = 'm'.repeat(48);
    const { handler } = await coldStart<{ handler: (event: unknown) => Promise<{ isAuthorized: boolean }> }>(
      assets.verifier,
      { ORIGIN_VERIFY_VALUE: MARKER },
    );
    const event = (headers: Record<string, string>) => ({
      ...apiGatewayEvent('get-plan'),
      type: 'REQUEST',
      identitySource: Object.values(headers),
      headers,
    });
    expect(await handler(event({ [ORIGIN_VERIFY_HEADER]: MARKER }))).toEqual({ isAuthorized: true });
    expect(await handler(event({ [ORIGIN_VERIFY_HEADER]: 'm'.repeat(47) + 'n' }))).toEqual({ isAuthorized: false });
    expect(await handler(event({ [ORIGIN_VERIFY_HEADER]: MARKER.slice(1) }))).toEqual({ isAuthorized: false });
    expect(await handler(event({}))).toEqual({ isAuthorized: false });
  });
});

describe('the aggregation bundle from the cloud assembly', () => {
  it('runs once on the input EventBridge Scheduler sends and reports what it did', async () => {
    const { handler } = await coldStart<{ handler: (event: unknown) => Promise<Record<string, number>> }>(
      assets.aggregator,
      {
        AGGREGATE_SETTLE_SECONDS: '0',
      },
    );
    const input = JSON.parse(
      JSON.stringify(SCHEDULE_INPUT)
        .replace(
          '<aws.scheduler.schedule-arn>',
          'arn:aws:scheduler:ap-southeast-1:123456789012:schedule/default/gongping',
        )
        .replace('<aws.scheduler.scheduled-time>', '2026-11-30T00:05:00Z')
        .replace('<aws.scheduler.execution-id>', 'd32c5kddcf5bb8c3')
        .replace('<aws.scheduler.attempt-number>', '1'),
    );
    const report = await handler(input);
    // The ratings recorded by the API bundle above (two submissions of the same voter target).
    expect(report.entries).toBeGreaterThanOrEqual(1);
    expect(report.version).toBeGreaterThanOrEqual(1);
  });
});

describe('the overdue sweep bundle from the cloud assembly', () => {
  it('reads the deadlines on a scheduled invocation and, with no VAPID keys, tells no one', async () => {
    const { handler } = await coldStart<{ handler: () => Promise<{ checked: number; told: string[] }> }>(
      assets.overdue,
      {},
    );
    expect(await handler()).toEqual({ checked: expect.any(Number), told: [] });
  });
});
