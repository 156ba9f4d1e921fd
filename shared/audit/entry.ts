import * as z from 'zod/mini';
import { Role } from '../auth/roles.js';

/**
 * The audit log: every staff action (and every automatic one that changes what the public sees)
 * is one entry saying who, when, what and why. Entries are written once and never changed.
 */
export const AUDIT_ACTIONS = [
  'comment.publish',
  'comment.reject',
  'comment.hide',
  /** Sent back to pending by citizens' flags: what flags did before they stopped hiding comments. */
  'comment.requeue',
  /** Citizens' flags reached the threshold: the comment stays public, marked under review, in the queue. */
  'comment.review',
  /** A monitor kept a comment flags sent for review: the mark goes, its flags start again from zero. */
  'comment.keep',
  'comment.reply',
  'rating.fraud',
  'case.open',
  'case.verify',
  'case.rectify',
  'case.reply',
  'case.close',
  'case.assign',
  'case.satisfaction',
  'observation.publish',
  'observation.import',
  'progress.publish',
  'progress.import',
  /** A publisher's plan file, stored as a draft (shared/publishing/plans.ts). */
  'plan.upload',
  'plan.publish',
  'plan.close',
  'plan.reopen',
  /** An administrator's change to the managed departments: added, renamed, (de)activated or imported (details.op). */
  'department.change',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const SubjectType = z.enum([
  'comment',
  'rating',
  'case',
  'indicator',
  'project',
  'import',
  'plan',
  'department',
]);
export type SubjectType = z.infer<typeof SubjectType>;

/** Who acted. `system` for automatic actions (flags reaching the threshold), `citizen` for a voter. */
export const AuditActor = z.strictObject({
  kind: z.enum(['staff', 'system', 'citizen']),
  sub: z.string().check(z.minLength(1), z.maxLength(300)),
  name: z.string().check(z.minLength(1), z.maxLength(300)),
  roles: z.array(Role),
});
export type AuditActor = z.infer<typeof AuditActor>;

export const AuditEntry = z.strictObject({
  auditId: z.string().check(z.minLength(1)),
  at: z.iso.datetime(),
  actor: AuditActor,
  action: AuditAction,
  subject: z.strictObject({ type: SubjectType, id: z.string().check(z.minLength(1), z.maxLength(300)) }),
  /**
   * Why, in the actor's words; required for anything that hides, rejects or invalidates. When
   * gongping writes it, a code (shared/audit/system-reason.ts) the staff page words in its language.
   */
  reason: z.nullable(z.string().check(z.maxLength(2000))),
  /** What changed, small and machine-readable (from/to statuses, values, line counts). JSON text. */
  details: z.string().check(z.maxLength(20_000)),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export type NewAuditEntry = Omit<AuditEntry, 'auditId' | 'at' | 'details'> & { details?: Record<string, unknown> };

export const SYSTEM_ACTOR: AuditActor = { kind: 'system', sub: 'system', name: 'gongping', roles: [] };
/** A voter acting on their own case: pseudonymous, and the voter id is not written into the log. */
export const CITIZEN_ACTOR: AuditActor = { kind: 'citizen', sub: 'citizen', name: 'citizen', roles: [] };

export const staffActor = (identity: { sub: string; name: string; roles: Role[] }): AuditActor => ({
  kind: 'staff',
  sub: identity.sub,
  name: identity.name,
  roles: identity.roles,
});
