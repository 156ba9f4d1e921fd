import * as z from 'zod/mini';
import { FeedbackSubmission } from '../feedback/submit.js';
import { Rating } from '../feedback/rating.js';
import { TargetId, TargetType } from '../feedback/target.js';
import { Attribute, Category, IndicatorId, ProjectStatus } from '../plan/schema.js';
import { STATUSES } from '../plan/views.js';
import type { ProgressStatus } from '../progress/status.js';
import { PERIOD_PATTERN } from '../ratings/views.js';
import { AuditAction } from '../audit/entry.js';
import { FlagReason, MODERATION_ACTIONS, type ModerationAction } from '../moderation/flags.js';
import { doc } from './registry.js';

/**
 * The request schemas of the API: what the routes validate query strings, path parameters and
 * bodies with, and what scripts/build-openapi.ts turns into the OpenAPI document. One instance
 * each, so the document cannot describe anything the routes do not enforce.
 */

// Domain schemas the requests use, documented where they are first named in the document.
doc(TargetType, { id: 'TargetType', description: 'What is rated: a plan indicator (指标) or a project or measure (项目).' });
doc(TargetId, { id: 'TargetId', description: 'Id of an indicator or project: lower-case kebab-case, at most 80 characters.', examples: ['gdp'] });
doc(IndicatorId, { id: 'IndicatorId', description: 'Id of one of the plan’s 31 main indicators (专栏3), kebab-case.', examples: ['gdp', 'pm25-concentration'] });
doc(Category, { id: 'Category', description: 'The plan’s six indicator categories, by their Chinese names as in 专栏3.' });
doc(Attribute, { id: 'Attribute', description: '`expected` = 预期性 (indicative), `binding` = 约束性 (obligatory).' });
doc(ProjectStatus, { id: 'ProjectStatus', description: 'Project status as reported by a publisher; `unknown` until one reports (the plan states none).' });
doc(Rating, {
  id: 'Rating',
  description: 'The 好差评 level (GB/T 39734-2020): 5 非常满意 very satisfied, 4 满意 satisfied, 3 基本满意 fairly satisfied, 2 不满意 dissatisfied, 1 非常不满意 very dissatisfied.',
});

/** A query string with no parameters at all: anything present is refused (400). */
export const NoQuery = doc(z.strictObject({}), { description: 'No query parameters are accepted.' });

export const ProgressStatusFilter = doc(z.enum(STATUSES as [ProgressStatus, ...ProgressStatus[]]), {
  id: 'ProgressStatus',
  description:
    'Computed progress status (docs/status-method.md): achieved 已实现, on_track 进展顺利, needs_acceleration 需加快, limited_progress 进展有限, deteriorating 倒退, not_assessable 无法评估.',
});

/** `GET /indicators` */
export const IndicatorFilter = z.strictObject({
  category: z.optional(Category),
  attribute: z.optional(Attribute),
  status: z.optional(ProgressStatusFilter),
});

/** `GET /projects` */
export const ProjectFilter = z.strictObject({
  box: z.optional(doc(z.coerce.number().check(z.int(), z.gte(1), z.lte(25)), { description: 'The plan box (专栏) the project is listed in.', examples: [7] })),
  status: z.optional(ProjectStatus),
});

export const ProjectId = doc(z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(80)), {
  id: 'ProjectId',
  description: 'Id of a project or measure: its box and a short slug, kebab-case.',
});

/** `all`, a year (`2025`) or a month in China Standard Time (`2025-06`). */
export const Period = doc(z._default(z.string().check(z.regex(PERIOD_PATTERN, 'all, a year (2025) or a month (2025-06)')), 'all'), {
  description: 'The rating period: `all` (all time), a calendar year (`2025`) or a month (`2025-06`), in China Standard Time.',
  examples: ['all', '2025', '2025-06'],
});

/** `indicator:gdp`, `project:b07-…`, `category:经济质效`, `category:projects` or `plan`. */
export const SeriesTarget = doc(
  z.union([
    z.literal('plan'),
    z.templateLiteral(['indicator:', z.string()]),
    z.templateLiteral(['project:', z.string()]),
    z.templateLiteral(['category:', z.string()]),
  ]),
  {
    description: 'Whose series: `plan`, `indicator:{id}`, `project:{id}`, `category:{category}` or `category:projects`.',
    examples: ['indicator:gdp', 'plan', 'category:生态文明'],
  },
);

