import * as z from 'zod/mini';
import { CommentStatus, Rating } from '../feedback/rating.js';
import { FeedbackRecord, type PublishedComment } from '../feedback/record.js';
import { TargetId, TargetType } from '../feedback/target.js';
import { Observation } from '../plan/observation.js';
import {
  Category,
  Cell,
  GrowthTarget,
  HistoryRow,
  Indicator,
  NumericGoal,
  Project,
  ProjectStatus,
  Provenance,
  StretchTarget,
} from '../plan/schema.js';
import type { IndicatorDetailView, IndicatorView as IndicatorViewType } from '../plan/views.js';
import type {
  AssessmentNote,
  AssessmentReason,
  ProgressAssessment as ProgressAssessmentType,
  ProgressMethod,
} from '../progress/assessment.js';
import type {
  PeriodSummaries,
  ScopeSummary as ScopeSummaryType,
  SeriesPoint as SeriesPointType,
} from '../ratings/documents.js';
import type { RatingSummary as RatingSummaryType } from '../ratings/statistics.js';
import type { RatingBrief as RatingBriefType } from '../ratings/views.js';
import type { PlanSummary } from '../store/plan-repository.js';
import { AuditEntry } from '../audit/entry.js';
import { PlanStatus } from '../plan/lifecycle.js';
import { Role } from '../auth/roles.js';
import { CaseEvent, CaseStatus, FollowUpCase, type CitizenCaseView } from '../cases/case.js';
import { PII_KINDS } from '../moderation/pii.js';
import type { submissionNotice } from '../feedback/submit.js';
import type { CaseStats } from '../cases/stats.js';
import type { ModerationOutcome } from '../moderation/moderate.js';
import { ProgressRevision } from '../plan/progress.js';
import type { StaffComment } from '../moderation/store.js';
import { doc } from './registry.js';
import { ProgressStatusFilter } from './schemas.js';

/**
 * The response shapes of the API, modelled with zod so that the OpenAPI document describes them
 * exactly. The routes do not validate what they send (that would cost every request); instead the
 * type checks at the end of this file fail to compile when a view and its model drift apart, and
 * tests/integration/openapi.test.ts validates real responses against these models.
 */

// ---------------------------------------------------------------------------------------------
// The plan as data: schemas of shared/plan, documented where they are.

doc(Cell, {
  id: 'Cell',
  description:
    'A cell of the plan’s tables as printed: a `number` (with the text it was read from in `raw`), a `qualitative` statement (完成市下达目标), or `missing` (“-”, “--”, empty). gongping never turns the last two into numbers.',
});
doc(Provenance, {
  id: 'Provenance',
  description: 'Where in the plan an item was read from: the box (专栏), its row (序号) or footnote.',
});
doc(GrowthTarget, {
  id: 'GrowthTarget',
  description: 'An annual growth target, e.g. 年均增长不低于7% → `{percent: 7, atLeast: true}`.',
});
doc(StretchTarget, { id: 'StretchTarget', description: 'A stretch goal of the plan’s footnote 3 (the “852” goals).' });
doc(Indicator, { id: 'Indicator', description: 'One of the plan’s main indicators (专栏3) as defined in the plan.' });
doc(HistoryRow, {
  id: 'HistoryRow',
  description: 'A row of 专栏1: the 13th plan’s target, the 2015 and 2020 actuals and the completion remark.',
});
doc(NumericGoal, {
  id: 'NumericGoal',
  description: 'A number a project promises (area, capacity, count), with the text it was read from.',
});
doc(Project, { id: 'Project', description: 'A project or measure named in one of the plan’s boxes.' });
doc(Observation, {
  id: 'Observation',
  description:
    'One published yearly value of an indicator. Append-only: a correction is a new revision of the same year, saying who made it, when and why; the highest revision is current.',
});

// ---------------------------------------------------------------------------------------------
// Progress status (shared/progress/status.ts)

