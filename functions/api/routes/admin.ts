import { Hono } from 'hono/tiny';
import { actorLabel } from '../../../shared/auth/roles.js';
import { staffActor, type AuditEntry } from '../../../shared/audit/entry.js';
import { toCsv } from '../../../shared/publishing/csv.js';
import type { ApiDeps } from '../deps.js';
import { ProblemError } from '../problem.js';
import { AuditCsvQuery, AuditQuery, FeedbackId, FraudBody } from '../../../shared/api/schemas.js';
import { jsonBody, pathParam, queryParams } from '../request.js';
import { csvResponse, staffOf, type StaffEnv } from '../staff.js';

/** The audit log as CSV: one row per entry, oldest first within the range. */
export const AUDIT_COLUMNS = ['at', 'audit_id', 'actor_kind', 'actor_sub', 'actor_name', 'actor_roles', 'action', 'subject_type', 'subject_id', 'reason', 'details'] as const;
const auditRow = (e: AuditEntry) => ({
  at: e.at,
  audit_id: e.auditId,
  actor_kind: e.actor.kind,
  actor_sub: e.actor.sub,
  actor_name: e.actor.name,
  actor_roles: e.actor.roles.join(' '),
  action: e.action,
  subject_type: e.subject.type,
  subject_id: e.subject.id,
  reason: e.reason ?? '',
  details: e.details,
});

/** Administrators: documented fraud marks on ratings, and the audit log. Mounted under /api/v1/admin. */
export function adminRoutes(deps: ApiDeps) {
  return new Hono<StaffEnv>()
    .post('/ratings/:feedbackId/fraud', async (c) => {
      const feedbackId = pathParam(FeedbackId, c.req.param('feedbackId'), 'rating');
      const { reason } = await jsonBody(c, FraudBody);
      const staff = staffOf(c);
      const ref = await deps.feedback.resolve(feedbackId);
      if (!ref) throw new ProblemError('not-found', { detail: `no rating ${feedbackId}` });
      const at = deps.clock();
      const { event, record } = await deps.feedback.markFraud(ref, { by: actorLabel(staff), reason }, at);
      if (event) {
        await deps.audit.append(
          {
            actor: staffActor(staff),
            action: 'rating.fraud',
            subject: { type: 'rating', id: feedbackId },
            reason,
            details: { counted: event.counted, rating: record.rating, targetType: record.targetType, targetId: record.targetId },
          },
          at,
        );
      }
      return c.json({ feedbackId, marked: true, alreadyMarked: event === null, removedFromCounts: event?.counted ?? false }, event ? 201 : 200);
    })

    .get('/audit', async (c) => {
      const q = queryParams(c, AuditQuery);
      return c.json(await deps.audit.list({ limit: q.limit, cursor: q.cursor, since: q.since, until: q.until, action: q.action, actorSub: q.actor }));
    })

    .get('/audit.csv', async (c) => {
      const q = queryParams(c, AuditCsvQuery);
      const entries: AuditEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await deps.audit.list({ limit: 200, cursor, since: q.since, until: q.until, action: q.action, actorSub: q.actor });
        entries.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return csvResponse(c, 'gongping-audit', toCsv(AUDIT_COLUMNS, entries.reverse().map(auditRow)), deps.clock());
    });
}
