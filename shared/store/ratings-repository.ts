import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query.js';
import type { PeriodSummaries, SeriesPoint } from '../ratings/documents.js';
import { ratingSeriesPartition, ratingSummaryKey } from './keys.js';
import type { Store } from './client.js';

/**
 * The read side of the aggregation: the documents it published. Requests read these and never
 * compute a statistic themselves.
 */
export function ratingsRepository(store: Store) {
  const { client, tableName } = store;
  return {
    async periodSummaries(period: string): Promise<PeriodSummaries | null> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: ratingSummaryKey(period) }));
      return Item ? (JSON.parse(String(Item.data)) as PeriodSummaries) : null;
    },

    /** A scope's series points in period order: years (2025) sort before their months (2025-01). */
    async series(scope: string): Promise<SeriesPoint[]> {
      const items = await queryAll(store, {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': ratingSeriesPartition(scope) },
      });
      return items.map((item) => JSON.parse(String(item.data)) as SeriesPoint);
    },
  };
}

export type RatingsRepository = ReturnType<typeof ratingsRepository>;
