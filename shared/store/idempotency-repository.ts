import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { idempotencyKey } from './keys.js';
import { TABLE } from './table.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';

/** The stored first answer to a request sent with an Idempotency-Key. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Claim =
  { state: 'new' } | { state: 'replay'; response: StoredResponse } | { state: 'in-progress' } | { state: 'mismatch' };

/** How long a key is remembered: long enough for any client's retries. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/**
 * How long a claim holds a key while its request runs. Longer than any function may run (the API
 * functions time out after 10 s): a claim older than this belongs to a request that died without
 * completing or releasing it, and the next request with the key takes it over.
 */
export const IDEMPOTENCY_LEASE_SECONDS = 60;

export function idempotencyRepository({ client, tableName }: Store) {
  return {
    /**
     * Claims a key for a request, or finds the request that claimed it first. The claim is one
     * conditional write, so of two identical requests racing, exactly one runs; a claim whose lease
     * ran out is taken over the same way.
     */
    async claim(caller: string, key: string, fingerprint: string, now: Date): Promise<Claim> {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...idempotencyKey(caller, key),
              type: 'idempotency',
              state: 'in-progress',
              claimedAt: nowSeconds,
              fingerprint,
              [TABLE.timeToLiveAttribute]: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return { state: 'new' };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: idempotencyKey(caller, key), ConsistentRead: true }),
      );
      if (!Item) return this.claim(caller, key, fingerprint, now); // expired between the two calls
      if (Item.fingerprint !== fingerprint) return { state: 'mismatch' };
      if (Item.state !== 'done') {
        // Keys claimed before leases existed carry no claimedAt: they count as claimed at once.
        const claimedAt = Number(Item.claimedAt ?? nowSeconds);
        if (nowSeconds - claimedAt < IDEMPOTENCY_LEASE_SECONDS) return { state: 'in-progress' };
        try {
          await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: idempotencyKey(caller, key),
              UpdateExpression: 'SET claimedAt = :now',
              ConditionExpression: '#state = :inProgress AND claimedAt = :then',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':now': nowSeconds, ':inProgress': 'in-progress', ':then': claimedAt },
            }),
          );
          return { state: 'new' };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          return { state: 'in-progress' }; // another retry took it over first
        }
      }
      return { state: 'replay', response: JSON.parse(String(Item.response)) as StoredResponse };
    },

    async complete(caller: string, key: string, response: StoredResponse): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: idempotencyKey(caller, key),
          UpdateExpression: 'SET #state = :done, #response = :response',
          ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
          ExpressionAttributeValues: { ':done': 'done', ':response': JSON.stringify(response) },
        }),
      );
    },

    /** Releases a key whose request failed on our side, so the client's retry can run it. */
    async release(caller: string, key: string): Promise<void> {
      await client.send(new DeleteCommand({ TableName: tableName, Key: idempotencyKey(caller, key) }));
    },
  };
}

export type IdempotencyRepository = ReturnType<typeof idempotencyRepository>;
