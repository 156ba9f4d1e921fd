import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { planDataVersionKey } from './keys.js';
import type { Store } from './client.js';

/**
 * The versions the read caches check (docs/caching.md), both in one small item (`PLANDATA` /
 * `VERSION`), so a page that shows plan data and ratings checks both with one strongly consistent
 * read: `version` counts plan writes, `ratings` counts the aggregation's publishes. Each writer adds
 * to its own attribute only, so the two never overwrite each other. Each is bumped right after the
 * write it announces has landed, never before: a reader that sees the new version then reads the
 * data after it, and so sees the write.
 */
export interface DataVersions {
  plan: string;
  ratings: string;
}

async function bump({ client, tableName }: Store, attribute: 'version' | 'ratings'): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: planDataVersionKey,
      UpdateExpression: 'ADD #counter :one SET #type = :type',
      ExpressionAttributeNames: { '#counter': attribute, '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':type': 'data-versions' },
    }),
  );
}

/** Marks every plan's data as changed, right after a write to it has landed. */
export const bumpPlanDataVersion = (store: Store) => bump(store, 'version');

/** Marks the published ratings as changed, right after the aggregation's documents have landed. */
export const bumpPublishedRatingsVersion = (store: Store) => bump(store, 'ratings');

/** Both versions, `0` before anything bumped them. One GetItem of one read unit. */
export async function dataVersions({ client, tableName }: Store): Promise<DataVersions> {
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: planDataVersionKey, ConsistentRead: true }),
  );
  return { plan: String(Item?.version ?? 0), ratings: String(Item?.ratings ?? 0) };
}
