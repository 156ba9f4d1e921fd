import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_INPUT } from '../../infra/constructs/aggregation.js';
import { ORIGIN_VERIFY_HEADER } from '../../infra/constructs/api.js';
import { voterTokens } from '../../shared/feedback/voter-token.js';
import { TEST_SECRET } from '../helpers/api.js';
import {
  apiGatewayEvent,
  lambdaContext,
  planStoreEnvironment,
  resultBody,
  type ApiHandler,
} from '../helpers/lambda.js';
import { useStore } from '../helpers/store.js';
import { logicalId, synthesise } from './synth.js';

/**
 * The code that would be uploaded to Lambda, not the sources: every bundle is taken from the
 * synthesised cloud assembly and invoked the way the Lambda runtime does, on a real (dynalite) table.
 */
const synth = synthesise({}, { nag: false });
const assetOf = (fn: Parameters<typeof logicalId>[0]) => {
  const key = synth.templates.app.findResources('AWS::Lambda::Function')[logicalId(fn)]!.Properties.Code
    .S3Key as string;
  return join(synth.outdir, `asset.${key.replace(/\.zip$/, '')}`);
};
const apiAsset = assetOf(synth.app.api.functions.api);
const staffAsset = assetOf(synth.app.api.functions.staff);
const webAsset = assetOf(synth.app.api.functions.web);
const downloadsAsset = assetOf(synth.app.api.functions.downloads);
const staffPagesAsset = assetOf(synth.app.api.functions.staffPages);
const verifierAsset = assetOf(synth.app.api.originVerifier);
const aggregatorAsset = assetOf(synth.app.aggregation.fn);