/** `GET /{indicators|projects}/{id}/ratings` */
export const TargetRatingsQuery = z.strictObject({ period: Period });

/** `GET /ratings` */
export const RatingsQuery = z.strictObject({
  group: doc(z._default(z.enum(['category', 'plan']), 'plan'), {
    description: '`plan`: the plan-wide summary and the ranking of all targets; `category`: one summary per category.',
  }),
  period: Period,
});

/** `GET /ratings/series` */
export const SeriesQuery = z.strictObject({
  target: SeriesTarget,
  granularity: doc(z._default(z.enum(['month', 'year']), 'month'), { description: 'Monthly or yearly points.' }),
});

/** `GET /me/feedback` */
export const MeQuery = z
  .strictObject({ targetType: z.optional(TargetType), targetId: z.optional(TargetId) })
  .check(z.refine((q) => (q.targetType === undefined) === (q.targetId === undefined), 'targetType and targetId go together'));

/** `GET /{indicators|projects}/{id}/comments` */
export const CommentsQuery = z.strictObject({
  limit: doc(z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20), { description: 'Comments per page.' }),
  cursor: doc(z.optional(z.string().check(z.minLength(1), z.maxLength(400))), { description: 'The `nextCursor` of the previous page, as given.' }),
});

/** `POST /feedback`: defined beside the rules it feeds (shared/feedback/submit.ts), documented here. */
doc(FeedbackSubmission, {
  id: 'FeedbackSubmission',
  description:
    'A 好差评 rating of one indicator or project, with an optional comment. One rating per voter, target and calendar year (China Standard Time): a second one replaces the first.',
});
doc(FeedbackSubmission.shape.comment, {
  description:
    'Optional. Normalised to Unicode NFC, line breaks unified, control characters removed, trimmed; then at most 2,000 characters (code points). Stored pending until moderated; the rating counts whatever happens to the text.',
  examples: ['希望公布2024年数据'],
});
export { FeedbackSubmission };

/** Path parameters, by route. Malformed ids are answered 404, like unknown ones. */
export const IndicatorPath = z.strictObject({ id: IndicatorId });
export const ProjectPath = z.strictObject({ id: ProjectId });
export const TargetPath = z.strictObject({ id: TargetId });

// ---------------------------------------------------------------------------------------------
// Moderation, the 差评 case loop, publishing and administration: the request schemas of
// functions/api/routes/{accountability,monitor,publisher,admin}.ts, which validate with these very
// instances.

export const FeedbackId = doc(z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/)), {
  id: 'FeedbackId',
  description: 'Id of a rating (and of its comment); a 差评 case has the id of the rating that opened it.',
  examples: ['00000000-0000-4000-8000-000000000001'],
});
export const CaseId = FeedbackId;
export const FeedbackPath = z.strictObject({ feedbackId: FeedbackId });
export const CasePath = z.strictObject({ caseId: CaseId });

const Department = doc(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)), { description: 'The department (部门) that answers; never a person.' });
const Reason = z.string().check(z.trim(), z.minLength(1), z.maxLength(2000));
const ModerationActionSchema = doc(z.enum(Object.keys(MODERATION_ACTIONS) as [ModerationAction, ...ModerationAction[]]), {
  id: 'ModerationAction',
  description: '`publish` a pending comment (or one rejected or hidden), `reject` a pending one, `hide` a published one. Rejecting and hiding need a reason.',
});

export const FlagBody = z.strictObject({ reason: doc(FlagReason, { description: 'Why the comment should not be shown.' }) });
export const SatisfactionBody = z.strictObject({
  satisfied: doc(z.boolean(), { description: 'Whether the official reply satisfies the citizen; `false` reopens the case for review (disputed).' }),
  note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000))),
});
export const CaseStatsQuery = z.strictObject({
  group: doc(z._default(z.enum(['target', 'department']), 'target'), { description: 'One row per rated target, or per answering department.' }),
});

