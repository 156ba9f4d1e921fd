import { Hono } from 'hono/tiny';
import { caseDetail, listCases, officialReply, reconcileCases, staffCase, stepCase } from '../../../cases/workflow.js';
import { moderateComment, moderateMany, moderationQueue } from '../../../moderation/moderate.js';
import { staffExport } from '../../../publishing/staff-exports.js';
import type { AppDeps } from '../../deps.js';
import type { PlanScopedEnv } from '../../plan-scope.js';
import { staffPlanScoped } from '../../staff-plan-scope.js';
import { CaseId, FeedbackId, NoQuery } from '../../../api/schemas.js';
import {
  BulkModerationBody,
  CasesQuery,
  CommentQueueQuery,
  ModerationBody,
  ReconcileBody,
  ReplyBody,
  StepBody,
} from '../../../api/staff-schemas.js';
import { jsonBody, pathParam, queryParams } from '../../request.js';
import { csvResponse, staffOf, type StaffEnv } from '../../staff-auth.js';
import { responder } from '../respond.js';
import type { CaseWorkDeps } from './accountability.js';
import type { monitorContract } from './monitor.contract.js';

const respond = responder<typeof monitorContract>();

/** What moderation, official replies and the 差评 cases (and their export) use. */
export type MonitorDeps = CaseWorkDeps &
  Pick<
    AppDeps,
    'feedback' | 'moderation' | 'replies' | 'departments' | 'plans' | 'currentPlanId' | 'progress' | 'ratings'
  >;

/**
 * Monitors (and admins): the moderation queue, official replies, and the 差评 follow-up cases. The
 * queue, the case list and its export are a plan's (`/plans/{planId}/…`, or the current plan's);
 * a comment or a case is reached by its id whatever its plan.
 * Mounted under /api/v1/monitor behind requireRole('monitor', 'admin').
 */
export function monitorRoutes(deps: MonitorDeps) {
  const scoped = new Hono<StaffEnv & PlanScopedEnv>()
    .get('/comments', async (c) => {
      const q = queryParams(c, CommentQueueQuery);
      const planId = q.planId ?? c.get('planScope').plan.id;
      const page = await moderationQueue(deps, { ...q, planId }, deps.clock());
      return c.json({ status: q.status, ...page });
    })

    .get('/cases', async (c) => {
      const q = queryParams(c, CasesQuery);
      const planId = c.get('planScope').plan.id;
      return respond(c, 'cases', 200, await listCases(deps, q.view, { ...q, planId }, deps.clock()));
    })

    .get('/export/cases.csv', async (c) => {
      queryParams(c, NoQuery);
      const planId = c.get('planScope').plan.id;
      return csvResponse(c, await staffExport({ ...deps, planId }, { kind: 'cases' }), deps.clock());
    });

  return new Hono<StaffEnv>()
    .get('/me', (c) => {
      const staff = staffOf(c);
      return respond(c, 'staffMe', 200, {
        sub: staff.sub,
        name: staff.name,
        roles: staff.roles,
        tokenUse: staff.tokenUse,
      });
    })

    .post('/comments/moderation', async (c) => {
      const { items } = await jsonBody(c, BulkModerationBody);
      const outcome = await moderateMany(deps, items, staffOf(c), deps.clock());
      return respond(c, 'moderateComments', outcome.failed === 0 ? 200 : 207, outcome);
    })

    .post('/comments/:feedbackId/moderation', async (c) => {
      const feedbackId = pathParam(FeedbackId, c.req.param('feedbackId'), 'comment');
      const body = await jsonBody(c, ModerationBody);
      return respond(
        c,
        'moderateComment',
        200,
        await moderateComment(deps, { feedbackId, ...body }, staffOf(c), deps.clock()),
      );
    })

    .post('/comments/:feedbackId/replies', async (c) => {
      const feedbackId = pathParam(FeedbackId, c.req.param('feedbackId'), 'comment');
      const body = await jsonBody(c, ReplyBody);
      const { record, caseId } = await officialReply(deps, { feedbackId, ...body }, staffOf(c), deps.clock());
      const reply = record.replies!.at(-1)!;
      return respond(c, 'replyToComment', 201, {
        feedbackId,
        commentStatus: record.commentStatus,
        reply: { department: reply.department, text: reply.text, publishedAt: reply.publishedAt },
        public: record.commentStatus === 'published',
        caseId,
      });
    })

    .get('/cases/:caseId', async (c) => {
      const caseId = pathParam(CaseId, c.req.param('caseId'), 'case');
      return respond(c, 'case', 200, await caseDetail(deps, caseId, deps.clock()));
    })

    .post('/cases/reconcile', async (c) => {
      const body = await jsonBody(c, ReconcileBody);
      const now = deps.clock();
      return respond(
        c,
        'reconcileCases',
        200,
        await reconcileCases(deps, new Date(body.since), body.until ? new Date(body.until) : now, staffOf(c), now),
      );
    })

    .post('/cases/:caseId/steps', async (c) => {
      const caseId = pathParam(CaseId, c.req.param('caseId'), 'case');
      const step = await jsonBody(c, StepBody);
      const updated = await stepCase(deps, caseId, step, staffOf(c), deps.clock());
      return respond(c, 'stepCase', 200, staffCase(updated.case, deps.clock(), deps.calendar));
    })

    .route('/', staffPlanScoped(deps, scoped));
}
