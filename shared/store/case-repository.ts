import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { FollowUpCase } from '../cases/case.js';
import { ConflictError, InvalidCursorError } from '../errors.js';
import {
  caseIndexPartition,
  caseIndexSortKey,
  caseKey,
  voterCaseKey,
  voterCasePrefix,
  voterPartition,
} from './keys.js';
import { fromItem } from './items.js';
import { queryAll } from './query.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';

// Every part non-empty: an empty key attribute is refused by the store itself, as a fault rather than a bad cursor.
const Cursor = z.strictObject({
  s: z.string().check(z.minLength(1), z.maxLength(200)),
  p: z.string().check(z.minLength(1), z.maxLength(200)),
});

/** Where a case sits in GSI1: unfinished ones by the deadline now awaited, closed ones by when they closed. */
function indexOf(c: FollowUpCase) {
  if (c.status === 'closed')
    return { GSI1PK: caseIndexPartition('closed'), GSI1SK: caseIndexSortKey(c.closedAt ?? c.openedAt, c.caseId) };
  // Awaiting the citizen (replied): after every case that still has a deadline.
  return { GSI1PK: caseIndexPartition('active'), GSI1SK: caseIndexSortKey(c.dueAt ?? '9999', c.caseId) };
}

/**
 * 差评 follow-up cases. A case is one item holding its whole history, replaced only if its
 * version is still the one read, so two monitors acting at once cannot lose a step; opening is
 * idempotent by the feedback id that opens it.
 */
export function caseRepository(store: Store) {
  const { client, tableName } = store;
  const put = async (c: FollowUpCase, expectedVersion: number | null) => {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...caseKey(c.caseId), ...indexOf(c), type: 'case', ...c },
        ...(expectedVersion === null
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
      }),
    );
  };

  return {
    /** Opens a case once: a second call with the same feedback id returns the case already there. */
    async open(c: FollowUpCase): Promise<{ case: FollowUpCase; created: boolean }> {
      // The voter's pointer first: if the process dies after it, the case is simply not there yet.
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...voterCaseKey(c.voterId, c.caseId), type: 'voter-case', caseId: c.caseId },
        }),
      );
      try {
        await put(c, null);
        return { case: c, created: true };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const existing = await this.get(c.caseId, true);
        return { case: existing!, created: false };
      }
    },

    async get(caseId: string, consistent = false): Promise<FollowUpCase | null> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: caseKey(caseId), ConsistentRead: consistent }),
      );
      return Item ? fromItem(FollowUpCase, Item) : null;
    },

    /**
     * Applies `change` to the case as stored now and writes it if nobody wrote in between;
     * re-reads and re-applies on a race, a few times.
     */
    async update(
      caseId: string,
      change: (current: FollowUpCase) => FollowUpCase,
    ): Promise<{ before: FollowUpCase; after: FollowUpCase } | null> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const before = await this.get(caseId, true);
        if (!before) return null;
        const after = change(before);
        try {
          await put(after, before.version);
          return { before, after };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      throw new ConflictError(`case ${caseId} is being changed concurrently`);
    },

    /** Unfinished cases by deadline (soonest first) or closed ones (most recent first), a page at a time. */
    async list(
      group: 'active' | 'closed',
      page: {
        limit: number;
        cursor?: string | undefined;
        dueAfter?: string | undefined;
        dueBefore?: string | undefined;
      },
    ) {
      const start = page.cursor ? decode(page.cursor) : undefined;
      const partition = caseIndexPartition(group);
      const ranged = page.dueAfter !== undefined || page.dueBefore !== undefined;
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          // Unfinished cases sort by deadline, so "overdue" and "due soon" are ranges of the index.
          KeyConditionExpression: ranged ? 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to' : 'GSI1PK = :pk',
          ExpressionAttributeValues: {
            ':pk': partition,
            ...(ranged ? { ':from': page.dueAfter ?? '0', ':to': page.dueBefore ?? '9999' } : {}),
          },
          ScanIndexForward: group === 'active',
          Limit: page.limit,
          ...(start ? { ExclusiveStartKey: { GSI1PK: partition, GSI1SK: start.s, PK: start.p, SK: 'CASE' } } : {}),
        }),
      );
      return {
        items: Items.map((item) => fromItem(FollowUpCase, item)),
        nextCursor: LastEvaluatedKey
          ? Buffer.from(
              JSON.stringify({ s: LastEvaluatedKey.GSI1SK as string, p: LastEvaluatedKey.PK as string }),
            ).toString('base64url')
          : null,
      };
    },

    /** Every case (or every case of one plan), for statistics and export. */
    async all(planId?: string): Promise<FollowUpCase[]> {
      const cases: FollowUpCase[] = [];
      for (const group of ['active', 'closed'] as const) {
        const items = await queryAll(store, {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': caseIndexPartition(group) },
        });
        cases.push(...items.map((item) => fromItem(FollowUpCase, item)));
      }
      return planId === undefined ? cases : cases.filter((c) => c.planId === planId);
    },

    /** The cases a voter's ratings opened. */
    async ofVoter(voterId: string): Promise<FollowUpCase[]> {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': voterPartition(voterId), ':prefix': voterCasePrefix },
        }),
      );
      const ids = Items.map((item) => String(item.caseId));
      const cases: FollowUpCase[] = [];
      for (let i = 0; i < ids.length; i += 100) {
        let keys: Record<string, unknown>[] = ids.slice(i, i + 100).map(caseKey);
        while (keys.length > 0) {
          const { Responses, UnprocessedKeys } = await client.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
          );
          cases.push(...(Responses?.[tableName] ?? []).map((item) => fromItem(FollowUpCase, item)));
          keys = UnprocessedKeys?.[tableName]?.Keys ?? [];
        }
      }
      return cases.filter((c) => c.voterId === voterId).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
    },
  };
}

function decode(cursor: string): z.infer<typeof Cursor> {
  try {
    const decoded = Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (!decoded.p.startsWith('CASE#')) throw new Error('not a case position');
    return decoded;
  } catch (error) {
    throw new InvalidCursorError('cursor is not one this API issued', { cause: error });
  }
}

export type CaseRepository = ReturnType<typeof caseRepository>;
