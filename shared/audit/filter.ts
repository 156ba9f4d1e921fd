import type * as z from 'zod/mini';
import type { AuditCsvQuery, AuditQuery as AuditQueryParams } from '../api/staff-schemas.js';
import type { AuditQuery } from '../store/audit-repository.js';

/** A filter of the audit log as its query parameters name it (`actor`), as the repository reads it (`actorSub`). */
export function auditFilter(q: z.infer<typeof AuditCsvQuery>): Omit<AuditQuery, 'limit' | 'cursor'> {
  return { since: q.since, until: q.until, action: q.action, actorSub: q.actor };
}

/** A page of the audit log as the API and the audit page ask for it. */
export function auditPageQuery(q: z.infer<typeof AuditQueryParams>): AuditQuery {
  return { ...auditFilter(q), limit: q.limit, cursor: q.cursor };
}