/** The sources a bundle was built from, as its source map names them (relative to the repository or node_modules). */
const sourcesOf = (bundleDir: string) =>
  (JSON.parse(readFileSync(join(bundleDir, 'index.mjs.map'), 'utf8')) as { sources: string[] }).sources.map((source) =>
    relative(process.cwd(), resolve(bundleDir, source)).replace(/^.*node_modules\//, 'node_modules/'),
  );

const fixture = apiGatewayEvent;
const context = lambdaContext;
const body = resultBody;
/** An API Gateway v2 GET of another path, as the catch-all routes pass it on. */
const get = (path: string, headers: Record<string, string> = {}) => {
  const event = fixture('get-plan') as ReturnType<typeof fixture> & {
    requestContext: { http: Record<string, unknown> };
    headers: Record<string, string>;
  };
  return {
    ...event,
    routeKey: 'ANY /{proxy+}',
    rawPath: path,
    headers: { ...event.headers, ...headers },
    requestContext: { ...event.requestContext, http: { ...event.requestContext.http, path } },
  } as ReturnType<typeof fixture>;
};
/** Variables one cold start below sets and the next must not inherit. */
const PER_CONTAINER = [
  'VOTER_TOKEN_SECRET',
  'VOTER_TOKEN_SECRET_ARN',
  'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT',
  'AWS_SESSION_TOKEN',
  'AUTH_ISSUER',
  'AUTH_CLIENT_ID',
];

const store = useStore();
let env: Record<string, string>;

beforeAll(async () => {
  env = await planStoreEnvironment(store.current, 'ap-southeast-1');
});

/** Imports a bundle as a fresh container would: configuration is read at import. */
async function coldStart<T>(bundleDir: string, variables: Record<string, string | undefined>): Promise<T> {
  for (const name of PER_CONTAINER) delete process.env[name];
  Object.assign(process.env, env);
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return (await import(pathToFileURL(join(bundleDir, 'index.mjs')).href)) as T;
}

describe('the API bundle from the cloud assembly', () => {
  let handler: ApiHandler;
  beforeAll(async () => {
    ({ handler } = await coldStart<{ handler: ApiHandler }>(apiAsset, { VOTER_TOKEN_SECRET: TEST_SECRET }));
  });

  it('answers an API Gateway v2 GET /api/v1/plan with the plan', async () => {
    const result = await handler(fixture('get-plan'), context);
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    expect(body(result).counts.indicators).toBe(31);
  });

  it('records a rating and sets the voter cookie through the v2 cookies field', async () => {
    const result = await handler(fixture('post-feedback'), context);
    expect(result.statusCode).toBe(201);
    expect(body(result)).toMatchObject({ targetId: 'gdp', rating: 4, commentStatus: 'pending' });
    expect(result.cookies?.[0]).toMatch(
      /^gp_voter=v1\.[\w-]+\.[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('answers a bad request with a problem document, not a stack trace', async () => {
    const result = await handler(fixture('post-feedback-bad-rating'), context);
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    // zod/mini says only "Invalid input" unless its English locale made it into the bundle.
    expect(body(result).errors).toEqual([{ path: 'rating', message: 'Invalid option: expected one of 1|2|3|4|5' }]);
  });

  it('serves neither staff routes, open data nor pages: those are other functions’ (404 problem)', async () => {
    for (const path of [
      '/api/v1/monitor/comments',
      '/api/v1/open-data/indicators.csv',
      '/api/v1/feeds/plan.atom',
      '/',
    ]) {
      const result = await handler(get(path), context);
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
    ['API', apiAsset],
    ['staff', staffAsset],
    ['web', webAsset],
    ['downloads', downloadsAsset],
    ['staff pages', staffPagesAsset],
    ['aggregation', aggregatorAsset],
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

describe('the API bundle in AWS: credentials from the environment', () => {
  it('signs its DynamoDB requests with the credentials Lambda puts in the environment', async () => {
    // A stand-in DynamoDB endpoint (the SDK's own AWS_ENDPOINT_URL_DYNAMODB) that records who signed
    // and answers as an unreachable store would; without DYNAMODB_ENDPOINT the bundle signs as in AWS.
    const signedBy: string[] = [];
    const server = createServer((request, response) => {
      signedBy.push(/Credential=([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1] ?? 'unsigned');
      request.resume();
      response
        .writeHead(500, { 'Content-Type': 'application/x-amz-json-1.0' })
        .end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'stand-in' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const container = mkdtempSync(join(tmpdir(), 'gongping-container-'));
      for (const file of ['index.mjs', 'index.mjs.map']) copyFileSync(join(apiAsset, file), join(container, file));
      const { handler } = await coldStart<{ handler: ApiHandler }>(container, {
        VOTER_TOKEN_SECRET: TEST_SECRET,
        DYNAMODB_ENDPOINT: undefined,
        AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEFROMLAMBDA',
        AWS_SECRET_ACCESS_KEY: 'secret-from-lambda',
        AWS_SESSION_TOKEN: 'session-from-lambda',
      });
      const result = await handler(fixture('get-plan'), context);
      expect(result.statusCode).toBe(503);
      expect(signedBy.length).toBeGreaterThan(0);
      expect(new Set(signedBy)).toEqual(new Set(['ASIAEXAMPLEFROMLAMBDA']));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const name of ['AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'])
        delete process.env[name];
    }
  });
});

describe('the staff bundle from the cloud assembly', () => {
  let handler: ApiHandler;
  beforeAll(async () => {
    ({ handler } = await coldStart<{ handler: ApiHandler }>(staffAsset, {
      VOTER_TOKEN_SECRET: TEST_SECRET,
      AUTH_ISSUER: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_Example',
      AUTH_CLIENT_ID: 'example-client',
    }));
  });

  it('refuses a staff route without a token itself (401), whatever API Gateway let through', async () => {
    const result = await handler(get('/api/v1/monitor/comments'), context);
    expect(result.statusCode).toBe(401);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(result.headers?.['www-authenticate']).toMatch(/^Bearer realm="gongping-staff"/);
    expect(result.headers?.['cache-control']).toBe('no-store');
  });

  it('refuses a malformed token (401) and serves no citizen route', async () => {
    // Malformed, so refused before the provider's keys would be fetched (no network in this test).
    const malformed = await handler(get('/api/v1/admin/audit', { authorization: 'Bearer not-a-token' }), context);
    expect(malformed.statusCode).toBe(401);
    expect(body(malformed).reason).toBe('malformed');
    expect((await handler(fixture('get-plan'), context)).statusCode).toBe(404);
  });
});

describe('the web bundle from the cloud assembly: the citizen pages only', () => {
  let handler: ApiHandler;
  beforeAll(async () => {
    ({ handler } = await coldStart<{ handler: ApiHandler }>(webAsset, {
      VOTER_TOKEN_SECRET: TEST_SECRET,
      WEB_DIST_DIR: webAsset,
    }));
  });

  it('serves the citizen pages as HTML, and not the JSON API', async () => {
    const page = await handler(get('/indicators', { accept: 'text/html' }), context);
    expect(page.statusCode).toBe(200);
    expect(page.headers?.['content-type']).toMatch(/^text\/html/);
    expect((await handler(fixture('get-plan'), context)).statusCode).toBe(404);
  });

  it('leaves out what the split-out functions serve: staff pages and sign-in, open data, feeds, the evaluation CSV, the API reference', () => {
    const sources = sourcesOf(webAsset);
    expect(sources.filter((source) => source.startsWith('web/citizen/')).length).toBeGreaterThan(10);
    const splitOut = [
      /^web\/staff\//,
      /^shared\/auth\/verifier\.ts$/,
      /^shared\/publishing\//,
      /^shared\/feeds\//,
      // Only where the downloads are (paths.ts), none of the datasets or their formatters.
      /^shared\/open-data\/(?!paths\.ts$)/,
      /^shared\/evaluation\/csv\.ts$/,
      /^shared\/http\/api\/routes\/(open-data|feeds|docs|evaluation)\.ts$/,
      /^node_modules\/(jose|csv-parse|csv-stringify|feed|xml-js|sax)\//,
    ];
    expect(sources.filter((source) => splitOut.some((pattern) => pattern.test(source)))).toEqual([]);
  });
});

describe('the downloads bundle from the cloud assembly', () => {
  let handler: ApiHandler;
  beforeAll(async () => {
    ({ handler } = await coldStart<{ handler: ApiHandler }>(downloadsAsset, {
      VOTER_TOKEN_SECRET: TEST_SECRET,
      WEB_DIST_DIR: downloadsAsset,
    }));
  });

  it('serves the open data as CSV, the plan’s Atom feed and the evaluation as CSV', async () => {
    const csv = await handler(get('/api/v1/open-data/indicators.csv'), context);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers?.['content-type']).toMatch(/^text\/csv/);
    const feed = await handler(get('/api/v1/feeds/plan.atom'), context);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers?.['content-type']).toMatch(/^application\/atom\+xml/);
    const evaluation = await handler(get('/api/v1/evaluation.csv'), context);
    expect(evaluation.statusCode).toBe(200);
    expect(evaluation.headers?.['content-type']).toMatch(/^text\/csv/);
  });

  it('serves neither the citizen pages nor the staff pages (404 problem)', async () => {
    for (const path of ['/indicators', '/staff']) {
      const result = await handler(get(path, { accept: 'text/html' }), context);
      expect(result.statusCode, path).toBe(404);
      expect(result.headers?.['content-type'], path).toBe('application/problem+json');
    }
  });
});

describe('the staff pages bundle from the cloud assembly', () => {
  let handler: ApiHandler;
  beforeAll(async () => {
    ({ handler } = await coldStart<{ handler: ApiHandler }>(staffPagesAsset, {
      VOTER_TOKEN_SECRET: TEST_SECRET,
      WEB_DIST_DIR: staffPagesAsset,
    }));
  });

  it('answers a staff page as a staff page, and serves no citizen page', async () => {
    const staff = await handler(get('/staff', { accept: 'text/html' }), context);
    expect(staff.headers?.['content-type']).toMatch(/^text\/html/);
    expect(staff.headers?.['cache-control']).toBe('private, no-store');
    const citizen = await handler(get('/indicators', { accept: 'text/html' }), context);
    expect(citizen.statusCode).toBe(404);
    expect(citizen.headers?.['content-type']).toBe('application/problem+json');
  });
});

describe('the bundles in AWS: the voter-token key through the Parameters and Secrets Lambda Extension', () => {
  const SECRET = 'k'.repeat(20) + 'from-secrets-manager-0123456789';
  const ARN = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:gongping-voter-token-AbCdEf';
  const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEsessiontoken';
  let port: number;
  let calls: { path: string; secretId: string | null; token: string | undefined }[];

  beforeAll(async () => {
    // A stand-in for the extension's local endpoint: GET /secretsmanager/get?secretId=… with the
    // function's session token in X-Aws-Parameters-Secrets-Token, answered with GetSecretValue's JSON.
    calls = [];
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const token = request.headers['x-aws-parameters-secrets-token'] as string | undefined;
      calls.push({ path: url.pathname, secretId: url.searchParams.get('secretId'), token });
      if (request.method !== 'GET' || url.pathname !== '/secretsmanager/get' || token !== SESSION_TOKEN) {
        response.writeHead(401, { 'Content-Type': 'text/plain' }).end('not authorized');
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({
          ARN,
          Name: 'gongping-voter-token',
          SecretString: `${SECRET}\n`,
          VersionId: 'v1',
          VersionStages: ['AWSCURRENT'],
          CreatedDate: '2026-11-30T00:00:00Z',
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    port = (server.address() as AddressInfo).port;
  });

  /** A copy of a bundle: a module already imported from the asset folder would not start cold again. */
  const freshContainer = (asset: string) => {
    const container = mkdtempSync(join(tmpdir(), 'gongping-container-'));
    for (const file of ['index.mjs', 'index.mjs.map']) copyFileSync(join(asset, file), join(container, file));
    return container;
  };

  it('reads the secret once per container, with the session token, and signs voter tokens with it', async () => {
    const { handler } = await coldStart<{ handler: ApiHandler }>(freshContainer(apiAsset), {
      VOTER_TOKEN_SECRET_ARN: ARN,
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port),
      AWS_SESSION_TOKEN: SESSION_TOKEN,
    });
    const first = await handler(fixture('post-feedback'), context);
    const second = await handler(fixture('get-plan'), context);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(calls).toEqual([{ path: '/secretsmanager/get', secretId: ARN, token: SESSION_TOKEN }]);
    const token = first.cookies![0]!.split(';')[0]!.slice('gp_voter='.length);
    expect(voterTokens(SECRET).verify(token)).not.toBeNull();
    expect(voterTokens(TEST_SECRET).verify(token)).toBeNull();
  });

  it.each([
    ['staff', () => staffAsset],
    ['web', () => webAsset],
    ['downloads', () => downloadsAsset],
    ['staff pages', () => staffPagesAsset],
  ])('fails the %s function’s cold start loudly when the extension refuses', async (_name, asset) => {
    const start = coldStart(freshContainer(asset()), {
      VOTER_TOKEN_SECRET_ARN: ARN,
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port),
      AWS_SESSION_TOKEN: 'a-stale-token',
    });
    await expect(start).rejects.toThrow(
      /VOTER_TOKEN_SECRET_ARN: the Parameters and Secrets extension answered 401: not authorized/,
    );
  });

  it('fails the cold start when nothing answers on the extension’s port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, resolve));
    const unused = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const start = coldStart(freshContainer(apiAsset), {
      VOTER_TOKEN_SECRET_ARN: ARN,
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(unused),
      AWS_SESSION_TOKEN: SESSION_TOKEN,
    });
    await expect(start).rejects.toThrow(
      new RegExp(`VOTER_TOKEN_SECRET_ARN: the Parameters and Secrets extension on port ${unused} cannot be reached`),
    );
  });
});

describe('the origin-verification authorizer bundle', () => {
  it('lets through only requests that carry CloudFront’s marker', async () => {
    const MARKER = 'm'.repeat(48);
    const { handler } = await coldStart<{ handler: (event: unknown) => Promise<{ isAuthorized: boolean }> }>(
      verifierAsset,
      { ORIGIN_VERIFY_VALUE: MARKER },
    );
    const event = (headers: Record<string, string>) => ({
      ...fixture('get-plan'),
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
      aggregatorAsset,
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
