import type * as z from 'zod/mini';
import type { ModerationResult } from '../api/monitor-schemas.js';
import { actorLabel, type Actor } from '../auth/roles.js';
import { staffActor, type AuditActor } from '../audit/entry.js';
import type { AuditRepository } from '../store/audit-repository.js';
import type { FeedbackStore, ReplyStore } from '../feedback/store.js';
import { DomainError, NotFoundError, type ErrorKind } from '../errors.js';
import { randomUUID } from 'node:crypto';
import { maskPiiWithin } from './pii.js';
import { ALLOWED_FROM, MODERATION_ACTIONS, type ModerationAction } from './flags.js';
import { REPLY_TEXT_MAX, type FeedbackRecord } from '../feedback/record.js';
import type { ModerationStore, QueueQuery, StaffComment } from './store.js';
import type { PlanRepository } from '../store/plan-repository.js';
import { currentPlan } from '../plan/current.js';

export interface ModerationDeps {
  feedback: Pick<FeedbackStore, 'resolve'>;
  moderation: Pick<ModerationStore, 'setCommentStatus'>;
  audit: Pick<AuditRepository, 'append'>;
}

export interface ReplyDeps {
  feedback: Pick<FeedbackStore, 'resolve'>;
  replies: ReplyStore;
  audit: Pick<AuditRepository, 'append'>;
}

/** A comment's status before and after a moderation step, as the API answers it (ModerationResult). */
export type ModerationOutcome = z.output<typeof ModerationResult>;

/**
 * One moderation step on one comment: publish (approve) a pending one, reject a pending one with
 * a reason, hide a published one with a reason. Publishing a published comment that citizens'
 * flags sent for review keeps it (audited as `comment.keep`). Only the text's visibility changes;
 * the rating is never touched. Attributed twice: in the feedback log's moderation event (or, for a
 * keep, in the record's `kept`) and in the audit log.
 */
export async function moderateComment(
  deps: ModerationDeps,
  input: { feedbackId: string; action: ModerationAction; reason?: string | undefined },
  actor: Actor,
  at: Date,
): Promise<ModerationOutcome> {
  const ref = await deps.feedback.resolve(input.feedbackId);
  if (!ref) throw new NotFoundError('comment', input.feedbackId);
  const to = MODERATION_ACTIONS[input.action];
  const result = await deps.moderation.setCommentStatus(ref, to, at, {
    expectFrom: ALLOWED_FROM[input.action],
    by: actorLabel(actor),
    ...(input.reason ? { why: input.reason } : {}),
  });
  if (result.changed) {
    const kept = result.from === 'published' && to === 'published';
    await deps.audit.append(
      {
        actor: staffActor(actor),
        action: kept ? 'comment.keep' : `comment.${input.action}`,
        subject: { type: 'comment', id: input.feedbackId },
        reason: input.reason ?? null,
        details: { from: result.from, to, targetType: result.record.targetType, targetId: result.record.targetId },
      },
      at,
    );
  }
  return { feedbackId: input.feedbackId, action: input.action, from: result.from, to, changed: result.changed };
}

/** An official reply as a monitor gives it: the department as kept (shared/departments/) and the text. */
export interface ReplyInput {
  feedbackId: string;
  department: string;
  departmentId: string | null;
  departmentEn: string | null;
  text: string;
  caseId?: string | undefined;
}

/**
 * Attaches an official reply to a comment, attributed to a department (the public sees the
 * department, never the person), personal data in it masked like a citizen's comment. Not
 * audited here: its caller records the one entry of the reply (`comment.reply` or `case.reply`).
 */
export async function attachReply(
  deps: Omit<ReplyDeps, 'audit'>,
  input: ReplyInput,
  actor: Actor,
  at: Date,
): Promise<{ record: FeedbackRecord; piiMasked: ReturnType<typeof maskPiiWithin>['found'] }> {
  const ref = await deps.feedback.resolve(input.feedbackId);
  if (!ref) throw new NotFoundError('comment', input.feedbackId);
  const masked = maskPiiWithin(input.text, REPLY_TEXT_MAX);
  const record = await deps.replies.addReply(ref, {
    replyId: randomUUID(),
    department: input.department,
    ...(input.departmentId ? { departmentId: input.departmentId } : {}),
    ...(input.departmentEn ? { departmentEn: input.departmentEn } : {}),
    text: masked.text,
    publishedAt: at.toISOString(),
    by: actorLabel(actor),
    ...(input.caseId ? { caseId: input.caseId } : {}),
  });
  return { record, piiMasked: masked.found };
}

