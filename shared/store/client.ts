import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface StoreEndpoint {
  region: string;
  /** A DynamoDB-compatible endpoint (dynalite, DynamoDB Local); absent in AWS. */
  endpoint?: string | undefined;
}

/** One client per container: created at start-up and injected into every repository. */
export function createDocumentClient({ region, endpoint }: StoreEndpoint): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region,
    ...(endpoint
      ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export interface Store {
  client: DynamoDBDocumentClient;
  tableName: string;
}
