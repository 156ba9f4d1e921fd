import { Hono } from 'hono/tiny';
import { actorLabel } from '../../../auth/roles.js';
import { staffActor } from '../../../audit/entry.js';
import { auditFilter, auditPageQuery } from '../../../audit/filter.js';
import { auditExport } from '../../../publishing/staff-exports.js';
import type { AppDeps } from '../../deps.js';
import { ProblemError } from '../../problem.js';
import { FeedbackId } from '../../../api/schemas.js';
import { AuditCsvQuery, AuditQuery, FraudBody } from '../../../api/staff-schemas.js';
import { jsonBody, pathParam, queryParams } from '../../request.js';
import { csvResponse, staffOf, type StaffEnv } from '../../staff-auth.js';
import { responder } from '../respond.js';
import type { adminContract } from './admin.contract.js';

const respond = responder<typeof adminContract>();

/** What fraud marks and the audit log (and its export) use. */
export type AdminDeps = Pick<AppDeps, 'feedback' | 'fraud' | 'audit' | 'clock'>;

/** Administrators: documented fraud marks on ratings, and the audit log. Mounted under /api/v1/admin. */
export function adminRoutes(deps: AdminDeps) {
  return new Hono<StaffEnv>()
    .post('/ratings/:feedbackId/fraud', async (c) => {
      const feedbackId = pathParam(FeedbackId, c.req.param('feedbackId'), 'rating');
      const { reason } = await jsonBody(c, FraudBody);
      const staff = staffOf(c);
      const ref = await deps.feedback.resolve(feedbackId);
      if (!ref) throw new ProblemError('not-found', { detail: `no rating ${feedbackId}` });
      const at = deps.clock();
      const { event, record } = await deps.fraud.markFraud(ref, { by: actorLabel(staff), reason }, at);
      if (event) {
        await deps.audit.append(
          {
            actor: staffActor(staff),
            action: 'rating.fraud',
            subject: { type: 'rating', id: feedbackId },
            reason,
            details: {
              counted: event.counted,
              rating: record.rating,
              targetType: record.targetType,
              targetId: record.targetId,
            },
          },
          at,
        );
      }
      return respond(c, 'markFraud', event ? 201 : 200, {
        feedbackId,
        marked: true,
        alreadyMarked: event === null,
        removedFromCounts: event?.counted ?? false,
      });
    })

    .get('/audit', async (c) => {
      const q = queryParams(c, AuditQuery);
      return respond(c, 'audit', 200, await deps.audit.list(auditPageQuery(q)));
    })

    .get('/audit.csv', async (c) => {
      const q = queryParams(c, AuditCsvQuery);
      return csvResponse(c, await auditExport(deps, auditFilter(q)), deps.clock());
    });
}
