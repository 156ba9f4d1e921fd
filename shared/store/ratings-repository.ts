import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query.js';
import type { PeriodSummaries, SeriesPoint } from '../ratings/documents.js';
import { ratingSeriesPartition, ratingSummaryKey } from './keys.js';
import type { Store } from './client.js';

/**
 * The read side of the aggregation: the documents it published. Requests read these and never
 * compute a statistic themselves. Reads are strongly consistent, so what the read cache keeps under
 * the aggregation's version is never older than that version (docs/caching.md).
 */
export function ratingsRepository(store: Store) {
  const { client, tableName } = store;
  return {
    /** A plan's published summaries of one period (`all`, `2025`, `2025-06`). */
    async periodSummaries(planId: string, period: string): Promise<PeriodSummaries | null> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: ratingSummaryKey(planId, period), ConsistentRead: true }),
      );
      return Item ? (JSON.parse(String(Item.data)) as PeriodSummaries) : null;
    },

    /** A plan's scope's series points in period order: years (2025) sort before their months (2025-01). */
    async series(planId: string, scope: string): Promise<SeriesPoint[]> {
      const items = await queryAll(store, {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': ratingSeriesPartition(planId, scope) },
        ConsistentRead: true,
      });
      return items.map((item) => JSON.parse(String(item.data)) as SeriesPoint);
    },
  };
}

export type RatingsRepository = ReturnType<typeof ratingsRepository>;
