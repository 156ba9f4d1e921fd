import { Hono } from 'hono/tiny';
import { CaseStateError, dueState } from '../../../shared/cases/case.js';
import { reconcileCases, stepCase } from '../../../shared/cases/workflow.js';
import { moderateComment, replyToComment } from '../../../shared/moderation/moderate.js';
import { CommentStateError } from '../../../shared/store/feedback-repository.js';
import { NotFoundError } from '../../../shared/errors.js';
import { caseRows, CASE_COLUMNS } from '../../../shared/publishing/exports.js';
import { toCsv } from '../../../shared/publishing/csv.js';
import type { ApiDeps } from '../deps.js';
import { ProblemError } from '../problem.js';
import { BulkModerationBody, CaseId, CasesQuery, CommentQueueQuery, FeedbackId, ModerationBody, NoQuery, ReconcileBody, ReplyBody, StepBody } from '../../../shared/api/schemas.js';
import { jsonBody, pathParam, queryParams } from '../request.js';
import { csvResponse, staffOf, type StaffEnv } from '../staff.js';

const HOUR = 3600_000;

/**
 * Monitors (and admins): the moderation queue, official replies, and the 差评 follow-up cases.
 * Mounted under /api/v1/monitor behind requireRole('monitor', 'admin').
 */
export function monitorRoutes(deps: ApiDeps) {
  /** Moderation and case rules speak their own errors; here they become 409s. */
  const inState = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CommentStateError || error instanceof CaseStateError) throw new ProblemError('invalid-state', { detail: error.message });
      throw error;
    }
  };

  return new Hono<StaffEnv>()
    .get('/me', (c) => {
      const staff = staffOf(c);
      return c.json({ sub: staff.sub, name: staff.name, roles: staff.roles, tokenUse: staff.tokenUse });
    })

    .get('/comments', async (c) => {
      const q = queryParams(c, CommentQueueQuery);
      const now = deps.clock().getTime();
      const page = await deps.feedback.moderationQueue({
        status: q.status,
        targetType: q.targetType,
        targetId: q.targetId,
        reason: q.reason,
        before: q.olderThanHours !== undefined ? new Date(now - q.olderThanHours * HOUR).toISOString() : undefined,
        after: q.newerThanHours !== undefined ? new Date(now - q.newerThanHours * HOUR).toISOString() : undefined,
        limit: q.limit,
        cursor: q.cursor,
      });
      return c.json({ status: q.status, ...page });
    })

    .post('/comments/moderation', async (c) => {
      const { items } = await jsonBody(c, BulkModerationBody);
      const staff = staffOf(c);
      const at = deps.clock();
      // Each item is applied or reported on its own: one comment moderated meanwhile by someone
      // else must not undo or block the rest.
      const results = [];
      for (const item of items) {
        try {
          results.push({ ...(await moderateComment(deps, item, staff, at)), outcome: 'done' as const });
        } catch (error) {
          if (error instanceof NotFoundError) results.push({ feedbackId: item.feedbackId, action: item.action, outcome: 'failed' as const, problem: 'not-found', detail: error.message });
          else if (error instanceof CommentStateError) results.push({ feedbackId: item.feedbackId, action: item.action, outcome: 'failed' as const, problem: 'invalid-state', detail: error.message });
          else throw error;
        }
      }
      const failed = results.filter((r) => r.outcome === 'failed').length;
      return c.json({ results, done: results.length - failed, failed }, failed === 0 ? 200 : 207);
    })

    .post('/comments/:feedbackId/moderation', async (c) => {
      const feedbackId = pathParam(FeedbackId, c.req.param('feedbackId'), 'comment');
      const body = await jsonBody(c, ModerationBody);
      return c.json(await inState(() => moderateComment(deps, { feedbackId, ...body }, staffOf(c), deps.clock())));
    })

    .post('/comments/:feedbackId/replies', async (c) => {
      const feedbackId = pathParam(FeedbackId, c.req.param('feedbackId'), 'comment');
      const body = await jsonBody(c, ReplyBody);
      const record = await replyToComment(deps, { feedbackId, ...body }, staffOf(c), deps.clock());
      const reply = record.replies!.at(-1)!;
      return c.json({ feedbackId, commentStatus: record.commentStatus, reply: { department: reply.department, text: reply.text, publishedAt: reply.publishedAt }, public: record.commentStatus === 'published' }, 201);
    })

    .get('/cases', async (c) => {
      const q = queryParams(c, CasesQuery);
      const now = deps.clock();
      const group = q.view === 'closed' ? 'closed' : 'active';
      const range =
        q.view === 'overdue'
          ? { dueBefore: now.toISOString() }
          : q.view === 'due-soon'
            ? // Three working days are at most a week of calendar days, holidays aside; dueState decides exactly.
              { dueAfter: now.toISOString(), dueBefore: new Date(now.getTime() + 14 * 86_400_000).toISOString() }
            : {};
      const page = await deps.cases.list(group, { limit: q.limit, cursor: q.cursor, ...range });
      const items = page.items
        .map((item) => ({ ...withoutVoter(item), dueState: dueState(item, now, deps.calendar) }))
        .filter((item) => q.view === 'active' || q.view === 'closed' || item.dueState === q.view);
      return c.json({ view: q.view, items, nextCursor: page.nextCursor });
    })

    .get('/cases/:caseId', async (c) => {
      const caseId = pathParam(CaseId, c.req.param('caseId'), 'case');
      const found = await deps.cases.get(caseId);
      if (!found) throw new ProblemError('not-found', { detail: `no case ${caseId}` });
      const [record, audit] = await Promise.all([deps.feedback.getRecord(found.feedback), deps.audit.forSubject('case', caseId)]);
      return c.json({
        ...withoutVoter(found),
        dueState: dueState(found, deps.clock(), deps.calendar),
        comment: record ? { text: record.comment, status: record.commentStatus, replies: record.replies ?? [] } : null,
        audit,
      });
    })

    .post('/cases/reconcile', async (c) => {
      const body = await jsonBody(c, ReconcileBody);
      const until = body.until ? new Date(body.until) : deps.clock();
      return c.json(await reconcileCases(deps, new Date(body.since), until));
    })

    .post('/cases/:caseId/steps', async (c) => {
      const caseId = pathParam(CaseId, c.req.param('caseId'), 'case');
      const step = await jsonBody(c, StepBody);
      const updated = await inState(() => stepCase(deps, caseId, step, staffOf(c), deps.clock()));
      return c.json({ ...withoutVoter(updated), dueState: dueState(updated, deps.clock(), deps.calendar) });
    })

    .get('/export/cases.csv', async (c) => {
      queryParams(c, NoQuery);
      const now = deps.clock();
      return csvResponse(c, 'gongping-cases', toCsv(CASE_COLUMNS, caseRows(await deps.cases.all(), deps.calendar)), now);
    });
}

/** Monitors see a case, not who rated: the voter id stays in the store. */
function withoutVoter<T extends { voterId: string }>(item: T): Omit<T, 'voterId'> {
  const { voterId: _voterId, ...rest } = item;
  return rest;
}
