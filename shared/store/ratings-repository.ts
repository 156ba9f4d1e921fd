import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PeriodSummaries, SeriesPoint } from '../ratings/documents.js';
import { ratingSeriesPartition, ratingSummaryKey } from './keys.js';
import type { Store } from './client.js';

/**
 * The read side of the aggregation: the documents it published. Requests read these and never
 * compute a statistic themselves.
 */
export function ratingsRepository({ client, tableName }: Store) {
  return {
    async periodSummaries(period: string): Promise<PeriodSummaries | null> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: ratingSummaryKey(period) }));
      return Item ? (JSON.parse(String(Item.data)) as PeriodSummaries) : null;
    },

    /** A scope's series points in period order: years (2025) sort before their months (2025-01). */
    async series(scope: string): Promise<SeriesPoint[]> {
      const points: SeriesPoint[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': ratingSeriesPartition(scope) },
            ExclusiveStartKey,
          }),
        );
        for (const item of page.Items ?? []) points.push(JSON.parse(String(item.data)) as SeriesPoint);
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return points;
    },
  };
}

export type RatingsRepository = ReturnType<typeof ratingsRepository>;