/** An official reply on a comment that opened no case, audited as `comment.reply`. */
export async function replyToComment(
  deps: ReplyDeps,
  input: ReplyInput,
  actor: Actor,
  at: Date,
  audited: AuditActor = staffActor(actor),
): Promise<FeedbackRecord> {
  const { record, piiMasked } = await attachReply(deps, input, actor, at);
  await deps.audit.append(
    {
      actor: audited,
      action: 'comment.reply',
      subject: { type: 'comment', id: input.feedbackId },
      reason: null,
      details: {
        department: input.department,
        departmentId: input.departmentId,
        caseId: input.caseId ?? null,
        piiMasked,
        commentStatus: record.commentStatus,
      },
    },
    at,
  );
  return record;
}

/** What fails one item of several and lets the rest go ahead: gone, in another status, moderated by someone else meanwhile. */
const ITEM_FAILURES = ['not-found', 'invalid-state', 'conflict'] as const;
type ItemFailure = (typeof ITEM_FAILURES)[number];
const failsOneItem = (kind: ErrorKind): kind is ItemFailure => (ITEM_FAILURES as readonly ErrorKind[]).includes(kind);

export type MultipleOutcome =
  | (ModerationOutcome & { outcome: 'done' })
  | { feedbackId: string; action: ModerationAction; outcome: 'failed'; problem: ItemFailure; detail: string };

/**
 * Several moderation steps at once (the queue's checkboxes). Each is applied or reported on its
 * own: one comment moderated meanwhile by someone else must not undo or block the rest.
 */
export async function moderateMany(
  deps: ModerationDeps,
  items: ReadonlyArray<{ feedbackId: string; action: ModerationAction; reason?: string | undefined }>,
  actor: Actor,
  at: Date,
): Promise<{ results: MultipleOutcome[]; done: number; failed: number }> {
  const results: MultipleOutcome[] = [];
  for (const item of items) {
    try {
      results.push({ ...(await moderateComment(deps, item, actor, at)), outcome: 'done' });
    } catch (error) {
      // The item's problem is its error's kind, as one moderation alone would answer it.
      if (error instanceof DomainError && failsOneItem(error.kind))
        results.push({
          feedbackId: item.feedbackId,
          action: item.action,
          outcome: 'failed',
          problem: error.kind,
          detail: error.message,
        });
      else throw error;
    }
  }
  const failed = results.filter((r) => r.outcome === 'failed').length;
  return { results, done: results.length - failed, failed };
}

const HOUR_MS = 3600_000;

export interface QueueFilter {
  status: QueueQuery['status'];
  /** The target's plan; published comments of a target without one are the current plan's. */
  planId?: string | undefined;
  targetType?: QueueQuery['targetType'];
  targetId?: string | undefined;
  reason?: QueueQuery['reason'];
  /** Only comments in their status for at least / at most this many hours. */
  olderThanHours?: number | undefined;
  newerThanHours?: number | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** A page of the moderation queue (or of rejected, hidden or a target's published comments), by age in hours. */
export async function moderationQueue(
  deps: {
    moderation: Pick<ModerationStore, 'moderationQueue'>;
    plans: Pick<PlanRepository, 'listPlans'>;
    currentPlanId: string | null;
  },
  q: QueueFilter,
  now: Date,
) {
  const at = now.getTime();
  const planId =
    q.planId ??
    (q.status === 'published' ? currentPlan(await deps.plans.listPlans(), now, deps.currentPlanId)?.id : undefined);
  return deps.moderation.moderationQueue({
    status: q.status,
    planId,
    targetType: q.targetType,
    targetId: q.targetId,
    reason: q.reason,
    before: q.olderThanHours !== undefined ? new Date(at - q.olderThanHours * HOUR_MS).toISOString() : undefined,
    after: q.newerThanHours !== undefined ? new Date(at - q.newerThanHours * HOUR_MS).toISOString() : undefined,
    limit: q.limit,
    cursor: q.cursor,
  });
}

export type { StaffComment };