const REASONS = [
  'qualitative-target',
  'missing-target',
  'no-base',
  'no-observation-after-base',
  'growth-target-needs-positive-base',
  'target-met',
  'maintain-missed',
  'floor-missed',
  'floor-met',
  'ratio',
  'ratio-capped-at-target-year',
] as const satisfies readonly AssessmentReason[];
const NOTES = [
  'duplicate-years-last-wins',
  'invalid-observations-ignored',
  'observations-outside-period-ignored',
  'baseline-year-observation-differs',
  'linear-fallback-non-positive-base',
  'linear-fallback-non-positive-target',
  'observed-value-not-positive',
  'no-improvement-required',
] as const satisfies readonly AssessmentNote[];
const METHODS = ['compound', 'linear', 'percentage-point', 'annual-floor'] as const satisfies readonly ProgressMethod[];

const YearValue = z.strictObject({ year: z.number().check(z.int()), value: z.number() });

export const ProgressAssessment = doc(
  z.strictObject({
    status: ProgressStatusFilter,
    reason: doc(z.enum(REASONS), { description: 'Why this status, as a stable code (docs/status-method.md).' }),
    method: z.nullable(z.enum(METHODS)),
    base: z.nullable(
      z.strictObject({
        year: z.number().check(z.int()),
        value: z.number(),
        source: z.enum(['baseline', 'first-observation', 'cumulative-zero']),
      }),
    ),
    target: z.nullable(
      z.strictObject({ year: z.number().check(z.int()), value: z.nullable(z.number()), implied: z.boolean() }),
    ),
    latest: z.nullable(YearValue),
    required: z.nullable(z.number()),
    observed: z.nullable(z.number()),
    ratio: z.nullable(z.number()),
    expectedAtLatest: z.nullable(z.number()),
    thresholds: z.strictObject({ onTrack: z.literal(0.95), needsAcceleration: z.literal(0.6) }),
    notes: z.array(z.enum(NOTES)),
    growthCheck: z.optional(
      z.strictObject({
        requiredPercent: z.number(),
        observedPercent: z.nullable(z.number()),
        met: z.nullable(z.boolean()),
      }),
    ),
  }),
  {
    id: 'ProgressAssessment',
    description:
      'The computed status of an indicator and the numbers it came from: observed over required change per year, banded at 0.95 and 0.60 (docs/status-method.md).',
  },
);

// ---------------------------------------------------------------------------------------------
// Ratings (shared/ratings)

export const Proportion = doc(z.strictObject({ share: z.number(), lower: z.number(), upper: z.number() }), {
  id: 'Proportion',
  description: 'A share in [0, 1] with its 95% Wilson score interval.',
});

export const RatingBrief = doc(
  z.strictObject({
    count: z.number().check(z.int()),
    mean: z.nullable(z.number()),
    satisfaction: z.nullable(Proportion),
    bayesianMean: z.nullable(z.number()),
    rank: z.nullable(z.number().check(z.int())),
    tooFewToRank: z.boolean(),
  }),
  {
    id: 'RatingBrief',
    description: 'The all-time rating numbers a list row shows. `count` 0 and nulls when nobody has rated yet.',
  },
);

const Histogram = doc(
  z.tuple([
    z.number().check(z.int()),
    z.number().check(z.int()),
    z.number().check(z.int()),
    z.number().check(z.int()),
    z.number().check(z.int()),
  ]),
  {
    description: 'Counts of levels 1 (非常不满意) … 5 (非常满意), in that order.',
  },
);

export const RatingSummary = z.strictObject({
  count: z.number().check(z.int()),
  histogram: Histogram,
  mean: z.nullable(z.number()),
  satisfaction: doc(z.nullable(Proportion), { description: '满意率: the share of 4 and 5.' }),
  dissatisfaction: doc(z.nullable(Proportion), { description: '差评率: the share of 1 and 2.' }),
  bayesianMean: doc(z.nullable(z.number()), {
    description:
      'The mean pulled towards the period’s plan-wide mean, as if `prior.weight` ratings at `prior.mean` had been added.',
  }),
  tooFewToRank: z.boolean(),
  change: doc(
    z.nullable(
      z.strictObject({
        count: z.number().check(z.int()),
        mean: z.nullable(z.number()),
        satisfaction: z.nullable(z.number()),
      }),
    ),
    {
      description: 'Against the previous period of the same length; null for all-time.',
    },
  ),
  comments: z.strictObject({
    pending: z.number().check(z.int()),
    published: z.number().check(z.int()),
    rejected: z.number().check(z.int()),
    hidden: z.number().check(z.int()),
    total: z.number().check(z.int()),
  }),
});

