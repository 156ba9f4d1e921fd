import { caseStats } from '../cases/stats.js';
import type { FollowUpCase } from '../cases/case.js';
import { cstDay, type WorkCalendar } from '../cases/working-days.js';
import { projectWithProgress, type ProgressRevision } from '../plan/progress.js';
import { ProjectStatus, type Attribute } from '../plan/schema.js';
import type { ScopeSummary } from '../ratings/documents.js';
import type { PlanSnapshot } from '../store/plan-repository.js';
import { evaluateIndicator, VERDICTS, type IndicatorEvaluation, type Verdict } from './indicators.js';

/**
 * The final evaluation of a plan (终期评估): every indicator against its target, how many were
 * achieved per category and per attribute, the projects by their last reported status, and the
 * citizens' verdict beside it. Pure: the caller reads the plan, the progress reports, the published
 * all-time summary and the plan's 差评 cases, and passes the time of reading.
 */

export type VerdictCounts = Record<Verdict, number> & { total: number };

export interface ProjectOutcome {
  projectId: string;
  box: number;
  titleZh: string;
  titleEn: string;
  status: ProjectStatus;
  progress: number;
  /** When the last progress report was recorded; null when nobody ever reported on the project. */
  reportedAt: string | null;
}

export interface CaseHandling {
  /** 差评 cases opened on the plan's targets. */
  cases: number;
  answeredOnTime: number;
  answeredLate: number;
  /** Not answered yet, past the deadline. */
  openOverdue: number;
  /** Not answered yet, still within the deadline. */
  openWithinDeadline: number;
  /** Closed without a reply (a case closed as a duplicate or withdrawn). */
  closedUnanswered: number;
  satisfied: number;
  unsatisfied: number;
}

export interface CitizensVerdict {
  /** The plan scope's all-time summary as published by the aggregation; null when nobody rated. */
  ratings: Pick<
    ScopeSummary,
    'count' | 'histogram' | 'mean' | 'satisfaction' | 'dissatisfaction' | 'tooFewToRank'
  > | null;
  cases: CaseHandling;
}

export interface PlanEvaluation {
  planId: string;
  titleZh: string;
  titleEn: string;
  periodStart: number;
  periodEnd: number;
  /** The time the evaluation was read at. */
  asOf: string;
  /** The plan's period has not ended (in China's calendar) and it is not closed: every figure may still change. */
  provisional: boolean;
  indicators: IndicatorEvaluation[];
  totals: VerdictCounts;
  /** Per category, in the plan's order, with the plan's English name of it. */
  byCategory: Array<{ category: string; nameEn: string; counts: VerdictCounts }>;
  byAttribute: Array<{ attribute: Attribute; counts: VerdictCounts }>;
  projects: { byStatus: Record<ProjectStatus, number>; items: ProjectOutcome[] };
  citizens: CitizensVerdict;
}

export interface EvaluationInput {
  snapshot: PlanSnapshot;
  progress: readonly ProgressRevision[];
  /** The published all-time summary of the plan scope (plan#id), or null before any rating. */
  planRatings: ScopeSummary | null;
  /** The 差评 cases of the plan's targets. */
  cases: readonly FollowUpCase[];
  now: Date;
  calendar: WorkCalendar;
}

function countVerdicts(rows: readonly IndicatorEvaluation[]): VerdictCounts {
  const counts = { total: rows.length, ...Object.fromEntries(VERDICTS.map((v) => [v, 0])) } as VerdictCounts;
  for (const row of rows) counts[row.verdict] += 1;
  return counts;
}

/** Rows grouped by a key, in the order the keys are given (the plan's order), each counted. */
function countedBy<K extends string>(
  rows: readonly IndicatorEvaluation[],
  keys: readonly K[],
  keyOf: (r: IndicatorEvaluation) => K,
) {
  return keys.map((key) => ({ key, counts: countVerdicts(rows.filter((r) => keyOf(r) === key)) }));
}

function caseHandling(cases: readonly FollowUpCase[], now: Date, calendar: WorkCalendar): CaseHandling {
  const stats = caseStats(cases, 'all', now, calendar)[0];
  if (!stats) {
    return {
      cases: 0,
      answeredOnTime: 0,
      answeredLate: 0,
      openOverdue: 0,
      openWithinDeadline: 0,
      closedUnanswered: 0,
      satisfied: 0,
      unsatisfied: 0,
    };
  }
  const closedUnanswered = cases.filter((c) => c.firstReplyAt === null && c.status === 'closed').length;
  return {
    cases: stats.cases,
    answeredOnTime: stats.answeredOnTime,
    answeredLate: stats.answered - stats.answeredOnTime,
    openOverdue: stats.overdue,
    openWithinDeadline: stats.cases - stats.answered - stats.overdue - closedUnanswered,
    closedUnanswered,
    satisfied: stats.satisfied,
    unsatisfied: stats.unsatisfied,
  };
}

export function evaluatePlan(input: EvaluationInput): PlanEvaluation {
  const { snapshot, now } = input;
  const { plan } = snapshot;
  const indicators = snapshot.indicators.map((i) => evaluateIndicator(i, snapshot.observations));
  // Categories in the plan's own order; one an indicator names but the plan does not list still counts.
  const categories = [...new Set([...plan.categories.map((c) => c.id), ...indicators.map((r) => r.category)])];
  const projects = snapshot.projects.map((p): ProjectOutcome => {
    const reported = projectWithProgress(p, input.progress);
    return {
      projectId: p.id,
      box: p.box,
      titleZh: p.titleZh,
      titleEn: p.titleEn,
      status: reported.status,
      progress: reported.progress,
      reportedAt: reported.progressReport?.recordedAt ?? null,
    };
  });
  const byStatus = Object.fromEntries(ProjectStatus.options.map((s) => [s, 0])) as Record<ProjectStatus, number>;
  for (const p of projects) byStatus[p.status] += 1;
  const ratings = input.planRatings;
  return {
    planId: plan.id,
    titleZh: plan.titleZh,
    titleEn: plan.titleEn,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    asOf: now.toISOString(),
    // A plan closed by its publisher is final even if closed before its last year ended.
    provisional: plan.status !== 'closed' && Number(cstDay(now).slice(0, 4)) <= plan.periodEnd,
    indicators,
    totals: countVerdicts(indicators),
    byCategory: countedBy(indicators, categories, (r) => r.category).map(({ key, counts }) => ({
      category: key,
      nameEn: plan.categories.find((c) => c.id === key)?.nameEn ?? key,
      counts,
    })),
    byAttribute: countedBy(indicators, ['binding', 'expected'] as const, (r) => r.attribute).map(({ key, counts }) => ({
      attribute: key,
      counts,
    })),
    projects: { byStatus, items: projects },
    citizens: {
      ratings:
        ratings && ratings.count > 0
          ? {
              count: ratings.count,
              histogram: ratings.histogram,
              mean: ratings.mean,
              satisfaction: ratings.satisfaction,
              dissatisfaction: ratings.dissatisfaction,
              tooFewToRank: ratings.tooFewToRank,
            }
          : null,
      cases: caseHandling(input.cases, now, input.calendar),
    },
  };
}
