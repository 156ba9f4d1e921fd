import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voterTokens } from '../../shared/feedback/voter-token.js';
import { TEST_SECRET } from '../helpers/api.js';
import { apiGatewayEvent, lambdaContext, type ApiHandler } from '../helpers/lambda.js';
import { freshContainer, useBundles } from './bundles.js';

/**
 * The bundles as AWS runs them: DynamoDB signed with the credentials Lambda puts in the environment, and the
 * voter-token key read through the Parameters and Secrets Lambda Extension (stand-ins on loopback for both).
 */
const { assets, coldStart } = useBundles();

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
      const { handler } = await coldStart<{ handler: ApiHandler }>(freshContainer(assets.api), {
        VOTER_TOKEN_SECRET: TEST_SECRET,
        DYNAMODB_ENDPOINT: undefined,
        AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEFROMLAMBDA',
        AWS_SECRET_ACCESS_KEY: 'secret-from-lambda',
        AWS_SESSION_TOKEN: 'session-from-lambda',
      });
      const result = await handler(apiGatewayEvent('get-plan'), lambdaContext);
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

  it('reads the secret once per container, with the session token, and signs voter tokens with it', async () => {
    const { handler } = await coldStart<{ handler: ApiHandler }>(freshContainer(assets.api), {
      VOTER_TOKEN_SECRET_ARN: ARN,
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port),
      AWS_SESSION_TOKEN: SESSION_TOKEN,
    });
    const first = await handler(apiGatewayEvent('post-feedback'), lambdaContext);
    const second = await handler(apiGatewayEvent('get-plan'), lambdaContext);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(calls).toEqual([{ path: '/secretsmanager/get', secretId: ARN, token: SESSION_TOKEN }]);
    const token = first.cookies![0]!.split(';')[0]!.slice('gp_voter='.length);
    expect(voterTokens(SECRET).verify(token)).not.toBeNull();
    expect(voterTokens(TEST_SECRET).verify(token)).toBeNull();
  });

  it.each([
    ['staff', () => assets.staff],
    ['web', () => assets.web],
    ['downloads', () => assets.downloads],
    ['staff pages', () => assets.staffPages],
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
    const start = coldStart(freshContainer(assets.api), {
      VOTER_TOKEN_SECRET_ARN: ARN,
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(unused),
      AWS_SESSION_TOKEN: SESSION_TOKEN,
    });
    await expect(start).rejects.toThrow(
      new RegExp(`VOTER_TOKEN_SECRET_ARN: the Parameters and Secrets extension on port ${unused} cannot be reached`),
    );
  });
});