export const ScopeSummary = doc(
  z.extend(RatingSummary, {
    scope: doc(z.string(), {
      description: '`indicator#{id}`, `project#{id}`, `category#{category}` or `plan#{planId}`.',
    }),
    kind: z.enum(['target', 'category', 'plan']),
    targetType: z.optional(TargetType),
    targetId: z.optional(z.string()),
    category: z.optional(z.string()),
    rank: doc(z.nullable(z.number().check(z.int())), {
      description:
        'Competition rank by Bayesian mean among scopes of the same kind with enough ratings; null otherwise.',
    }),
  }),
  {
    id: 'ScopeSummary',
    description: 'The published rating summary of a target, a category or the plan in one period.',
  },
);

const Prior = z.nullable(z.strictObject({ mean: z.number(), weight: z.number() }));

export const TargetRatings = doc(
  z.strictObject({
    period: z.string(),
    version: z.number().check(z.int()),
    minRatings: z.number().check(z.int()),
    prior: Prior,
    summary: ScopeSummary,
  }),
  {
    id: 'TargetRatings',
    description:
      'A target’s published rating summary in a period. `version` is the aggregation run that published it (0: nothing published yet).',
  },
);

const RatingsBase = {
  period: z.string(),
  version: z.number().check(z.int()),
  minRatings: z.number().check(z.int()),
  prior: Prior,
};
export const RatingsOverview = doc(
  z.discriminatedUnion('group', [
    z.strictObject({ ...RatingsBase, group: z.literal('plan'), plan: ScopeSummary, ranking: z.array(ScopeSummary) }),
    z.strictObject({ ...RatingsBase, group: z.literal('category'), categories: z.array(ScopeSummary) }),
  ]),
  {
    id: 'RatingsOverview',
    description: 'The plan-wide summary and the ranking of every rated target, or one summary per category.',
  },
);

export const SeriesPoint = doc(
  z.strictObject({
    period: z.string(),
    count: z.number().check(z.int()),
    histogram: Histogram,
    mean: z.nullable(z.number()),
    satisfaction: z.nullable(Proportion),
    dissatisfaction: z.nullable(Proportion),
  }),
  { id: 'SeriesPoint', description: 'One year or month of a scope’s ratings.' },
);

export const RatingSeries = doc(
  z.strictObject({ target: z.string(), granularity: z.enum(['month', 'year']), points: z.array(SeriesPoint) }),
  { id: 'RatingSeries', description: 'A scope’s ratings over time, oldest first.' },
);

// ---------------------------------------------------------------------------------------------
// The plan, its indicators and projects (shared/plan/views.ts)

/** What the public sees of a report: no names (who reported is kept in the revision and the audit log). */
const ProgressReportView = z.strictObject({
  revision: z.number().check(z.int(), z.gte(1)),
  note: z.string(),
  source: z.nullable(z.string()),
  recordedAt: z.iso.datetime(),
});
const ProgressHistoryEntry = z.strictObject({
  revision: z.number().check(z.int(), z.gte(1)),
  status: ProjectStatus,
  progress: z.number(),
  note: z.string(),
  source: z.nullable(z.string()),
  reason: z.string(),
  recordedAt: z.iso.datetime(),
});

const StatusCounts = doc(z.record(ProgressStatusFilter, z.number().check(z.int())), {
  description: 'How many indicators have each status.',
});

/** `GET /plans`: the plans citizens may see, the current one first. */
export const PlanList = doc(
  z.strictObject({
    items: z.array(
      z.strictObject({
        id: z.string(),
        titleZh: z.string(),
        titleEn: z.string(),
        district: z.string(),
        periodStart: z.number().check(z.int()),
        periodEnd: z.number().check(z.int()),
        status: PlanStatus,
        current: z.boolean(),
        href: z.string(),
      }),
    ),
    count: z.number().check(z.int()),
    current: z.nullable(z.string()),
  }),
  {
    id: 'PlanList',
    description: 'The plans citizens may see (never a draft), the current one first, then the newest.',
  },
);

