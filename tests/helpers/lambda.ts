import { readFileSync } from 'node:fs';
import type { APIGatewayProxyResult, LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import type { Store } from '../../shared/store/client.js';

/** Real API Gateway HTTP API (payload format 2.0) events, as committed fixtures. */
export const apiGatewayEvent = (name: string): LambdaEvent =>
  JSON.parse(readFileSync(new URL(`../fixtures/apigw-v2/${name}.json`, import.meta.url), 'utf8'));

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
  JSON.parse(result.isBase64Encoded ? Buffer.from(result.body!, 'base64').toString('utf8') : result.body!) as Record<string, any>;

/**
 * Loads the plan into a test store and returns the variables a Lambda entry reads to use it, as
 * the CDK app sets them in AWS (plus the endpoint of the local store).
 */
export async function planStoreEnvironment(store: Store, region = 'ap-east-1') {
  await loadPlan(store, readPlanFile());
  return { TABLE_NAME: store.tableName, AWS_REGION: region, DYNAMODB_ENDPOINT: await endpointOf(store.client) };
}

/** The endpoint of a test store's client, as the handlers' DYNAMODB_ENDPOINT wants it. */
async function endpointOf(client: { config: { endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number }> } }): Promise<string> {
  const endpoint = await client.config.endpoint?.();
  return `${endpoint!.protocol}//${endpoint!.hostname}:${endpoint!.port}`;
}
