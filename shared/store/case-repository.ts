import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { FollowUpCase } from '../cases/case.js';
import { ConflictError } from '../errors.js';
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
import { decodeCursor, encodeCursor, startAfter, type GsiPosition } from './feedback-records.js';

/** Where a case sits in GSI1, in its plan's partitions: unfinished ones by the deadline now awaited, closed ones by when they closed. */
export function caseIndex(c: FollowUpCase) {
  if (c.status === 'closed')
    return {
      GSI1PK: caseIndexPartition(c.planId, 'closed'),
      GSI1SK: caseIndexSortKey(c.closedAt ?? c.openedAt, c.caseId),
    };
  // Awaiting the citizen (replied): after every case that still has a deadline.
  return { GSI1PK: caseIndexPartition(c.planId, 'active'), GSI1SK: caseIndexSortKey(c.dueAt ?? '9999', c.caseId) };
}

/** A case's place in a plan's partition of GSI1, as a cursor holds it. */
const isCasePosition = (position: GsiPosition) => position.p.startsWith('CASE#') && position.k === 'CASE';

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
        Item: { ...caseKey(c.caseId), ...caseIndex(c), type: 'case', ...c },
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

    /** A plan's unfinished cases by deadline (soonest first) or its closed ones (most recent first), a page at a time. */
    async list(
      planId: string,
      group: 'active' | 'closed',
      page: {
        limit: number;
        cursor?: string | undefined;
        dueAfter?: string | undefined;
        dueBefore?: string | undefined;
      },
    ) {
      const partition = caseIndexPartition(planId, group);
      const start = page.cursor ? decodeCursor(page.cursor, isCasePosition) : undefined;
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
          ...(start ? { ExclusiveStartKey: startAfter(partition, start) } : {}),
        }),
      );
      return { items: Items.map((item) => fromItem(FollowUpCase, item)), nextCursor: encodeCursor(LastEvaluatedKey) };
    },

    /** Every case of one plan, unfinished and closed, for its statistics, evaluation and export. */
    async all(planId: string): Promise<FollowUpCase[]> {
      const groups = await Promise.all(
        (['active', 'closed'] as const).map((group) =>
          queryAll(store, {
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk',
            ExpressionAttributeValues: { ':pk': caseIndexPartition(planId, group) },
          }),
        ),
      );
      return groups.flat().map((item) => fromItem(FollowUpCase, item));
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

export type CaseRepository = ReturnType<typeof caseRepository>;
