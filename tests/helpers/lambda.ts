import { readFileSync } from 'node:fs';
import type { APIGatewayProxyResult, LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import type { Store } from '../../shared/store/client.js';
import { ORIGIN_VERIFY_HEADER } from '../../shared/origin-verify.js';

/** The origin-verify secret of the test deployment: what CloudFront adds to every request it forwards. */
export const TEST_ORIGIN_VALUE = 'origin-verify-origin-verify-origin-verify-0123';

/**
 * Real API Gateway HTTP API (payload format 2.0) events, as committed fixtures, as they arrive
 * through CloudFront: with the origin-verify header and the viewer's address, which CloudFront
 * sets from the connection (the fixture's `sourceIp`). `direct`: as sent straight to the API
 * Gateway URL, around CloudFront.
 */
export const apiGatewayEvent = (name: string, via: 'cloudfront' | 'direct' = 'cloudfront'): LambdaEvent => {
  const event = JSON.parse(
    readFileSync(new URL(`../fixtures/apigw-v2/${name}.json`, import.meta.url), 'utf8'),
  ) as LambdaEvent & {
    headers: Record<string, string>;
    requestContext: { http: { sourceIp: string } };
  };
  if (via === 'cloudfront') {
    event.headers[ORIGIN_VERIFY_HEADER] = TEST_ORIGIN_VALUE;
    event.headers['cloudfront-viewer-address'] = `${event.requestContext.http.sourceIp}:51234`;
  }
  return event;
};

/** The context the Lambda runtime passes to a handler. */
export const lambdaContext = {
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  functionName: 'gongping-api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:gongping-api',
  memoryLimitInMB: '1024',
  logGroupName: '/aws/lambda/gongping-api',
  logStreamName: '2026/11/30/[$LATEST]abc',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
} satisfies LambdaContext;

export type ApiHandler = (event: LambdaEvent, context: LambdaContext) => Promise<APIGatewayProxyResult>;

/** A handler's JSON answer, whether API Gateway would have it base64-encoded or not. */
export const resultBody = (result: APIGatewayProxyResult) =>
  JSON.parse(result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body) as Record<
    string,
    any
  >;

/**
 * Loads the plan into a test store and returns the variables a Lambda entry reads to use it, as
 * the CDK app sets them in AWS (plus the endpoint of the local store).
 */
export async function planStoreEnvironment(store: Store, region = 'ap-east-1') {
  await loadPlan(store, readPlanFile());
  return {
    TABLE_NAME: store.tableName,
    AWS_REGION: region,
    DYNAMODB_ENDPOINT: await endpointOf(store.client),
    ORIGIN_VERIFY_VALUE: TEST_ORIGIN_VALUE,
  };
}

/** The endpoint of a test store's client, as the handlers' DYNAMODB_ENDPOINT wants it. */
async function endpointOf(client: {
  config: { endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number }> };
}): Promise<string> {
  const endpoint = await client.config.endpoint?.();
  return `${endpoint!.protocol}//${endpoint!.hostname}:${endpoint!.port}`;
}
