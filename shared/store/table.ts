import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table of gongping. Local bootstrap builds it with `createTableInput`; the CDK stack
 * reads the same constant, so the two cannot drift.
 */
export const TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /**
   * Sparse indexes: only items that set their partition key appear. GSI1: published comments per
   * target, the moderation queue, cases, the audit trail. GSI2: published comments per plan.
   */
  indexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
  /** Epoch seconds; items that carry it expire (rate-limit counters, idempotency records). */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof TABLE.indexes)[number]['name'];

export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyNames = [TABLE.partitionKey, TABLE.sortKey, ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