export const PlanView = doc(
  z.strictObject({
    id: z.string(),
    titleZh: z.string(),
    titleEn: z.string(),
    district: z.string(),
    periodStart: z.number().check(z.int()),
    periodEnd: z.number().check(z.int()),
    baselineYear: z.number().check(z.int()),
    source: z.strictObject({ document: z.string(), sha256: z.string() }),
    /** draft (staff only), published (citizens see and rate it) or closed (readable, no more ratings). */
    status: PlanStatus,
    categories: z.array(
      z.strictObject({
        id: Category,
        nameEn: z.string(),
        indicators: z.number().check(z.int()),
        binding: z.number().check(z.int()),
        statuses: StatusCounts,
      }),
    ),
    counts: z.strictObject({
      indicators: z.number().check(z.int()),
      binding: z.number().check(z.int()),
      expected: z.number().check(z.int()),
      statuses: StatusCounts,
      projects: z.number().check(z.int()),
      projectStatuses: z.record(
        z.enum(['not_started', 'in_progress', 'completed', 'unknown']),
        z.number().check(z.int()),
      ),
      historyRows: z.number().check(z.int()),
    }),
  }),
  {
    id: 'Plan',
    description: 'The plan: title, period, source document and its hash, categories with indicator and status counts.',
  },
);

const ObservationPoint = z.pick(Observation, {
  year: true,
  value: true,
  revision: true,
  recordedAt: true,
  source: true,
});

export const IndicatorView = doc(
  z.extend(Indicator, {
    observations: doc(z.array(ObservationPoint), {
      description: 'The current value of each year (highest revision), oldest first.',
    }),
    latest: z.nullable(YearValue),
    progress: ProgressAssessment,
    ratings: RatingBrief,
  }),
  {
    id: 'IndicatorView',
    description: 'An indicator with its current yearly values, its computed progress status and its all-time ratings.',
  },
);

export const IndicatorDetail = doc(
  z.extend(IndicatorView, {
    historyRows: doc(z.array(HistoryRow), {
      description: 'The 专栏1 rows of the 13th plan that track the same quantity.',
    }),
    revisions: doc(z.array(Observation), {
      description: 'Every revision of every year, corrections included, oldest first.',
    }),
  }),
  { id: 'IndicatorDetail', description: 'One indicator with its 13th-plan history and every revision of its values.' },
);

export const IndicatorList = z.strictObject({ items: z.array(IndicatorView), count: z.number().check(z.int()) });

export const ProjectView = doc(
  z.extend(Project, {
    ratings: RatingBrief,
    progressReport: doc(z.nullable(ProgressReportView), {
      description:
        'The current progress report of a publisher (its status and progress are the project’s); null until the first.',
    }),
    progressHistory: doc(z.array(ProgressHistoryEntry), {
      description: 'Every progress report, corrections included, oldest first.',
    }),
  }),
  { id: 'ProjectView', description: 'A project with its reported progress and its all-time ratings.' },
);
export const ProjectList = z.strictObject({ items: z.array(ProjectView), count: z.number().check(z.int()) });

// ---------------------------------------------------------------------------------------------
// Feedback

export const PublishedCommentSchema = doc(
  z.strictObject({
    feedbackId: z.string(),
    planId: doc(z.string(), { description: 'The plan whose target this is (`/api/v1/plans` lists them).' }),
    targetType: TargetType,
    targetId: TargetId,
    rating: Rating,
    comment: z.string(),
    recordedAt: z.iso.datetime(),
    publishedAt: z.iso.datetime(),
    replies: doc(z.array(z.strictObject({ department: z.string(), text: z.string(), publishedAt: z.iso.datetime() })), {
      description: 'Official replies, oldest first: the department that answered (never a person), what and when.',
    }),
    underReview: doc(z.boolean(), {
      description:
        'Enough citizens flagged it that a monitor will review it (复核中). It stays published until a monitor keeps it (the mark goes) or hides it; flags alone never take a comment down.',
    }),
  }),
  {
    id: 'PublishedComment',
    description:
      'A comment a moderator published, with the rating it came with. Nothing about the person who wrote it.',
  },
);

export const CommentsPage = doc(
  z.strictObject({
    items: z.array(PublishedCommentSchema),
    nextCursor: doc(z.nullable(z.string()), {
      description: 'Pass as `cursor` for the next page; null on the last page.',
    }),
  }),
  { id: 'CommentsPage', description: 'Published comments of a target, newest first.' },
);

