import * as z from 'zod/mini';
import { PlanStatus } from '../plan/lifecycle.js';
import { Observation } from '../plan/observation.js';
import { SystemReason } from '../plan/revision-reason.js';
import * as plan from '../plan/schema.js';
import { ASSESSMENT_NOTES, ASSESSMENT_REASONS, PROGRESS_METHODS } from '../progress/assessment.js';
import { RatingBrief } from './rating-schemas.js';
import { doc } from './registry.js';
import { ProgressStatusFilter } from './schemas.js';

/**
 * What the Plan, Indicators and Projects operations answer: the plan, its indicators with their
 * computed progress, its projects with their reports (shared/plan/views.ts), modelled with zod so
 * that the OpenAPI document describes them exactly.
 */

// ---------------------------------------------------------------------------------------------
// The plan as data: schemas of shared/plan, documented where they are.

doc(plan.Cell, {
  id: 'Cell',
  description:
    'A cell of the plan’s tables as printed: a `number` (with the text it was read from in `raw`), a `qualitative` statement (完成市下达目标), or `missing` (“-”, “--”, empty). gongping never turns the last two into numbers.',
});
doc(plan.Provenance, {
  id: 'Provenance',
  description: 'Where in the plan an item was read from: the box (专栏), its row (序号) or footnote.',
});
doc(plan.GrowthTarget, {
  id: 'GrowthTarget',
  description: 'An annual growth target, e.g. 年均增长不低于7% → `{percent: 7, atLeast: true}`.',
});
doc(plan.StretchTarget, {
  id: 'StretchTarget',
  description: 'A stretch goal of the plan’s footnote 3 (the “852” goals).',
});
doc(plan.Indicator, {
  id: 'Indicator',
  description: 'One of the plan’s main indicators (专栏3) as defined in the plan.',
});
doc(plan.HistoryRow, {
  id: 'HistoryRow',
  description:
    'A row of the previous plan’s results table (the 14th plan’s 专栏1): its baseline, target and the value reached, each with the year the row states, and the completion remark.',
});
doc(plan.NumericGoal, {
  id: 'NumericGoal',
  description: 'A number a project promises (area, capacity, count), with the text it was read from.',
});
doc(plan.Project, { id: 'Project', description: 'A project or measure named in one of the plan’s boxes.' });
doc(Observation, {
  id: 'Observation',
  description:
    'One published yearly value of an indicator. Append-only: a correction is a new revision of the same year, saying who made it, when and why; the highest revision is current. `reason` is the publisher’s words, or one of gongping’s own reasons as a code (`first-publication`, `csv-publication`).',
});

/** A revision's reason as gongping's code, so a client words it in its own language. */
const ReasonCode = doc(z.nullable(SystemReason), {
  description:
    'gongping’s own reason for the revision as a code — `first-publication` (a year’s first value), `first-report` (a project’s first report), `csv-publication`, `csv-first-report`, `csv-update` (written by a CSV import) — also for revisions stored before the codes, whose `reason` is an English sentence; null when `reason` is a person’s words, to be shown as written.',
});

// ---------------------------------------------------------------------------------------------
// Progress status (shared/progress/status.ts)

const YearValue = z.strictObject({ year: z.number().check(z.int()), value: z.number() });

export const ProgressAssessment = doc(
  z.strictObject({
    status: ProgressStatusFilter,
    reason: doc(z.enum(ASSESSMENT_REASONS), {
      description: 'Why this status, as a stable code (docs/status-method.md).',
    }),
    method: z.nullable(z.enum(PROGRESS_METHODS)),
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
    /** the latest observation used: after the base year, up to and including the target year */
    latest: z.nullable(YearValue),
    /** per year: fraction (compound), indicator units (linear, percentage-point), or the floor itself (annual-floor) */
    required: z.nullable(z.number()),
    /** same unit as `required`; for annual-floor the mean of the yearly values after the base year */
    observed: z.nullable(z.number()),
    ratio: z.nullable(z.number()),
    /** the trajectory's value at the latest observed year (the floor, for annual-floor) */
    expectedAtLatest: z.nullable(z.number()),
    thresholds: z.strictObject({ onTrack: z.literal(0.95), needsAcceleration: z.literal(0.6) }),
    notes: z.array(z.enum(ASSESSMENT_NOTES)),
    /** present when the plan gives both a level target and an annual growth rate (e.g. GDP 650 and ≥ 7 %) */
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
  status: plan.ProjectStatus,
  progress: z.number(),
  note: z.string(),
  source: z.nullable(z.string()),
  reason: z.string(),
  reasonCode: ReasonCode,
  recordedAt: z.iso.datetime(),
});

const StatusCounts = doc(z.record(ProgressStatusFilter, z.number().check(z.int())), {
  description: 'How many indicators have each status.',
});

/** What names a plan, in the list of plans and at the head of its own answer. */
const PlanHeading = {
  id: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  district: z.string(),
  periodStart: z.number().check(z.int()),
  periodEnd: z.number().check(z.int()),
};

/** `GET /plans`: the plans citizens may see, the current one first. */
export const PlanList = doc(
  z.strictObject({
    items: z.array(
      z.strictObject({
        ...PlanHeading,
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
    ...PlanHeading,
    baselineYear: z.number().check(z.int()),
    source: z.strictObject({ document: z.string(), sha256: z.string() }),
    /** draft (staff only), published (citizens see and rate it) or closed (readable, no more ratings). */
    status: PlanStatus,
    categories: z.array(
      z.strictObject({
        id: plan.Category,
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
  z.extend(plan.Indicator, {
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
    historyRows: doc(z.array(plan.HistoryRow), {
      description: 'The rows of the previous plan’s results table that track the same quantity.',
    }),
    revisions: doc(z.array(z.extend(Observation, { reasonCode: ReasonCode })), {
      description: 'Every revision of every year, corrections included, oldest first.',
    }),
  }),
  {
    id: 'IndicatorDetail',
    description: 'One indicator with the previous plan’s results for it and every revision of its values.',
  },
);

export const IndicatorList = z.strictObject({ items: z.array(IndicatorView), count: z.number().check(z.int()) });

export const ProjectView = doc(
  z.extend(plan.Project, {
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
