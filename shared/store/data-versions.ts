import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aggregationStateKey, planDataVersionKey } from './keys.js';
import type { Store } from './client.js';

/**
 * The versions the read caches check (docs/caching.md): one small item each, read strongly
 * consistently, so a version read after a write's bump never predates that write.
 */

/**
 * Marks every plan's data as changed. Called right after a write to it has landed, never before:
 * a reader that sees the new version then reads the data after it, and so sees the write.
 */
export async function bumpPlanDataVersion({ client, tableName }: Store): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: planDataVersionKey,
      UpdateExpression: 'ADD version :one SET #type = :type',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':type': 'plan-data-version' },
    }),
  );
}

/** The plan data's version: `0` before anything bumped it. One read unit. */
export async function planDataVersion({ client, tableName }: Store): Promise<string> {
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: planDataVersionKey, ConsistentRead: true }),
  );
  return String(Item?.version ?? 0);
}

/**
 * The published ratings' version, from the aggregation's state: its batch version, its phase and
 * whether it still has something to publish. Summaries and series are written in the `publishing`
 * phase of a version and the state goes back to a clean `idle` only after, so the three together
 * change whenever what is published may have changed. One read unit while the state is under 4 KB.
 */
export async function publishedRatingsVersion({ client, tableName }: Store): Promise<string> {
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: aggregationStateKey, ConsistentRead: true }),
  );
  if (!Item) return 'none';
  const pending = [Item.dirtyPeriods, Item.dirtyScopes].some((list) => Array.isArray(list) && list.length > 0);
  return `${String(Item.version)}:${String(Item.phase)}:${pending ? 'pending' : 'clean'}`;
}
