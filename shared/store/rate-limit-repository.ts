import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rateCounterKey } from './keys.js';
import { TABLE } from './table.js';
import type { Store } from './client.js';

/**
 * Fixed-window counters in the table, so limits hold across every Lambda instance; each counter
 * expires by TTL a while after its window ends, so they cost nothing to keep.
 */
export function rateLimitRepository({ client, tableName }: Store) {
  return {
    /** Counts one hit on `subject` in the window containing `now`; answers the count so far. */
    async hit(subject: string, windowSeconds: number, now: Date): Promise<{ count: number; resetsAt: number }> {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      const windowStart = nowSeconds - (nowSeconds % windowSeconds);
      const resetsAt = windowStart + windowSeconds;
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: rateCounterKey(subject, windowStart),
          UpdateExpression: 'ADD hits :one SET #ttl = :expires, #type = :type',
          ExpressionAttributeNames: { '#ttl': TABLE.timeToLiveAttribute, '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':expires': resetsAt + 3600, ':type': 'rate-counter' },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { count: Number(Attributes?.hits ?? 1), resetsAt };
    },
  };
}

export type RateLimitRepository = ReturnType<typeof rateLimitRepository>;
