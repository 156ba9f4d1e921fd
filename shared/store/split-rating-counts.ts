import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.js';
import { landed } from './faults.js';
import { legacyRatingCountsKey, ratingCountsKey } from './keys.js';
import { countsItem, countsOfItem, splitByPlan } from './rating-counts.js';

/**
 * Splits the counts an older release kept in one item per period (`RATINGS#{period}` / `COUNTS`,
 * every plan's scopes) into one item per plan (`COUNTS#{planId}`), each with the old item's batch
 * version and its own plan's published hashes, then deletes the old item. The aggregation runs it
 * before it counts anything, when its state does not yet say counts are kept per plan (and then
 * says so), so no batch is ever applied to both layouts: nothing is counted twice.
 *
 * Idempotent, and safe to repeat after a crash at any point: a plan's item is written only if it
 * is missing or holds an older batch than the old item (one written by this split holds the same
 * counts), and the old item is deleted only at the version it was split at. Should an older
 * release's run apply one more batch to it meanwhile, the delete fails and the split starts over
 * from the newer item; once the state says counts are per plan, an older release's run refuses the
 * state (its schema does not know the field) and writes nothing. Answers how many plans' items it wrote.
 */
export async function splitLegacyRatingCounts(store: Store, periods: readonly string[]): Promise<number> {
  const { client, tableName } = store;
  let written = 0;
  for (const period of periods) {
    for (;;) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: legacyRatingCountsKey(period), ConsistentRead: true }),
      );
      if (!Item) break;
      const legacy = countsOfItem(Item);
      for (const [planId, item] of splitByPlan(legacy)) {
        // Refused when already split, by an earlier or a concurrent run.
        const put = client.send(
          new PutCommand({
            TableName: tableName,
            Item: countsItem(ratingCountsKey(period, planId), period, planId, item),
            ConditionExpression: 'attribute_not_exists(PK) OR appliedVersion < :version',
            ExpressionAttributeValues: { ':version': legacy.appliedVersion },
          }),
        );
        if (await landed(put)) written++;
      }
      // Refused when gone (split by a concurrent run) or newer: then it is read again.
      const deleted = client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: legacyRatingCountsKey(period),
          ConditionExpression: 'appliedVersion = :version',
          ExpressionAttributeValues: { ':version': legacy.appliedVersion },
        }),
      );
      if (await landed(deleted)) break;
    }
  }
  return written;
}
