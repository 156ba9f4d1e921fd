import * as z from 'zod/mini';
import { FeedbackSubmission } from '../feedback/submit.js';
import { Rating } from '../feedback/rating.js';
import { TargetId, TargetType } from '../feedback/target.js';
import { Attribute, Category, IndicatorId, ProjectStatus } from '../plan/schema.js';
import { STATUSES } from '../plan/views.js';
import type { ProgressStatus } from '../progress/assessment.js';
import { PERIOD_PATTERN } from '../ratings/views.js';
import { FlagReason } from '../moderation/flags.js';
import { doc } from './registry.js';
import { FeedbackIdFormat } from '../feedback/feedback-id.js';

/**
 * The request schemas of the citizen API, and the ids and NoQuery every route uses: what the routes
 * validate query strings, path parameters and bodies with, and what scripts/build-openapi.ts turns
 * into the OpenAPI document. One instance each, so the document cannot describe anything the routes
 * do not enforce. The staff routes' own schemas are in ./staff-schemas.ts: every schema declared
 * here is built at the citizen function's cold start.
 */

// Domain schemas the requests use, documented where they are first named in the document.
doc(TargetType, {
  id: 'TargetType',
  description: 'What is rated: a plan indicator (指标) or a project or measure (项目).',
});
doc(TargetId, {
  id: 'TargetId',
  description: 'Id of an indicator or project: lower-case kebab-case, at most 80 characters.',
  examples: ['gdp'],
});
doc(IndicatorId, {
  id: 'IndicatorId',
  description: 'Id of one of the plan’s 31 main indicators (专栏3), kebab-case.',
  examples: ['gdp', 'pm25-concentration'],
});
doc(Category, {
  id: 'Category',
  description:
    'An indicator category, by its Chinese name as the plan prints it; each plan declares its own (`categories` of the plan).',
});
doc(Attribute, { id: 'Attribute', description: '`expected` = 预期性 (indicative), `binding` = 约束性 (obligatory).' });
doc(ProjectStatus, {
  id: 'ProjectStatus',
  description: 'Project status as reported by a publisher; `unknown` until one reports (the plan states none).',
});
doc(Rating, {
  id: 'Rating',
  description:
    'The 好差评 level (GB/T 39734-2020): 5 非常满意 very satisfied, 4 满意 satisfied, 3 基本满意 fairly satisfied, 2 不满意 dissatisfied, 1 非常不满意 very dissatisfied.',
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
  box: z.optional(
    doc(z.coerce.number().check(z.int(), z.gte(1), z.lte(25)), {
      description: 'The plan box (专栏) the project is listed in.',
      examples: [7],
    }),
  ),
  status: z.optional(ProjectStatus),
});

export const ProjectId = doc(z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(80)), {
  id: 'ProjectId',
  description: 'Id of a project or measure: its box and a short slug, kebab-case.',
});

/** `all`, a year (`2025`) or a month in China Standard Time (`2025-06`). */
export const Period = doc(
  z._default(z.string().check(z.regex(PERIOD_PATTERN, 'all, a year (2025) or a month (2025-06)')), 'all'),
  {
    description:
      'The rating period: `all` (all time), a calendar year (`2025`) or a month (`2025-06`), in China Standard Time.',
    examples: ['all', '2025', '2025-06'],
  },
);

/** `indicator:gdp`, `project:b07-…`, `category:经济质效`, `category:projects` or `plan`. */
export const SeriesTarget = doc(
  z.union([
    z.literal('plan'),
    z.templateLiteral(['indicator:', z.string()]),
    z.templateLiteral(['project:', z.string()]),
    z.templateLiteral(['category:', z.string()]),
  ]),
  {
    description:
      'Whose series: `plan`, `indicator:{id}`, `project:{id}`, `category:{category}` or `category:projects`.',
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
  .check(
    z.refine((q) => (q.targetType === undefined) === (q.targetId === undefined), 'targetType and targetId go together'),
  );

/** `GET /{indicators|projects}/{id}/comments` */
export const CommentsQuery = z.strictObject({
  limit: doc(z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20), {
    description: 'Comments per page.',
  }),
  cursor: doc(z.optional(z.string().check(z.minLength(1), z.maxLength(400))), {
    description: 'The `nextCursor` of the previous page, as given.',
  }),
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

// Flags and the 差评 case loop as citizens meet them (shared/http/api/routes/accountability.ts); the
// staff side of moderation, cases, publishing and administration is in ./staff-schemas.ts.

export const FeedbackId = doc(FeedbackIdFormat, {
  id: 'FeedbackId',
  description:
    'Id of a rating (and of its comment); a 差评 case has the id of the rating that opened it. `{shard}-{time recorded, UTC, yyyyMMddTHHmmssSSSZ}-{UUID}`; ratings recorded before December 2026 have a bare UUID.',
  examples: ['08-20261102T010300000Z-00000000-0000-4000-8000-000000000001'],
});
export const CaseId = FeedbackId;

export const FlagBody = z.strictObject({
  reason: doc(FlagReason, { description: 'Why the comment should not be shown.' }),
});
export const CaseStatsQuery = z.strictObject({
  group: doc(z._default(z.enum(['target', 'department']), 'target'), {
    description: 'One row per rated target, or per answering department.',
  }),
});
