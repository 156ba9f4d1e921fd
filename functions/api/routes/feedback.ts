import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { FeedbackSubmission, submitFeedback } from '../../../shared/feedback/submit.js';
import { TargetId, TargetType } from '../../../shared/feedback/target.js';
import type { ApiDeps } from '../deps.js';
import { ProblemError } from '../problem.js';
import { jsonBody, pathParam, queryParams } from '../request.js';

export const VOTER_COOKIE = 'gp_voter';
export const VOTER_HEADER = 'X-Voter-Token';

const MeQuery = z
  .strictObject({ targetType: TargetType.optional(), targetId: TargetId.optional() })
  .refine((q) => (q.targetType === undefined) === (q.targetId === undefined), 'targetType and targetId go together');

const CommentsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(400).optional(),
});

/** Citizens rate and comment without an account; a signed anonymous token keeps one rating per voter. */
export function feedbackRoutes(deps: ApiDeps) {
  /**
   * The caller's voter id: from the header (API clients) or the cookie (browsers). A forged
   * header is an error the client must see; a stale cookie is simply replaced.
   */
  const voterOf = (c: Context): string | null => {
    const header = c.req.header(VOTER_HEADER);
    if (header !== undefined) {
      const voterId = deps.voterTokens.verify(header);
      if (!voterId) throw new ProblemError('invalid-voter-token');
      return voterId;
    }
    const cookie = getCookie(c, VOTER_COOKIE);
    return cookie ? deps.voterTokens.verify(cookie) : null;
  };

  return new Hono()
    .post('/feedback', async (c) => {
      const submission = await jsonBody(c, FeedbackSubmission);
      let voterId = voterOf(c);
      if (!voterId) {
        const issued = deps.voterTokens.issue();
        voterId = issued.voterId;
        setCookie(c, VOTER_COOKIE, issued.token, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: deps.cookieSecure,
          path: '/',
          maxAge: 400 * 24 * 3600,
        });
        c.header(VOTER_HEADER, issued.token);
      }
      const { record, replaced } = await submitFeedback(deps, voterId, submission);
      deps.logger.info('feedback recorded', { feedbackId: record.feedbackId, targetType: record.targetType, targetId: record.targetId, replaced: replaced !== null });
      c.header('Location', `/api/v1/me/feedback?targetType=${record.targetType}&targetId=${record.targetId}`);
      return c.json(
        {
          feedbackId: record.feedbackId,
          targetType: record.targetType,
          targetId: record.targetId,
          year: record.year,
          rating: record.rating,
          status: 'recorded',
          commentStatus: record.commentStatus,
          replaced: replaced !== null,
          replacedFeedbackId: replaced?.feedbackId ?? null,
          recordedAt: record.recordedAt,
        },
        201,
      );
    })
    .get('/me/feedback', async (c) => {
      const query = queryParams(c, MeQuery);
      const voterId = voterOf(c);
      c.header('Cache-Control', 'private, no-store');
      if (!voterId) return c.json({ items: [] });
      const target = query.targetType && query.targetId ? { targetType: query.targetType, targetId: query.targetId } : undefined;
      const ballots = await deps.feedback.ballotsOf(voterId, target);
      return c.json({
        items: ballots.map((b) => ({
          feedbackId: b.feedbackId,
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
      const targetType = c.req.param('collection') === 'indicators' ? 'indicator' : 'project';
      const targetId = pathParam(TargetId, c.req.param('id'), targetType);
      const page = queryParams(c, CommentsQuery);
      if (!(await deps.plans.targetExists(deps.planId, targetType, targetId))) {
        throw new ProblemError('not-found', { detail: `no ${targetType} ${targetId}` });
      }
      return c.json(await deps.feedback.publishedComments(targetType, targetId, page));
    });
}
