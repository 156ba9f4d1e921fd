import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { AuditEntry, type NewAuditEntry } from '../audit/entry.js';
import { InvalidCursorError } from '../errors.js';
import { AUDIT_PARTITION, auditKey, auditSubjectPartition } from './keys.js';
import { fromItem } from './items.js';
import { queryAll } from './query.js';
import type { Store } from './client.js';

const Cursor = z.strictObject({ k: z.string().check(z.minLength(1), z.maxLength(200)) });

export interface AuditQuery {
  limit: number;
  cursor?: string | undefined;
  /** ISO times, inclusive. */
  since?: string | undefined;
  until?: string | undefined;
  action?: string | undefined;
  actorSub?: string | undefined;
}

/**
 * The audit log, append-only: every entry is put once under a fresh key with
 * attribute_not_exists, so nothing can overwrite one, and nothing in the API deletes one (its
 * role cannot). Newest first when read.
 */
export function auditRepository(store: Store) {
  const { client, tableName } = store;
  return {
    async append(entry: NewAuditEntry, at: Date): Promise<AuditEntry> {
      const written: AuditEntry = AuditEntry.parse({
        auditId: randomUUID(),
        at: at.toISOString(),
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject,
        reason: entry.reason,
        details: JSON.stringify(entry.details ?? {}),
      });
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...auditKey(written.at, written.auditId),
            GSI1PK: auditSubjectPartition(written.subject.type, written.subject.id),
            GSI1SK: `${written.at}#${written.auditId}`,
            type: 'audit',
            ...written,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return written;
    },

    /** A page of the log, newest first, optionally within a time range and for one action or actor. */
    async list(query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
      const start = query.cursor ? decode(query.cursor) : undefined;
      const filters: string[] = [];
      // Sort keys begin with the entry's time as toISOString writes it (milliseconds, Z); a bound
      // written otherwise (…:35Z) would compare as text in the wrong place, so it is written the same way.
      const instant = (iso: string) => new Date(iso).toISOString();
      const values: Record<string, unknown> = {
        ':pk': AUDIT_PARTITION,
        ':lo': query.since ? instant(query.since) : '0',
        ':hi': `${query.until ? instant(query.until) : '9999'}~`,
      };
      const names: Record<string, string> = {};
      if (query.action) {
        filters.push('#action = :action');
        names['#action'] = 'action';
        values[':action'] = query.action;
      }
      if (query.actorSub) {
        filters.push('#actor.#sub = :sub');
        names['#actor'] = 'actor';
        names['#sub'] = 'sub';
        values[':sub'] = query.actorSub;
      }
      const items: AuditEntry[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined = start
        ? { PK: AUDIT_PARTITION, SK: start.k }
        : undefined;
      // A filter can leave a page short; keep reading until the page is full or the log ends.
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
            ExpressionAttributeValues: values,
            ...(Object.keys(names).length
              ? { ExpressionAttributeNames: names, FilterExpression: filters.join(' AND ') }
              : {}),
            ScanIndexForward: false,
            Limit: query.limit - items.length,
            ExclusiveStartKey,
          }),
        );
        items.push(...(page.Items ?? []).map((item) => fromItem(AuditEntry, item)));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey && items.length < query.limit);
      const nextCursor = ExclusiveStartKey
        ? Buffer.from(JSON.stringify({ k: ExclusiveStartKey.SK })).toString('base64url')
        : null;
      return { items, nextCursor };
    },

    /** The history of one subject (a comment, a case, an indicator), oldest first. */
    async forSubject(subjectType: string, subjectId: string): Promise<AuditEntry[]> {
      const items = await queryAll(store, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': auditSubjectPartition(subjectType, subjectId) },
      });
      return items.map((item) => fromItem(AuditEntry, item));
    },
  };
}

function decode(cursor: string): z.infer<typeof Cursor> {
  try {
    const decoded = Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (!/^\d{4}-\d{2}-\d{2}T[^#]+#[\w-]+$/.test(decoded.k)) throw new Error('not an audit position');
    return decoded;
  } catch (error) {
    throw new InvalidCursorError('cursor is not one this API issued', { cause: error });
  }
}

export type AuditRepository = ReturnType<typeof auditRepository>;
