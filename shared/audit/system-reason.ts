import type { AuditAction, AuditEntry } from './entry.js';

/**
 * Why, when gongping writes an entry's reason rather than a person: a code stored in `reason`
 * (the audit API and CSV give the code, its numbers are in `details`), worded by the staff audit
 * page in its own language. Each code belongs to the one action it is written for, so a person's
 * reason under another action is never taken for it. Entries written before the codes keep their
 * English sentence, shown as stored.
 */
export const AUDIT_SYSTEM_REASONS = {
  /** A case the sweep opened, because opening it when the rating was sent failed (shared/cases/workflow.ts). */
  'opened-by-sweep': 'case.open',
  /** Citizens' flags reached the threshold: sent for review, still public (details: `flags`, `threshold`). */
  'flags-reached-threshold': 'comment.review',
} as const satisfies Record<string, AuditAction>;
export type AuditSystemReason = keyof typeof AUDIT_SYSTEM_REASONS;

const isCode = (reason: string): reason is AuditSystemReason => Object.hasOwn(AUDIT_SYSTEM_REASONS, reason);

/** The system's code an entry's reason holds, or null for a person's words (and older sentences). */
export function auditSystemReasonOf(entry: Pick<AuditEntry, 'action' | 'reason'>): AuditSystemReason | null {
  const { reason } = entry;
  return reason !== null && isCode(reason) && AUDIT_SYSTEM_REASONS[reason] === entry.action ? reason : null;
}
