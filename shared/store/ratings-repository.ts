import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PeriodSummaries, ScopeSeries } from '../ratings/documents.js';
import { ratingSeriesKey, ratingSummaryKey } from './keys.js';
import type { Store } from './client.js';

/**
 * The read side of the aggregation: the documents it published. Requests read these and never
 * compute a statistic themselves.
 */
export function ratingsRepository({ client, tableName }: Store) {
  async function document<T>(key: { PK: string; SK: string }): Promise<T | null> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key }));
    return Item ? (JSON.parse(String(Item.data)) as T) : null;
  }
  return {
    periodSummaries: (period: string) => document<PeriodSummaries>(ratingSummaryKey(period)),
    series: (scope: string) => document<ScopeSeries>(ratingSeriesKey(scope)),
  };
}

export type RatingsRepository = ReturnType<typeof ratingsRepository>;
