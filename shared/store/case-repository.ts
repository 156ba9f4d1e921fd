import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { FollowUpCase } from '../cases/case.js';
import { ReceiptHash } from '../cases/receipt.js';
import { MAX_PUSH_SUBSCRIPTIONS, PushSubscription, type CaseFollowers } from '../cases/notifier.js';
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

/**
 * What a case item holds beside the case itself, for following it: the hash of its receipt code,
 * the browsers' push subscriptions (dropped when the case closes) and the deadline whose passing
 * they were last told of (shared/cases/overdue.ts). Kept out of FollowUpCase, so no view of a case
 * (staff's included) can carry them by accident.
 */
const CaseFollowing = z.object({
  receipt: z.optional(ReceiptHash),
  push: z.optional(z.array(PushSubscription)),
  overdueTold: z.optional(z.iso.datetime()),
});
export type CaseFollowing = z.infer<typeof CaseFollowing>;

/** A voter's pointer to a case: theirs, or one they attached with its receipt (kept sealed, to show again). */
const CasePointer = z.object({
  caseId: z.string(),
  receipt: z.optional(ReceiptHash),
  sealedCode: z.optional(z.string()),
});

const caseOf = (item: Record<string, unknown>) => {
  const { receipt: _receipt, push: _push, overdueTold: _overdueTold, ...rest } = item;
  return fromItem(FollowUpCase, rest);
};
const followingOf = (item: Record<string, unknown>): CaseFollowing =>
  CaseFollowing.parse({ receipt: item.receipt, push: item.push, overdueTold: item.overdueTold });