export const FeedbackResult = doc(
  z.strictObject({
    feedbackId: z.string(),
    planId: doc(z.string(), { description: 'The plan whose target this is (`/api/v1/plans` lists them).' }),
    targetType: TargetType,
    targetId: TargetId,
    year: doc(z.number().check(z.int()), {
      description: 'The calendar year (China Standard Time) the rating counts in.',
    }),
    rating: Rating,
    status: z.literal('recorded'),
    commentStatus: CommentStatus,
    replaced: doc(z.boolean(), {
      description: 'Whether this rating replaced the voter’s earlier rating of the same target in the same year.',
    }),
    replacedFeedbackId: z.nullable(z.string()),
    recordedAt: z.iso.datetime(),
    personalDataMasked: doc(
      z.partialRecord(
        doc(z.enum(PII_KINDS), {
          id: 'PersonalDataKind',
          description:
            'A kind of personal data found and masked in comments: resident identity number, bank card number, e-mail address, telephone number, street address.',
        }),
        z.number().check(z.int(), z.minimum(1)),
      ),
      {
        description:
          'How many pieces of personal data of each kind were found in the comment and replaced by a placeholder (【已隐去：电话】…) before it was stored; `{}` when none. The original text is kept nowhere, so it cannot be returned.',
        examples: [{ phone: 1 }],
      },
    ),
    followUpCase: doc(
      z.nullable(
        z.strictObject({
          caseId: z.string(),
          status: CaseStatus,
          openedAt: z.iso.datetime(),
          dueAt: z.iso.datetime(),
          deadlineWorkingDays: z.number().check(z.int()),
        }),
      ),
      {
        description:
          'The 差评 follow-up case this rating opened (a rating of 1 or 2 with a comment opens one): an official reply is due by `dueAt`, `deadlineWorkingDays` working days after it opened. Follow it with `GET /api/v1/me/cases`. Null when none was opened.',
      },
    ),
  }),
  {
    id: 'FeedbackResult',
    description: 'The recorded rating. The voter token comes in the `X-Voter-Token` header and the `gp_voter` cookie.',
  },
);

export const MyFeedback = doc(
  z.strictObject({
    items: z.array(
      // What a voter sees of their own record: the record's fields, never the voter id or its place.
      z.extend(
        z.pick(FeedbackRecord, {
          feedbackId: true,
          planId: true,
          targetType: true,
          targetId: true,
          year: true,
          rating: true,
          comment: true,
          commentStatus: true,
          recordedAt: true,
        }),
        { firstRecordedAt: z.iso.datetime(), revisions: z.number().check(z.int()) },
      ),
    ),
  }),
  {
    id: 'MyFeedback',
    description: 'The caller’s current ratings (one per target and year) and the moderation status of their comments.',
  },
);
doc(CommentStatus, {
  id: 'CommentStatus',
  description: '`none` (no comment), `pending` (awaiting moderation), `published`, `rejected` or `hidden`.',
});

export const Health = z.strictObject({ status: z.literal('ok'), plan: z.string(), time: z.iso.datetime() });

export const Problem = doc(
  z.looseObject({
    type: doc(z.string(), {
      description: 'A stable URN per kind of problem, `urn:gongping:problem:{kind}`; switch on this.',
    }),
    title: z.string(),
    status: z.number().check(z.int()),
    instance: doc(z.string(), { description: 'The path that was requested.' }),
    detail: doc(z.optional(z.string()), { description: 'For people; may change.' }),
    errors: doc(z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))), {
      description: 'Every invalid field of a `validation-failed` problem.',
    }),
  }),
  { id: 'Problem', description: 'An RFC 9457 problem document: every error answer of the API, never a stack trace.' },
);

// ---------------------------------------------------------------------------------------------
// Compile-time checks: each model says exactly what its view is. A view that gains, loses or
// changes a field fails `npm run typecheck` here until its model follows.

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameKeys<A, B> = Same<keyof A, keyof B>;
type Assert<T extends true> = T;
type SubmissionNotice = ReturnType<typeof submissionNotice>;

