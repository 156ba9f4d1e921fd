import * as z from 'zod/mini';
import { AuditAction } from '../audit/entry.js';
import { PlanId, TargetId, TargetType } from '../feedback/target.js';
import { MODERATION_ACTIONS, type ModerationAction } from '../moderation/flags.js';
import { ProjectStatus } from '../plan/schema.js';
import { PERIOD_PATTERN } from '../ratings/views.js';
import { doc } from './registry.js';
import { FeedbackId } from './schemas.js';
import { DEPARTMENT_MAX_LENGTH, REPLY_TEXT_MAX } from '../feedback/record.js';
import { DEPARTMENT_ID_PATTERN } from '../departments/department.js';
import { SOURCE_MAX_LENGTH } from '../publishing/observations.js';

/**
 * The request schemas of the staff routes (shared/http/api/routes/{monitor,publisher,admin}.ts:
 * moderation, the 差评 case loop, publishing and administration), which validate with these very
 * instances, as scripts/build-openapi.ts documents them. Apart from ./schemas.ts, so that the
 * citizen function, which serves none of these routes, does not build them at its cold start.
 */

/**
 * The limits of the staff's free-text fields, which the staff pages' forms set as their `maxlength`
 * (web/staff/pages/); the department, the reply and the source share theirs with what is kept.
 */
export const REASON_MAX_LENGTH = 2000;
export const PROGRESS_NOTE_MAX_LENGTH = 2000;
export const PROGRESS_REASON_MAX_LENGTH = 1000;
export const AUDIT_ACTOR_MAX_LENGTH = 300;

const Department = doc(z.string().check(z.trim(), z.minLength(1), z.maxLength(DEPARTMENT_MAX_LENGTH)), {
  description:
    'Deprecated: the department (部门) as free text, kept as the listed department it names (by name or alias), else unassigned. Send `departmentId`.',
});
/** The department that answers (never a person), from the managed list (`GET /api/v1/admin/departments`). */
const ChosenDepartment = {
  departmentId: z.optional(
    doc(z.string().check(z.regex(DEPARTMENT_ID_PATTERN)), {
      description: 'The department (部门) that answers, from the list of active departments.',
    }),
  ),
  department: z.optional(Department),
};
const Reason = z.string().check(z.trim(), z.minLength(1), z.maxLength(REASON_MAX_LENGTH));
const ModerationActionSchema = doc(
  z.enum(Object.keys(MODERATION_ACTIONS) as [ModerationAction, ...ModerationAction[]]),
  {
    id: 'ModerationAction',
    description:
      '`publish` a pending comment (or one rejected or hidden), or keep a published one under review (保留: the mark goes, its flags start again from zero, it leaves the queue); `reject` a pending one; `hide` a published one (under review or not). Rejecting and hiding need a reason.',
  },
);

export const CommentQueueQuery = z
  .strictObject({
    status: doc(z._default(z.enum(['pending', 'rejected', 'hidden', 'published']), 'pending'), {
      description: 'Which comments: the moderation queue (`pending`) by default.',
    }),
    planId: doc(z.optional(PlanId), {
      description: "The target's plan; for published comments without it, the current plan's.",
    }),
    targetType: z.optional(TargetType),
    targetId: z.optional(TargetId),
    reason: doc(z.optional(z.enum(['new', 'flagged'])), {
      description: 'In the queue because new (pending), or flagged by citizens (published, under review).',
    }),
    /** Only comments that have waited at least / at most this long in their status. */
    olderThanHours: doc(z.optional(z.coerce.number().check(z.gte(0), z.lte(24 * 3650))), {
      description: 'Only comments in their status for at least this many hours.',
    }),
    newerThanHours: doc(z.optional(z.coerce.number().check(z.gte(0), z.lte(24 * 3650))), {
      description: 'Only comments in their status for at most this many hours.',
    }),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
    cursor: doc(z.optional(z.string().check(z.minLength(1), z.maxLength(600))), {
      description: 'The `nextCursor` of the previous page, as given.',
    }),
  })
  .check(
    z.refine((q) => (q.targetType === undefined) === (q.targetId === undefined), 'targetType and targetId go together'),
    z.refine(
      (q) => q.status !== 'published' || q.targetId !== undefined,
      'published comments are listed per target: give targetType and targetId',
    ),
  );

