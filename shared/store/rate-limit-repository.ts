import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rateCounterKey } from './keys.js';
import { TABLE } from './table.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';

/** One hit as its counter took it, or refused because the counter had already reached its cap. */
export type Hit =
  | { accepted: true; count: number; memberCount: number; resetsAt: number }
  | {
      accepted: false;
      resetsAt: number;
    };

/**
 * Fixed-window counters in the table, so limits hold across every Lambda instance; each counter
 * expires by TTL a while after its window ends, so they cost nothing to keep.
 */
export function rateLimitRepository({ client, tableName }: Store) {
  return {
    /**
     * Counts one hit on `subject` in the window containing `now`, and on `member` inside it, in one
     * small write. A counter at `cap` takes no more hits (nor members), so an item under attack
     * never grows; the refused hit is answered as such.
     */
    async hit(subject: string, member: string, cap: number, windowSeconds: number, now: Date): Promise<Hit> {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      const windowStart = nowSeconds - (nowSeconds % windowSeconds);
      const resetsAt = windowStart + windowSeconds;
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: rateCounterKey(subject, windowStart),
            UpdateExpression: 'ADD hits :one, #member :one SET #ttl = :expires, #type = :type',
            ConditionExpression: 'attribute_not_exists(hits) OR hits < :cap',
            ExpressionAttributeNames: { '#ttl': TABLE.timeToLiveAttribute, '#type': 'type', '#member': `m_${member}` },
            ExpressionAttributeValues: { ':one': 1, ':cap': cap, ':expires': resetsAt + 3600, ':type': 'rate-counter' },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        return {
          accepted: true,
          count: Number(Attributes?.hits ?? 1),
          memberCount: Number(Attributes?.[`m_${member}`] ?? 1),
          resetsAt,
        };
      } catch (error) {
        if (isConditionFailure(error)) return { accepted: false, resetsAt };
        throw error;
      }
    },
  };
}

export type RateLimitRepository = ReturnType<typeof rateLimitRepository>;