export type ResponseModelChecks = [
  Assert<Same<z.infer<typeof ProgressAssessment>, ProgressAssessmentType>>,
  Assert<Same<z.infer<typeof RatingBrief>, RatingBriefType>>,
  Assert<SameKeys<z.infer<typeof RatingSummary>, RatingSummaryType>>,
  Assert<SameKeys<z.infer<typeof ScopeSummary>, ScopeSummaryType>>,
  Assert<z.infer<typeof ScopeSummary> extends ScopeSummaryType ? true : false>,
  Assert<SameKeys<z.infer<typeof SeriesPoint>, SeriesPointType>>,
  Assert<SameKeys<Omit<z.infer<typeof IndicatorView>, 'ratings'>, IndicatorViewType>>,
  Assert<Omit<z.infer<typeof IndicatorView>, 'ratings'> extends IndicatorViewType ? true : false>,
  Assert<SameKeys<Omit<z.infer<typeof IndicatorDetail>, 'ratings'>, IndicatorDetailView>>,
  Assert<
    SameKeys<
      Omit<z.infer<typeof PlanView>, 'categories' | 'counts'>,
      Omit<PlanSummary, 'contentHash' | 'loadedBy' | 'categories'>
    >
  >,
  Assert<SameKeys<z.infer<typeof PublishedCommentSchema>, PublishedComment>>,
  Assert<
    SameKeys<NonNullable<z.infer<typeof FeedbackResult>['followUpCase']>, NonNullable<SubmissionNotice['followUpCase']>>
  >,
  Assert<z.infer<typeof PublishedCommentSchema> extends PublishedComment ? true : false>,
  Assert<
    SameKeys<
      Pick<PeriodSummaries, 'period' | 'version' | 'minRatings' | 'prior'>,
      Omit<z.infer<typeof TargetRatings>, 'summary'>
    >
  >,
];

// ---------------------------------------------------------------------------------------------
// Moderation, the 差评 case loop, publishing and administration

doc(Role, {
  id: 'Role',
  description:
    'A staff role, from the Cognito group of the same name: `monitor` (moderation, replies, cases), `publisher` (values and progress), `admin` (everything, fraud marks, audit).',
});
doc(CaseStatus, {
  id: 'CaseStatus',
  description:
    'open → verifying (核实) → rectifying (整改) → replied (答复) → closed (办结); a citizen unsatisfied with the reply makes it disputed.',
});
const DueStateSchema = doc(z.enum(['overdue', 'due-soon', 'on-time', 'awaiting-citizen', 'closed']), {
  id: 'DueState',
  description:
    'How the deadline stands now: overdue, due within three working days, on time, replied and awaiting the citizen, or closed.',
});

export const FlagResult = z.strictObject({
  feedbackId: z.string(),
  flagged: z.literal(true),
  alreadyFlagged: doc(z.boolean(), {
    description: 'This voter had flagged it already; counted once. How many flagged it is never disclosed.',
  }),
});

const CitizenCase = doc(
  z.strictObject({
    caseId: z.string(),
    feedbackId: z.string(),
    targetType: TargetType,
    targetId: TargetId,
    rating: Rating,
    status: CaseStatus,
    department: z.nullable(z.string()),
    openedAt: z.iso.datetime(),
    dueAt: z.nullable(z.iso.datetime()),
    firstDueAt: z.iso.datetime(),
    dueState: DueStateSchema,
    reply: z.nullable(z.strictObject({ department: z.string(), text: z.string(), at: z.iso.datetime() })),
    satisfaction: z.nullable(z.enum(['satisfied', 'unsatisfied'])),
    canRateReply: z.boolean(),
    steps: z.array(z.strictObject({ at: z.iso.datetime(), action: CaseEvent.shape.action, status: CaseStatus })),
  }),
  {
    id: 'CitizenCase',
    description:
      'A 差评 case as the citizen whose rating opened it sees it: its steps and the official reply, not who in the office did what.',
  },
);
export const MyCases = z.strictObject({ items: z.array(CitizenCase) });
export { CitizenCase };

