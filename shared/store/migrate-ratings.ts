import { DeleteCommand, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TargetType } from '../feedback/target.js';
import { FollowUpCase } from '../cases/case.js';
import {
  ballotKey,
  legacyBallotPattern,
  legacyCaseIndexPattern,
  PLAN_REGISTRY_PARTITION,
  publishedCommentsPartition,
} from './keys.js';
import { caseIndex } from './case-repository.js';
import { fromItem } from './items.js';
import { planRepository, planSummaryItems } from './plan-repository.js';
import type { Store } from './client.js';
import { isConditionFailure } from './faults.js';
import { FLAG_REVIEW_ITEM, FlagReview } from './review-pointers.js';
import { recordKeyOf } from './feedback-records.js';

/** What the migration changed; run again, it changes nothing and reports zeros. */
export interface LegacyMigrationReport {
  /** Feedback records, moderation and fraud events given their plan (published comments re-indexed with it). */
  logItems: number;
  ballots: number;
  /** Cases moved to their plan's partitions of the case index (given the plan first if they had none). */
  cases: number;
  /** Flagged comments' review pointers given their comment's plan, so its plan's moderation queue shows them. */
  reviews: number;
  /** Published summaries and series points of the old layout, deleted: the rebuild publishes them per plan. */
  documents: number;
}

/** A summary or series point published before documents were per plan (`SUMMARY#2025`, `SERIES#indicator#gdp`). */
const LEGACY_DOCUMENT = /^(SUMMARY#[^#]+|SERIES#(indicator|project|category|plan)#[^#]+)$/;
const LOG_TYPES = new Set(['feedback', 'moderation', 'fraud']);
const keyOf = (item: Record<string, unknown>) => ({ PK: String(item.PK), SK: String(item.SK) });

/**
 * Makes what was stored before ratings carried their plan the given plan's (`npm run migrate --
 * ratings --plan <id>`, docs/data-model.md): records, events and cases get `planId`, review pointers
 * their comment's; published comments move to their plan's index, and cases (those of any plan) to
 * their plan's partitions of the case index; each ballot moves to its plan's key; the old published
 * documents are deleted.
 * The caller then rebuilds the aggregation, which recounts the log into per-plan scopes and
 * publishes per plan. Idempotent. Run it before the new code takes ratings:
 * a voter who rates again before their ballot moved gets a second ballot, and both would count.
 * Reads the whole table once (a scan): an operator's command, never a request's.
 */
export async function migrateLegacyRatings(store: Store, planId: string): Promise<LegacyMigrationReport> {
  const plans = planRepository(store);
  const plan = await plans.getPlan(planId);
  if (!plan) throw new Error(`plan ${planId} is not loaded: load it first (npm run plan -- import FILE)`);
  const report: LegacyMigrationReport = { logItems: 0, ballots: 0, cases: 0, reviews: 0, documents: 0 };
  const { client, tableName } = store;
  // A plan loaded before the registry existed: register it, so it is listed and aggregated.
  if (!(await plans.isRegistered(planId))) {
    await client.send(new PutCommand({ TableName: tableName, Item: planSummaryItems(plan)[1]! }));
  }

  const setPlan = async (item: Record<string, unknown>, extra: Record<string, unknown> = {}, plan = planId) => {
    const names = Object.keys(extra);
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(item),
          UpdateExpression: `SET planId = :plan${names.map((n) => `, ${n} = :${n}`).join('')}`,
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(planId)',
          ExpressionAttributeValues: {
            ':plan': plan,
            ...Object.fromEntries(names.map((n) => [`:${n}`, extra[n]])),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false; // migrated meanwhile, by another run
      throw error;
    }
  };

  const moveBallot = async (item: Record<string, unknown>) => {
    const target = { planId, targetType: TargetType.parse(item.targetType), targetId: String(item.targetId) };
    const key = ballotKey(String(item.voterId), target, Number(item.year));
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...item, ...key, planId },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      // A ballot is already at the new key: the voter rated again under the new layout; that one stands.
      if (!isConditionFailure(error)) throw error;
    }
    await client.send(
      new DeleteCommand({
        TableName: tableName,
        Key: keyOf(item),
        ConditionExpression: 'revision = :revision',
        ExpressionAttributeValues: { ':revision': item.revision },
      }),
    );
  };

  // Conditional on the old partition: a case the new code wrote meanwhile is in its plan's already.
  const reindexCase = async (item: Record<string, unknown>) => {
    if (!legacyCaseIndexPattern.test(String(item.GSI1PK))) return false;
    const { GSI1PK } = caseIndex(fromItem(FollowUpCase, { planId, ...item }));
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(item),
          UpdateExpression: 'SET GSI1PK = :partition, planId = if_not_exists(planId, :plan)',
          ConditionExpression: 'GSI1PK = :legacy',
          ExpressionAttributeValues: { ':partition': GSI1PK, ':plan': planId, ':legacy': item.GSI1PK },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  // A review pointer is its comment's: written before pointers carried a plan, but perhaps after
  // records did, so the record says which (a record without one yet is about to become `planId`'s).
  const planOfReview = async (item: Record<string, unknown>) => {
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: recordKeyOf(fromItem(FlagReview, item)),
        ProjectionExpression: 'planId',
        ConsistentRead: true,
      }),
    );
    return typeof Item?.planId === 'string' ? Item.planId : planId;
  };

  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      const type = String(item.type);
      if (type === 'case') {
        if (await reindexCase(item)) report.cases++;
        continue;
      }
      if (item.planId !== undefined || item.PK === PLAN_REGISTRY_PARTITION) continue;
      if (LOG_TYPES.has(type)) {
        const published = type === 'feedback' && String(item.GSI1PK ?? '').startsWith('COMMENTS#');
        const target = { planId, targetType: TargetType.parse(item.targetType), targetId: String(item.targetId) };
        if (await setPlan(item, published ? { GSI1PK: publishedCommentsPartition(target) } : {})) report.logItems++;
      } else if (type === FLAG_REVIEW_ITEM) {
        if (await setPlan(item, {}, await planOfReview(item))) report.reviews++;
      } else if (type === 'ballot' && legacyBallotPattern.test(String(item.SK))) {
        await moveBallot(item);
        report.ballots++;
      } else if (LEGACY_DOCUMENT.test(String(item.PK))) {
        await client.send(new DeleteCommand({ TableName: tableName, Key: keyOf(item) }));
        report.documents++;
      }
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return report;
}
