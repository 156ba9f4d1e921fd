import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface StoreEndpoint {
  region: string;
  /** A DynamoDB-compatible endpoint (dynalite, DynamoDB Local); absent in AWS. */
  endpoint?: string | undefined;
}

/**
 * Retries and timeouts are bounded so that a store outage answers a request within a few seconds
 * (as 503, see shared/http/problem.ts) instead of holding a Lambda until its timeout.
 */
export const STORE_TIMEOUTS = { maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 3000 } as const;

/** One client per container: created at start-up and injected into every repository. */
export function createDocumentClient({ region, endpoint }: StoreEndpoint): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region,
    maxAttempts: STORE_TIMEOUTS.maxAttempts,
    requestHandler: {
      connectionTimeout: STORE_TIMEOUTS.connectionTimeoutMs,
      requestTimeout: STORE_TIMEOUTS.requestTimeoutMs,
    },
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export interface Store {
  client: DynamoDBDocumentClient;
  tableName: string;
}
