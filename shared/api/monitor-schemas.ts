import * as z from 'zod/mini';
import { AuditEntry } from '../audit/entry.js';
import { Role } from '../auth/roles.js';
import { CaseEvent, FollowUpCase } from '../cases/case.js';
import { CommentStatus, Rating } from '../feedback/rating.js';
import { DueState } from './accountability-schemas.js';
import { FeedbackOn } from './feedback-schemas.js';
import { doc } from './registry.js';

/** What the monitors' operations answer: the moderation queue and its steps, replies, the 差评 cases. */

doc(Role, {
  id: 'Role',
  description:
    'A staff role, from the Cognito group of the same name: `monitor` (moderation, replies, cases), `publisher` (values and progress), `admin` (everything, fraud marks, audit).',
});

export const StaffMe = z.strictObject({
  sub: z.string(),
  name: z.string(),
  roles: z.array(Role),
  tokenUse: z.enum(['id', 'access']),
});

const StaffReply = z.strictObject({
  replyId: z.string(),
  department: z.string(),
  departmentId: doc(z.optional(z.string()), {
    description: 'The department of the managed list; absent on a reply whose department was given as free text.',
  }),
  departmentEn: doc(z.optional(z.string()), {
    description:
      'The department’s English name when it answered; absent for free text and on replies from before English names were kept.',
  }),
  text: z.string(),
  publishedAt: z.iso.datetime(),
  by: doc(z.string(), { description: 'The staff member who attached it (`name (sub)`); never shown publicly.' }),
  caseId: z.optional(z.string()),
});
export const StaffCommentSchema = doc(
  z.strictObject({
    ...FeedbackOn,
    rating: Rating,
    comment: doc(z.string(), { description: 'The text as stored: personal data already masked.' }),
    commentStatus: CommentStatus,
    recordedAt: z.iso.datetime(),
    since: doc(z.iso.datetime(), {
      description: 'When it entered its status (the queue, or was last rejected or hidden).',
    }),
    queueReason: doc(z.nullable(z.enum(['new', 'flagged'])), {
      description:
        'Why it waits for a monitor: `new` (pending), `flagged` (under review after citizens’ flags); null when it does not.',
    }),
    flagCount: doc(z.number().check(z.int()), {
      description: 'Flags of distinct citizens since it was last approved or kept.',
    }),
    underReview: doc(z.boolean(), {
      description:
        'Published and sent for review by citizens’ flags: public, marked under review, in the queue until a monitor keeps it (`publish`) or hides it.',
    }),
    piiMasked: doc(z.record(z.string(), z.number().check(z.int())), {
      description: 'How many of each kind of personal data were masked.',
    }),
    replies: z.array(StaffReply),
    fraud: z.boolean(),
  }),
  {
    id: 'StaffComment',
    description: 'A comment as a moderator sees it: the masked text and what moderation needs, never the voter.',
  },
);
export const CommentQueue = z.strictObject({
  status: z.enum(['pending', 'rejected', 'hidden', 'published']),
  items: z.array(StaffCommentSchema),
  nextCursor: z.nullable(z.string()),
});

export const ModerationResult = doc(
  z.strictObject({
    feedbackId: z.string(),
    action: z.enum(['publish', 'reject', 'hide']),
    from: z.string(),
    to: z.string(),
    changed: doc(z.boolean(), { description: 'False when the comment already had that status (a repeated request).' }),
  }),
  { id: 'ModerationResult', description: 'A comment’s status before and after a moderation step.' },
);
export const BulkModerationResult = z.strictObject({
  results: z.array(
    z.union([
      z.extend(ModerationResult, { outcome: z.literal('done') }),
      z.strictObject({
        feedbackId: z.string(),
        action: z.enum(['publish', 'reject', 'hide']),
        outcome: z.literal('failed'),
        problem: z.enum(['not-found', 'invalid-state', 'conflict']),
        detail: z.string(),
      }),
    ]),
  ),
  done: z.number().check(z.int()),
  failed: z.number().check(z.int()),
});
export const ReplyResult = z.strictObject({
  feedbackId: z.string(),
  commentStatus: CommentStatus,
  reply: z.strictObject({ department: z.string(), text: z.string(), publishedAt: z.iso.datetime() }),
  public: doc(z.boolean(), { description: 'Whether the reply is shown now: only under a published comment.' }),
  caseId: doc(z.nullable(z.string()), {
    description: 'The case the comment opened, whose reply step this was; null for a comment without a case.',
  }),
});

export const StaffCase = doc(z.extend(z.omit(FollowUpCase, { voterId: true }), { dueState: DueState }), {
  id: 'StaffCase',
  description: 'A 差评 case as monitors see it: every step with who took it, the deadlines, the reply; not the voter.',
});
doc(CaseEvent, {
  id: 'CaseEvent',
  description:
    'One step of a case: when, by whom (`name (sub)`, `citizen` or `system`), from and to which status, with its note.',
});
export const CasePage = z.strictObject({
  view: z.enum(['active', 'overdue', 'due-soon', 'closed']),
  items: z.array(StaffCase),
  nextCursor: z.nullable(z.string()),
});
/** Documented once: monitors see a case's entries, administrators the whole log (admin-schemas.ts). */
export const AuditEntryModel = doc(AuditEntry, {
  id: 'AuditEntry',
  description:
    'One entry of the audit log: who did what to which subject, when and why. `details` is JSON text. `reason` is a person’s words, or a code when gongping writes it: `opened-by-sweep` (`case.open`), `flags-reached-threshold` (`comment.review`, with `flags` and `threshold` in the details); entries from before the codes keep an English sentence.',
});
export const CaseDetail = z.extend(StaffCase, {
  comment: z.nullable(
    z.strictObject({ text: z.nullable(z.string()), status: CommentStatus, replies: z.array(StaffReply) }),
  ),
  audit: z.array(AuditEntryModel),
});
export const ReconcileResult = z.strictObject({
  checked: z.number().check(z.int()),
  opened: doc(z.array(z.string()), { description: 'Ids of the cases this opened (those missing).' }),
});
