import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { CommentsQuery, FeedbackSubmission, MeQuery } from '../../../api/schemas.js';
import { submissionNotice } from '../../../feedback/submit.js';
import { submitFromRequest } from '../../feedback-submit.js';
import { TargetId } from '../../../feedback/target.js';
import type { AppDeps } from '../../deps.js';
import { ProblemError } from '../../problem.js';
import { jsonBody, pathParam, queryParams } from '../../request.js';
import { issueVoter, requestVoter } from '../../voter.js';
import { kindNamedBy } from '../../../feedback/target-kinds.js';
import type { PlanScopedEnv } from '../../plan-scope.js';
import { responder } from '../respond.js';
import type { feedbackContract } from './feedback.contract.js';
import type { CitizenWriteDeps } from './accountability.js';

const respond = responder<typeof feedbackContract>();

export { VOTER_COOKIE, VOTER_HEADER } from '../../voter.js';

/** What rating, a voter's own ratings and a target's comments use (a 差评 opens its case on submission). */
export type FeedbackRouteDeps = CitizenWriteDeps &
  Pick<AppDeps, 'plans' | 'feedback' | 'newId' | 'logger' | 'receipts'>;

/**
 * Citizens rate and comment on the targets of the request's plan without an account; a signed
 * anonymous token keeps one rating per voter, target of a plan and year.
 */
export function feedbackRoutes(deps: FeedbackRouteDeps) {
  const voterOf = (c: Context) => requestVoter(c, deps);

  return new Hono<PlanScopedEnv>()
    .post('/feedback', async (c) => {
      const { base } = c.get('planScope');
      const submission = await jsonBody(c, FeedbackSubmission);
      const submitted = await submitFromRequest(c, deps, voterOf(c) ?? issueVoter(c, deps), submission, 'api');
      const { record, replaced } = submitted;
      c.header('Location', `/api/v1${base}/me/feedback?targetType=${record.targetType}&targetId=${record.targetId}`);
      const { feedbackId, planId, targetType, targetId, year, rating, commentStatus, recordedAt } = record;
      return respond(c, 'submitFeedback', 201, {
        feedbackId,
        planId,
        targetType,
        targetId,
        year,
        rating,
        status: 'recorded',
        commentStatus,
        replaced: replaced !== null,
        replacedFeedbackId: replaced?.feedbackId ?? null,
        recordedAt,
        ...submissionNotice(submitted),
      });
    })
    .get('/me/feedback', async (c) => {
      const query = queryParams(c, MeQuery);
      const voterId = voterOf(c);
      c.header('Cache-Control', 'private, no-store');
      if (!voterId) return respond(c, 'myFeedback', 200, { items: [] });
      const target =
        query.targetType && query.targetId ? { targetType: query.targetType, targetId: query.targetId } : undefined;
      const ballots = await deps.feedback.ballotsOf(voterId, c.get('planScope').plan.id, target);
      return respond(c, 'myFeedback', 200, {
        items: ballots.map((b) => ({
          feedbackId: b.feedbackId,
          planId: b.planId,
          targetType: b.targetType,
          targetId: b.targetId,
          year: b.year,
          rating: b.rating,
          comment: b.comment,
          commentStatus: b.commentStatus,
          recordedAt: b.recordedAt,
          firstRecordedAt: b.firstRecordedAt,
          revisions: b.revision,
        })),
      });
    })
    .get('/:collection{indicators|projects}/:id/comments', async (c) => {
      const targetType = kindNamedBy(c.req.param('collection')).type;
      const targetId = pathParam(TargetId, c.req.param('id'), targetType);
      const page = queryParams(c, CommentsQuery);
      const planId = c.get('planScope').plan.id;
      if (!(await deps.plans.targetExists(planId, targetType, targetId))) {
        throw new ProblemError('not-found', { detail: `no ${targetType} ${targetId}` });
      }
      return c.json(await deps.feedback.publishedComments({ planId, targetType, targetId }, page));
    });
}