/** A case someone follows from this voter's pointer: whose it is, and the code this voter holds, sealed. */
export interface FollowedCase {
  case: FollowUpCase;
  receipt: ReceiptHash | null;
  sealedCode: string | null;
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
  const put = async (c: FollowUpCase, expectedVersion: number | null, following: CaseFollowing) => {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...caseKey(c.caseId),
          ...caseIndex(c),
          type: 'case',
          ...c,
          ...(following.receipt ? { receipt: following.receipt } : {}),
          // A closed case is told nothing more: its subscriptions go with the closing.
          ...(following.push?.length && c.status !== 'closed' ? { push: following.push } : {}),
          ...(following.overdueTold ? { overdueTold: following.overdueTold } : {}),
        },
        ...(expectedVersion === null
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
      }),
    );
  };

  const readItem = async (caseId: string, consistent: boolean) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: caseKey(caseId), ConsistentRead: consistent }),
    );
    return Item ? { case: caseOf(Item), following: followingOf(Item) } : null;
  };

  /** A voter's pointer to a case, with the receipt this voter holds for it (its hash, the code sealed). */
  const pointerItem = (voterId: string, caseId: string, receipt: { stored: ReceiptHash; sealed: string } | null) => ({
    ...voterCaseKey(voterId, caseId),
    type: 'voter-case',
    caseId,
    ...(receipt ? { receipt: receipt.stored, sealedCode: receipt.sealed } : {}),
  });

  /** Writes a voter's pointer, unless one with a receipt is there: then answers that receipt. */
  const point = async (voterId: string, caseId: string, receipt: { stored: ReceiptHash; sealed: string } | null) => {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: pointerItem(voterId, caseId, receipt),
          ConditionExpression: 'attribute_not_exists(receipt)',
        }),
      );
      return { kept: receipt?.stored ?? null, written: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: voterCaseKey(voterId, caseId), ConsistentRead: true }),
      );
      return { kept: Item ? (CasePointer.parse(Item).receipt ?? null) : null, written: false };
    }
  };

  type Read = { case: FollowUpCase; following: CaseFollowing };
  /**
   * Replaces a case item with what `change` makes of it as stored now (null: leave it), if nobody
   * wrote in between; re-reads and re-applies on a race, a few times.
   */
  const rewrite = async (caseId: string, change: (read: Read) => Read | null) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await readItem(caseId, true);
      if (!before) return null;
      const after = change(before);
      if (!after) return null;
      try {
        await put(after.case, before.case.version, after.following);
        return { before, after };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new ConflictError(`case ${caseId} is being changed concurrently`);
  };

  return {
    /**
     * Opens a case once: a second call with the same feedback id returns the case already there.
     * `receipt` is the code issued with it (shared/cases/receipt.ts); `receiptIssued` says whether
     * it is the one the case keeps, so the caller may show it.
     */
    async open(
      c: FollowUpCase,
      receipt: { stored: ReceiptHash; sealed: string } | null = null,
    ): Promise<{ case: FollowUpCase; created: boolean; receiptIssued: boolean }> {
      // The voter's pointer first: if the process dies after it, the case is simply not there yet,
      // and whoever opens it next (the sweep) gives the case the receipt the pointer already holds.
      const pointer = await point(c.voterId, c.caseId, receipt);
      try {
        await put(c, null, pointer.kept ? { receipt: pointer.kept } : {});
        return { case: c, created: true, receiptIssued: pointer.written && receipt !== null };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const existing = await this.get(c.caseId, true);
        return { case: existing!, created: false, receiptIssued: false };
      }
    },

    async get(caseId: string, consistent = false): Promise<FollowUpCase | null> {
      return (await readItem(caseId, consistent))?.case ?? null;
    },

    /** A case with what it keeps for following it, read consistently (a look-up by its receipt). */
    async withFollowing(caseId: string) {
      return readItem(caseId, true);
    },

    /** Attaches a case to another voter (who showed its receipt), so it shows on their /me too. */
    async attach(voterId: string, caseId: string, receipt: { stored: ReceiptHash; sealed: string }) {
      await client.send(new PutCommand({ TableName: tableName, Item: pointerItem(voterId, caseId, receipt) }));
    },

    /**
     * Applies `change` to the case as stored now and writes it if nobody wrote in between;
     * re-reads and re-applies on a race, a few times.
     */
    async update(
      caseId: string,
      change: (current: FollowUpCase) => FollowUpCase,
    ): Promise<{ before: FollowUpCase; after: FollowUpCase; followers: CaseFollowers } | null> {
      const done = await rewrite(caseId, (read) => ({ case: change(read.case), following: read.following }));
      // Whoever follows the case as it was before the step: a closing step still tells them, once.
      return (
        done && {
          before: done.before.case,
          after: done.after.case,
          followers: { push: done.before.following.push ?? [] },
        }
      );
    },

    /**
     * Adds a browser's push subscription to an open case (one per endpoint, the newest few kept).
     * False if the case is closed (it is told nothing more) or does not exist.
     */
    async subscribe(caseId: string, subscription: PushSubscription): Promise<boolean> {
      const done = await rewrite(caseId, (read) =>
        read.case.status === 'closed'
          ? null
          : {
              case: { ...read.case, version: read.case.version + 1 },
              following: {
                ...read.following,
                push: [
                  ...(read.following.push ?? []).filter((s) => s.endpoint !== subscription.endpoint),
                  subscription,
                ].slice(-MAX_PUSH_SUBSCRIPTIONS),
              },
            },
      );
      return done !== null;
    },

    /** Drops the subscriptions a push service said are gone. */
    async unsubscribe(caseId: string, endpoints: readonly string[]): Promise<void> {
      if (endpoints.length === 0) return;
      await rewrite(caseId, (read) => ({
        case: { ...read.case, version: read.case.version + 1 },
        following: {
          ...read.following,
          push: (read.following.push ?? []).filter((s) => !endpoints.includes(s.endpoint)),
        },
      }));
    },

    /**
     * A plan's cases whose awaited deadline is before `now`, with what they keep for following them:
     * the front of its unfinished partition, which sorts by deadline (cases awaiting the citizen,
     * with none, sort last and are not read).
     */
    async pastDeadline(planId: string, now: Date): Promise<Array<{ case: FollowUpCase; following: CaseFollowing }>> {
      const items = await queryAll(store, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :now',
        ExpressionAttributeValues: { ':pk': caseIndexPartition(planId, 'active'), ':now': now.toISOString() },
      });
      return items.map((item) => ({ case: caseOf(item), following: followingOf(item) }));
    },

    /**
     * Records, if `owes` still holds of the case as stored now, that its followers are told its
     * deadline passed, and answers them; null if it no longer owes the notice (told meanwhile,
     * answered, closed). A conditional write, so of two sweeps at once only one tells them.
     */
    async claimOverdueNotice(
      caseId: string,
      owes: (read: { case: FollowUpCase; following: CaseFollowing }) => boolean,
    ): Promise<CaseFollowers | null> {
      const done = await rewrite(caseId, (read) =>
        owes(read)
          ? {
              case: { ...read.case, version: read.case.version + 1 },
              following: { ...read.following, overdueTold: read.case.dueAt ?? undefined },
            }
          : null,
      );
      return done && { push: done.after.following.push ?? [] };
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
      return { items: Items.map(caseOf), nextCursor: encodeCursor(LastEvaluatedKey) };
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
      return groups.flat().map(caseOf);
    },

    /** The cases a voter's ratings opened, and those they attached with a receipt. */
    async ofVoter(voterId: string): Promise<FollowUpCase[]> {
      return (await this.followedBy(voterId)).map((followed) => followed.case);
    },

    /**
     * The cases a voter follows, newest first, with the receipt code their pointer keeps sealed: those
     * their ratings opened, and those they attached whose receipt is still the one they showed.
     */
    async followedBy(voterId: string): Promise<FollowedCase[]> {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': voterPartition(voterId), ':prefix': voterCasePrefix },
        }),
      );
      const pointers = new Map(Items.map((item) => [String(item.caseId), CasePointer.parse(item)]));
      const ids = [...pointers.keys()];
      const items: Record<string, unknown>[] = [];
      for (let i = 0; i < ids.length; i += 100) {
        let keys: Record<string, unknown>[] = ids.slice(i, i + 100).map(caseKey);
        while (keys.length > 0) {
          const { Responses, UnprocessedKeys } = await client.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
          );
          items.push(...(Responses?.[tableName] ?? []));
          keys = UnprocessedKeys?.[tableName]?.Keys ?? [];
        }
      }
      return items
        .map((item) => {
          const found = caseOf(item);
          const pointer = pointers.get(found.caseId);
          const receipt = followingOf(item).receipt ?? null;
          const attached = pointer?.receipt !== undefined && pointer.receipt.hash === receipt?.hash;
          return found.voterId === voterId || attached
            ? { case: found, receipt, sealedCode: pointer?.sealedCode ?? null }
            : null;
        })
        .filter((followed): followed is FollowedCase => followed !== null)
        .sort((a, b) => b.case.openedAt.localeCompare(a.case.openedAt));
    },
  };
}

export type CaseRepository = ReturnType<typeof caseRepository>;