const CaseStatsRow = doc(
  z.strictObject({
    key: doc(z.nullable(z.string()), {
      description:
        '`indicator:gdp` or `project:…` by target; the department (null: unassigned) by department; null overall.',
    }),
    cases: z.number().check(z.int()),
    answered: z.number().check(z.int()),
    answeredOnTime: z.number().check(z.int()),
    overdue: z.number().check(z.int()),
    onTimeShare: z.nullable(z.number()),
    medianDays: z.nullable(z.number()),
    medianWorkingDays: z.nullable(z.number()),
    closed: z.number().check(z.int()),
    satisfied: z.number().check(z.int()),
    unsatisfied: z.number().check(z.int()),
  }),
  {
    id: 'CaseStats',
    description:
      'How many 差评 cases were answered, how many on time, and how fast (median calendar and working days to the first reply).',
  },
);
export const CaseStatsAnswer = doc(
  z.strictObject({
    group: z.enum(['target', 'department']),
    deadlineWorkingDays: z.number().check(z.int()),
    generatedAt: z.iso.datetime(),
    overall: z.nullable(CaseStatsRow),
    items: z.array(CaseStatsRow),
  }),
  {
    id: 'CaseStatsAnswer',
    description:
      'Answer statistics of the 差评 cases: overall and per target or department. Nothing about the people who rated, no texts.',
  },
);

export const StaffMe = z.strictObject({
  sub: z.string(),
  name: z.string(),
  roles: z.array(Role),
  tokenUse: z.enum(['id', 'access']),
});

const StaffReply = z.strictObject({
  replyId: z.string(),
  department: z.string(),
  text: z.string(),
  publishedAt: z.iso.datetime(),
  by: doc(z.string(), { description: 'The staff member who attached it (`name (sub)`); never shown publicly.' }),
  caseId: z.optional(z.string()),
});
const StaffCommentSchema = doc(
  z.strictObject({
    feedbackId: z.string(),
    planId: doc(z.string(), { description: 'The plan whose target this is (`/api/v1/plans` lists them).' }),
    targetType: TargetType,
    targetId: TargetId,
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
});

export const StaffCase = doc(z.extend(z.omit(FollowUpCase, { voterId: true }), { dueState: DueStateSchema }), {
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
doc(AuditEntry, {
  id: 'AuditEntry',
  description: 'One entry of the audit log: who did what to which subject, when and why. `details` is JSON text.',
});
export const CaseDetail = z.extend(StaffCase, {
  comment: z.nullable(
    z.strictObject({ text: z.nullable(z.string()), status: CommentStatus, replies: z.array(StaffReply) }),
  ),
  audit: z.array(AuditEntry),
});
export const ReconcileResult = z.strictObject({
  checked: z.number().check(z.int()),
  opened: doc(z.array(z.string()), { description: 'Ids of the cases this opened (those missing).' }),
});

export const ObservationPublished = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('unchanged'), observation: Observation }),
  z.strictObject({ outcome: z.enum(['new', 'correction']), observation: Observation, progress: ProgressAssessment }),
]);
doc(ProgressRevision, {
  id: 'ProgressRevision',
  description: 'A publisher’s progress report of a project: a new revision each time, with who, when and why.',
});
export const ProgressPublished = z.strictObject({
  revision: ProgressRevision,
  project: z.omit(ProjectView, { ratings: true }),
});
export const ObservationImportResult = z.strictObject({
  dryRun: z.boolean(),
  rows: z.number().check(z.int()),
  new: z.number().check(z.int()),
  corrections: z.number().check(z.int()),
  unchanged: z.number().check(z.int()),
});
export const ProgressImportResult = z.strictObject({
  dryRun: z.boolean(),
  rows: z.number().check(z.int()),
  reports: z.number().check(z.int()),
  unchanged: z.number().check(z.int()),
});

export const FraudResult = z.strictObject({
  feedbackId: z.string(),
  marked: z.literal(true),
  alreadyMarked: z.boolean(),
  removedFromCounts: doc(z.boolean(), {
    description:
      'Whether the rating was counted and is now taken out of the published counts (at the next aggregation).',
  }),
});
export const AuditPage = z.strictObject({ items: z.array(AuditEntry), nextCursor: z.nullable(z.string()) });

export type StaffModelChecks = [
  Assert<SameKeys<z.infer<typeof StaffCommentSchema>, StaffComment>>,
  Assert<SameKeys<z.infer<typeof CaseStatsRow>, CaseStats>>,
  Assert<SameKeys<z.infer<typeof ModerationResult>, ModerationOutcome>>,
  Assert<SameKeys<z.infer<typeof CitizenCase>, CitizenCaseView>>,
];