export const CommentQueueQuery = z
  .strictObject({
    status: doc(z._default(z.enum(['pending', 'rejected', 'hidden', 'published']), 'pending'), { description: 'Which comments: the moderation queue (`pending`) by default.' }),
    targetType: z.optional(TargetType),
    targetId: z.optional(TargetId),
    reason: doc(z.optional(z.enum(['new', 'flagged'])), { description: 'Pending because new, or sent back by citizens’ flags.' }),
    /** Only comments that have waited at least / at most this long in their status. */
    olderThanHours: doc(z.optional(z.coerce.number().check(z.gte(0), z.lte(24 * 3650))), { description: 'Only comments in their status for at least this many hours.' }),
    newerThanHours: doc(z.optional(z.coerce.number().check(z.gte(0), z.lte(24 * 3650))), { description: 'Only comments in their status for at most this many hours.' }),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
    cursor: doc(z.optional(z.string().check(z.minLength(1), z.maxLength(600))), { description: 'The `nextCursor` of the previous page, as given.' }),
  })
  .check(
    z.refine((q) => (q.targetType === undefined) === (q.targetId === undefined), 'targetType and targetId go together'),
    z.refine((q) => q.status !== 'published' || q.targetId !== undefined, 'published comments are listed per target: give targetType and targetId'),
  );

export const ModerationBody = z
  .strictObject({ action: ModerationActionSchema, reason: z.optional(Reason) })
  .check(z.refine((b) => b.action === 'publish' || b.reason !== undefined, { message: 'rejecting or hiding needs a reason', path: ['reason'] }));

export const BulkModerationBody = z.strictObject({
  items: z
    .array(
      z
        .strictObject({ feedbackId: FeedbackId, action: ModerationActionSchema, reason: z.optional(Reason) })
        .check(z.refine((b) => b.action === 'publish' || b.reason !== undefined, { message: 'rejecting or hiding needs a reason', path: ['reason'] })),
    )
    .check(z.minLength(1), z.maxLength(100)),
});

export const ReplyBody = z.strictObject({ department: Department, text: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)) });

export const StepBody = doc(
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('verify'), department: z.optional(Department), note: z.optional(Reason) }),
    z.strictObject({ action: z.literal('rectify'), note: Reason }),
    z.strictObject({ action: z.literal('reply'), department: Department, text: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)) }),
    z.strictObject({ action: z.literal('close'), note: Reason }),
    z.strictObject({ action: z.literal('assign'), department: Department, note: z.optional(Reason) }),
  ]),
  {
    id: 'CaseStep',
    description:
      'One step of a 差评 case: `verify` (核实, from open or disputed), `rectify` (整改, from verifying), `reply` (答复, from verifying or rectifying: also published as an official reply to the comment), `close` (办结, from replied or disputed), `assign` (to a department, while unfinished).',
  },
);

export const CasesQuery = z.strictObject({
  view: doc(z._default(z.enum(['active', 'overdue', 'due-soon', 'closed']), 'active'), { description: 'Unfinished cases (soonest deadline first), those overdue or due within three working days, or closed ones (most recent first).' }),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  cursor: doc(z.optional(z.string().check(z.minLength(1), z.maxLength(600))), { description: 'The `nextCursor` of the previous page, as given.' }),
});

export const ReconcileBody = z.strictObject({
  since: doc(z.iso.datetime(), { description: 'Look for 差评 with a comment recorded from this instant…' }),
  until: doc(z.optional(z.iso.datetime()), { description: '…to this one (default: now).' }),
});

export const ProgressBody = z.strictObject({
  status: ProjectStatus,
  progress: doc(z.number().check(z.gte(0), z.lte(100)), { description: 'Percent complete.' }),
  note: doc(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)), { description: 'What was done: shown on the public page.' }),
  source: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
  reason: doc(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000))), { description: 'Required for any report after the first: what changed or what it corrects.' }),
});
export const ImportQuery = z.strictObject({
  dryRun: doc(z._default(z.stringbool(), false), { description: 'Check the file and say what would change, writing nothing.' }),
});
export const AggregatesQuery = z.strictObject({
  period: doc(z._default(z.string().check(z.regex(PERIOD_PATTERN)), 'all'), { description: '`all`, a year (2026) or a month (2026-11).' }),
});

export const FraudBody = z.strictObject({ reason: z.string().check(z.trim(), z.minLength(10, 'document the case: at least 10 characters'), z.maxLength(1000)) });
export const AuditQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50),
  cursor: doc(z.optional(z.string().check(z.minLength(1), z.maxLength(400))), { description: 'The `nextCursor` of the previous page, as given.' }),
  since: z.optional(z.iso.datetime()),
  until: z.optional(z.iso.datetime()),
  action: z.optional(AuditAction),
  actor: doc(z.optional(z.string().check(z.minLength(1), z.maxLength(300))), { description: 'The `sub` of a staff member.' }),
});
export const AuditCsvQuery = z.omit(AuditQuery, { limit: true, cursor: true });
