import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { AuditSystemReason } from '../../../audit/system-reason.js';
import { caseStats } from '../../../cases/stats.js';
import { citizenCaseView, type FollowUpCase } from '../../../cases/case.js';
import { rateReply } from '../../../cases/workflow.js';
import type { AppDeps } from '../../deps.js';
import { clientAddress } from '../../client-address.js';
import { ProblemError } from '../../problem.js';
import { CaseId, CaseStatsQuery, FeedbackId, FlagBody, NoQuery } from '../../../api/schemas.js';
import { SatisfactionBody } from '../../../api/case-bodies.js';
import { jsonBody, pathParam, queryParams } from '../../request.js';
import { issueVoter, requestVoter } from '../../voter.js';
import type { Flagger } from '../../../store/keys.js';
import type { PlanScopedEnv } from '../../plan-scope.js';
import { responder } from '../respond.js';
import type { accountabilityContract } from './accountability.contract.js';

const respond = responder<typeof accountabilityContract>();

/** What opens and steps the 差评 cases: the cases, their deadlines in working days, the audit log, the time. */
export type CaseWorkDeps = Pick<AppDeps, 'cases' | 'caseDeadlineDays' | 'calendar' | 'audit' | 'clock'>;

/**
 * What a citizen's write uses, whether a rating (feedback.ts) or a flag or a verdict on a reply
 * (here): the voter token, the limits per voter and address, and the 差评 cases.
 */
export type CitizenWriteDeps = CaseWorkDeps &
  Pick<AppDeps, 'voterTokens' | 'cookieSecure' | 'hashAddress' | 'feedbackLimits'>;

/** What flags, a voter's cases and the case statistics use. */
export type AccountabilityDeps = CitizenWriteDeps & Pick<AppDeps, 'flags' | 'flagThreshold'>;

/**
 * The public side of moderation and the 差评 loop: citizens flag published comments, follow the
 * cases their ratings opened and say whether the reply satisfies them; anyone can see how many
 * 差评 were answered and how fast.
 */
export function accountabilityRoutes(deps: AccountabilityDeps) {
  const voterOf = (c: Context) => requestVoter(c, deps);

  const citizenView = (c: FollowUpCase, now: Date) => citizenCaseView(c, now, deps.calendar);

  return new Hono()
    .post('/comments/:feedbackId/flags', async (c) => {
      const feedbackId = pathParam(FeedbackId, c.req.param('feedbackId'), 'comment');
      const { reason } = await jsonBody(c, FlagBody);
      const voterId = voterOf(c) ?? issueVoter(c, deps);
      const address = clientAddress(c);
      const addressHash = address ? deps.hashAddress(address, deps.clock()) : null;
      await deps.feedbackLimits.check({ voterId, addressHash }, deps.clock());
      // A new voter costs nothing (a request without a cookie gets one), so flags are counted per
      // address where it is known: three cookieless requests must not take a comment down.
      const flagger: Flagger = addressHash ? { kind: 'address', hash: addressHash } : { kind: 'voter', voterId };
      const result = await deps.flags.flagComment(feedbackId, flagger, reason, deps.clock(), deps.flagThreshold);
      if (result.sentForReview) {
        // Flags never silence a comment: it stays public, marked under review, until a monitor decides.
        await deps.audit.append(
          {
            actor: { kind: 'system', sub: 'system', name: 'citizen flags', roles: [] },
            action: 'comment.review',
            subject: { type: 'comment', id: feedbackId },
            reason: 'flags-reached-threshold' satisfies AuditSystemReason,
            details: {
              lastReason: reason,
              flags: result.flags,
              threshold: deps.flagThreshold,
              targetType: result.record.targetType,
              targetId: result.record.targetId,
            },
          },
          deps.clock(),
        );
      }
      // The count of flags is not disclosed: it would tell a brigade how close it is.
      return respond(c, 'flagComment', result.counted ? 201 : 200, {
        feedbackId,
        flagged: true,
        alreadyFlagged: !result.counted,
      });
    })

    .get('/me/cases', async (c) => {
      queryParams(c, NoQuery);
      c.header('Cache-Control', 'private, no-store');
      const voterId = voterOf(c);
      if (!voterId) return respond(c, 'myCases', 200, { items: [] });
      const now = deps.clock();
      return respond(c, 'myCases', 200, {
        items: (await deps.cases.ofVoter(voterId)).map((item) => citizenView(item, now)),
      });
    })

    .post('/me/cases/:caseId/satisfaction', async (c) => {
      const caseId = pathParam(CaseId, c.req.param('caseId'), 'case');
      const body = await jsonBody(c, SatisfactionBody);
      const voterId = voterOf(c);
      if (!voterId) throw new ProblemError('not-found', { detail: `no case ${caseId} of yours` });
      c.header('Cache-Control', 'private, no-store');
      const updated = await rateReply(deps, voterId, caseId, body.satisfied, body.note, deps.clock());
      return respond(c, 'rateCaseReply', 200, citizenView(updated, deps.clock()));
    });
}

/** How the 差评 of the request's plan were answered, and how fast: anyone can see it. */
export function caseStatsRoutes(
  deps: Pick<AppDeps, 'cases' | 'departments' | 'caseDeadlineDays' | 'calendar' | 'clock'>,
) {
  return new Hono<PlanScopedEnv>().get('/cases/stats', async (c) => {
    const { group } = queryParams(c, CaseStatsQuery);
    const now = deps.clock();
    const [cases, departments] = await Promise.all([
      deps.cases.all(c.get('planScope').plan.id),
      group === 'department' ? deps.departments.list() : [],
    ]);
    return respond(c, 'caseStats', 200, {
      group,
      deadlineWorkingDays: deps.caseDeadlineDays,
      generatedAt: now.toISOString(),
      overall: caseStats(cases, 'all', now, deps.calendar)[0] ?? null,
      items: caseStats(cases, group, now, deps.calendar, departments),
    });
  });
}
