import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { VerdictsDocument } from '../verdicts/verdicts.js';
import { verdictsKey, verdictsPartition } from './keys.js';
import { queryAll } from './query.js';
import type { Store } from './client.js';

/** The stored verdicts of a plan, one item per period, written by the aggregation run only. */
export function verdictsRepository(store: Store) {
  const { client, tableName } = store;
  const read = async (planId: string, period: string) => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: verdictsKey(planId, period) }));
    return Item ? String(Item.data) : null;
  };
  return {
    async get(planId: string, period: string): Promise<VerdictsDocument | null> {
      const data = await read(planId, period);
      return data === null ? null : (JSON.parse(data) as VerdictsDocument);
    },

    /** The periods stored for a plan: `all`, then the years in order. */
    async periods(planId: string): Promise<string[]> {
      const items = await queryAll(store, {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': verdictsPartition(planId) },
        ProjectionExpression: 'SK',
      });
      const periods = items.map((item) => String(item.SK));
      return [...periods.filter((p) => p === 'all'), ...periods.filter((p) => p !== 'all').sort()];
    },

    /** Writes the document unless the same one is stored already; returns whether it wrote. */
    async put(document: VerdictsDocument): Promise<boolean> {
      const data = JSON.stringify(document);
      if ((await read(document.planId, document.period)) === data) return false;
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...verdictsKey(document.planId, document.period),
            type: 'verdicts',
            period: document.period,
            data,
          },
        }),
      );
      return true;
    },
  };
}

export type VerdictsRepository = ReturnType<typeof verdictsRepository>;
