import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_INPUT } from '../../infra/constructs/aggregation.js';
import { ORIGIN_VERIFY_HEADER } from '../../infra/constructs/api.js';
import { voterTokens } from '../../shared/feedback/voter-token.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { TEST_SECRET } from '../helpers/api.js';
import { apiGatewayEvent, endpointOf, lambdaContext, resultBody, type ApiHandler } from '../helpers/lambda.js';
import { useStore } from '../helpers/store.js';
import { logicalId, synthesise } from './synth.js';

/**
 * The code that would be uploaded to Lambda, not the sources: both bundles are taken from the
 * synthesised cloud assembly and invoked the way the Lambda runtime does, on a real (dynalite) table.
 */
const synth = synthesise({}, { nag: false });
const assetOf = (fn: Parameters<typeof logicalId>[0]) => {
  const key = synth.templates.app.findResources('AWS::Lambda::Function')[logicalId(fn)]!.Properties.Code.S3Key as string;
  return join(synth.outdir, `asset.${key.replace(/\.zip$/, '')}`);
};
const apiAsset = assetOf(synth.app.api.fn);
const verifierAsset = assetOf(synth.app.api.originVerifier);
const aggregatorAsset = assetOf(synth.app.aggregation.fn);

const fixture = apiGatewayEvent;
const context = lambdaContext;
const body = resultBody;

const store = useStore();
let env: Record<string, string>;

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  env = {
    TABLE_NAME: store.current.tableName,
    AWS_REGION: 'ap-southeast-1',
    DYNAMODB_ENDPOINT: await endpointOf(store.current.client),
  };
});

/** Imports a bundle as a fresh container would: configuration is read at import. */
async function coldStart<T>(bundleDir: string, variables: Record<string, string | undefined>): Promise<T> {
  for (const name of ['VOTER_TOKEN_SECRET', 'VOTER_TOKEN_SECRET_ARN']) delete process.env[name];
  Object.assign(process.env, env, variables);
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
    expect(result.cookies?.[0]).toMatch(/^gp_voter=v1\.[\w-]+\.[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('answers a bad request with a problem document, not a stack trace', async () => {
    const result = await handler(fixture('post-feedback-bad-rating'), context);
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    // zod/mini says only "Invalid input" unless its English locale made it into the bundle.
    expect(body(result).errors).toEqual([{ path: 'rating', message: 'Invalid option: expected one of 1|2|3|4|5' }]);
  });
});

describe('zod in the function bundles', () => {
  const zodSources = (bundleDir: string) =>
    (JSON.parse(readFileSync(join(bundleDir, 'index.mjs.map'), 'utf8')) as { sources: string[] }).sources
      .map((source) => /node_modules\/zod\/(.+)$/.exec(source)?.[1])
      .filter((path) => path !== undefined);

  it.each([
    ['API', apiAsset],
    ['aggregation', aggregatorAsset],
  ])('the %s bundle carries zod/mini and the English locale only: classic zod cannot be tree-shaken', (_name, bundleDir) => {
    const sources = zodSources(bundleDir);
    expect(sources.filter((path) => path.startsWith('v4/mini/')).length).toBeGreaterThan(0);
    expect(sources.filter((path) => path.startsWith('v4/classic/') || path.startsWith('v3/'))).toEqual([]);
    expect(sources.filter((path) => path.startsWith('v4/locales/'))).toEqual(['v4/locales/en.js']);
  });
});

describe('the API bundle in AWS: the voter-token key from Secrets Manager', () => {
  const SECRET = 'k'.repeat(20) + 'from-secrets-manager-0123456789';
  const ARN = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:gongping-voter-token-AbCdEf';
  let handler: ApiHandler;
  let calls: { region: string; secretId: string }[];

  beforeAll(async () => {
    // The bundled Secrets Manager client talks to a stand-in service on loopback: the same JSON
    // protocol (X-Amz-Target: secretsmanager.GetSecretValue), reached through the SDK's standard
    // per-service endpoint variable.
    calls = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const target = String(request.headers['x-amz-target'] ?? '');
        const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
        calls.push({ region, secretId: (JSON.parse(body) as { SecretId: string }).SecretId });
        response.writeHead(target === 'secretsmanager.GetSecretValue' ? 200 : 400, { 'Content-Type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ ARN: ARN, Name: 'gongping-voter-token', SecretString: `${SECRET}\n`, VersionId: 'v1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    // A copy of the bundle: a module already imported from the asset folder would not start cold again.
    const container = mkdtempSync(join(tmpdir(), 'gongping-container-'));
    for (const file of ['index.mjs', 'index.mjs.map']) copyFileSync(join(apiAsset, file), join(container, file));
    ({ handler } = await coldStart<{ handler: ApiHandler }>(container, {
      VOTER_TOKEN_SECRET_ARN: ARN,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    }));
  });

  it('reads the secret once per container and signs voter tokens with it', async () => {
    const first = await handler(fixture('post-feedback'), context);
    const second = await handler(fixture('get-plan'), context);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(calls).toEqual([{ region: 'ap-southeast-1', secretId: ARN }]);
    const token = first.cookies![0]!.split(';')[0]!.slice('gp_voter='.length);
    expect(voterTokens(SECRET).verify(token)).not.toBeNull();
    expect(voterTokens(TEST_SECRET).verify(token)).toBeNull();
  });
});

describe('the origin-verification authorizer bundle', () => {
  it('lets through only requests that carry CloudFront’s marker', async () => {
    const MARKER = 'm'.repeat(48);
    const { handler } = await coldStart<{ handler: (event: unknown) => Promise<{ isAuthorized: boolean }> }>(verifierAsset, { ORIGIN_VERIFY_VALUE: MARKER });
    const event = (headers: Record<string, string>) => ({ ...fixture('get-plan'), type: 'REQUEST', identitySource: Object.values(headers), headers });
    expect(await handler(event({ [ORIGIN_VERIFY_HEADER]: MARKER }))).toEqual({ isAuthorized: true });
    expect(await handler(event({ [ORIGIN_VERIFY_HEADER]: 'm'.repeat(47) + 'n' }))).toEqual({ isAuthorized: false });
    expect(await handler(event({ [ORIGIN_VERIFY_HEADER]: MARKER.slice(1) }))).toEqual({ isAuthorized: false });
    expect(await handler(event({}))).toEqual({ isAuthorized: false });
  });
});

describe('the aggregation bundle from the cloud assembly', () => {
  it('runs once on the input EventBridge Scheduler sends and reports what it did', async () => {
    const { handler } = await coldStart<{ handler: (event: unknown) => Promise<Record<string, number>> }>(aggregatorAsset, {
      AGGREGATE_SETTLE_SECONDS: '0',
    });
    const input = JSON.parse(
      JSON.stringify(SCHEDULE_INPUT)
        .replace('<aws.scheduler.schedule-arn>', 'arn:aws:scheduler:ap-southeast-1:123456789012:schedule/default/gongping')
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
