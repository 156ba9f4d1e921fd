import { readFileSync } from 'node:fs';
import type { APIGatewayProxyResult, LambdaContext, LambdaEvent } from 'hono/aws-lambda';

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

/** The endpoint of a test store's client, as the handlers' DYNAMODB_ENDPOINT wants it. */
export async function endpointOf(client: { config: { endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number }> } }): Promise<string> {
  const endpoint = await client.config.endpoint?.();
  return `${endpoint!.protocol}//${endpoint!.hostname}:${endpoint!.port}`;
}