export const ModerationBody = z.strictObject({ action: ModerationActionSchema, reason: z.optional(Reason) }).check(
  z.refine((b) => b.action === 'publish' || b.reason !== undefined, {
    message: 'rejecting or hiding needs a reason',
    path: ['reason'],
  }),
);

export const BulkModerationBody = z.strictObject({
  items: z
    .array(
      z.strictObject({ feedbackId: FeedbackId, action: ModerationActionSchema, reason: z.optional(Reason) }).check(
        z.refine((b) => b.action === 'publish' || b.reason !== undefined, {
          message: 'rejecting or hiding needs a reason',
          path: ['reason'],
        }),
      ),
    )
    .check(z.minLength(1), z.maxLength(100)),
});

export const ReplyBody = z.strictObject({
  ...ChosenDepartment,
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(REPLY_TEXT_MAX)),
});

export const StepBody = doc(
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('verify'), ...ChosenDepartment, note: z.optional(Reason) }),
    z.strictObject({ action: z.literal('rectify'), note: Reason }),
    z.strictObject({
      action: z.literal('reply'),
      ...ChosenDepartment,
      text: z.string().check(z.trim(), z.minLength(1), z.maxLength(REPLY_TEXT_MAX)),
    }),
    z.strictObject({ action: z.literal('close'), note: Reason }),
    z.strictObject({ action: z.literal('assign'), ...ChosenDepartment, note: z.optional(Reason) }),
  ]),
  {
    id: 'CaseStep',
    description:
      'One step of a 差评 case: `verify` (核实, from open or disputed), `rectify` (整改, from verifying), `reply` (答复, from verifying or rectifying: also published as an official reply to the comment), `close` (办结, from replied or disputed), `assign` (to a department, while unfinished).',
  },
);

export const CasesQuery = z.strictObject({
  view: doc(z._default(z.enum(['active', 'overdue', 'due-soon', 'closed']), 'active'), {
    description:
      'Unfinished cases (soonest deadline first), those overdue or due within three working days, or closed ones (most recent first).',
  }),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  cursor: doc(z.optional(z.string().check(z.minLength(1), z.maxLength(600))), {
    description: 'The `nextCursor` of the previous page, as given.',
  }),
});

export const ReconcileBody = z.strictObject({
  since: doc(z.iso.datetime(), { description: 'Look for 差评 with a comment recorded from this instant…' }),
  until: doc(z.optional(z.iso.datetime()), { description: '…to this one (default: now).' }),
});

export const ProgressBody = z.strictObject({
  status: ProjectStatus,
  progress: doc(z.number().check(z.gte(0), z.lte(100)), { description: 'Percent complete.' }),
  note: doc(z.string().check(z.trim(), z.minLength(1), z.maxLength(PROGRESS_NOTE_MAX_LENGTH)), {
    description: 'What was done: shown on the public page.',
  }),
  source: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(SOURCE_MAX_LENGTH))),
  reason: doc(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(PROGRESS_REASON_MAX_LENGTH))), {
    description: 'Required for any report after the first: what changed or what it corrects.',
  }),
});
export const ImportQuery = z.strictObject({
  dryRun: doc(z._default(z.stringbool(), false), {
    description: 'Check the file and say what would change, writing nothing.',
  }),
});
export const AggregatesQuery = z.strictObject({
  period: doc(z._default(z.string().check(z.regex(PERIOD_PATTERN)), 'all'), {
    description: '`all`, a year (2026) or a month (2026-11).',
  }),
});

export const FraudBody = z.strictObject({
  reason: z.string().check(z.trim(), z.minLength(10, 'document the case: at least 10 characters'), z.maxLength(1000)),
});
export const AuditQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50),
  cursor: doc(z.optional(z.string().check(z.minLength(1), z.maxLength(400))), {
    description: 'The `nextCursor` of the previous page, as given.',
  }),
  since: z.optional(z.iso.datetime()),
  until: z.optional(z.iso.datetime()),
  action: z.optional(AuditAction),
  actor: doc(z.optional(z.string().check(z.minLength(1), z.maxLength(AUDIT_ACTOR_MAX_LENGTH))), {
    description: 'The `sub` of a staff member.',
  }),
});
export const AuditCsvQuery = z.omit(AuditQuery, { limit: true, cursor: true });
