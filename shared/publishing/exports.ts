import type { FollowUpCase } from '../cases/case.js';
import type { WorkCalendar } from '../cases/working-days.js';
import type { PlanSnapshot } from '../store/plan-repository.js';
import { indicatorView } from '../plan/views.js';
import type { PeriodSummaries, ScopeSummary } from '../ratings/documents.js';
import type { Cell as PlanCell } from '../plan/schema.js';
import type { ProgressRevision } from '../plan/progress.js';
import { projectWithProgress } from '../plan/progress.js';
import type { Cell } from './csv.js';

/**
 * The CSV exports and their columns, in order (docs/moderation-and-privacy.md lists them with
 * their meaning). The values file (observations.ts) and the project progress file are the two
 * that import back; the others are for reading.
 */
export const INDICATOR_COLUMNS = [
  'indicator_id',
  'seq',
  'category',
  'name_zh',
  'name_en',
  'unit',
  'attribute',
  'direction',
  'measure',
  'baseline_year',
  'baseline',
  'target_year',
  'target',
  'growth_target_percent',
  'latest_year',
  'latest_value',
  'status',
  'status_reason',
] as const;

export const PROJECT_PROGRESS_COLUMNS = [
  'project_id',
  'status',
  'progress',
  'note',
  'source',
  'title_zh',
  'revision',
  'recorded_at',
  'recorded_by',
] as const;

export const AGGREGATE_COLUMNS = [
  'period',
  'scope',
  'kind',
  'target_type',
  'target_id',
  'category',
  'count',
  'level_1',
  'level_2',
  'level_3',
  'level_4',
  'level_5',
  'mean',
  'satisfaction',
  'dissatisfaction',
  'bayesian_mean',
  'rank',
  'too_few_to_rank',
  'comments_published',
] as const;

export const CASE_COLUMNS = [
  'case_id',
  'target_type',
  'target_id',
  'rating',
  'department',
  'department_id',
  'status',
  'opened_at',
  'first_due_at',
  'first_reply_at',
  'answered_on_time',
  'working_days_to_reply',
  'resolution',
  'closed_at',
  'satisfaction',
] as const;

const cellText = (cell: PlanCell): string =>
  cell.kind === 'number' ? String(cell.value) : cell.kind === 'qualitative' ? cell.text : '';

export function indicatorRows(snapshot: PlanSnapshot): Array<Record<string, Cell>> {
  return snapshot.indicators.map((indicator) => {
    const view = indicatorView(indicator, snapshot.observations);
    return {
      indicator_id: indicator.id,
      seq: indicator.seq,
      category: indicator.category,
      name_zh: indicator.nameZh,
      name_en: indicator.nameEn,
      unit: indicator.unit,
      attribute: indicator.attribute,
      direction: indicator.direction,
      measure: indicator.measure,
      baseline_year: indicator.baselineYear,
      baseline: cellText(indicator.baseline),
      target_year: indicator.targetYear,
      target: cellText(indicator.target),
      growth_target_percent: indicator.growth?.percent ?? '',
      latest_year: view.latest?.year ?? '',
      latest_value: view.latest?.value ?? '',
      status: view.progress.status,
      status_reason: view.progress.reason ?? '',
    };
  });
}

export function projectProgressRows(
  snapshot: PlanSnapshot,
  revisions: readonly ProgressRevision[],
): Array<Record<string, Cell>> {
  return snapshot.projects.map((project) => {
    const view = projectWithProgress(project, revisions);
    const current = view.progressHistory.at(-1);
    const by = revisions.find((r) => r.projectId === project.id && r.revision === current?.revision)?.recordedBy;
    return {
      project_id: project.id,
      status: view.status,
      progress: view.progress,
      note: current?.note ?? '',
      source: current?.source ?? '',
      title_zh: project.titleZh,
      revision: current?.revision ?? 0,
      recorded_at: current?.recordedAt ?? '',
      recorded_by: by ?? '',
    };
  });
}

const share = (p: { share: number } | null) => (p ? Math.round(p.share * 10_000) / 10_000 : '');
const aggregateRow = (period: string, s: ScopeSummary): Record<string, Cell> => ({
  period,
  scope: s.scope,
  kind: s.kind,
  target_type: s.targetType ?? '',
  target_id: s.targetId ?? '',
  category: s.category ?? '',
  count: s.count,
  level_1: s.histogram[0],
  level_2: s.histogram[1],
  level_3: s.histogram[2],
  level_4: s.histogram[3],
  level_5: s.histogram[4],
  mean: s.mean === null ? '' : Math.round(s.mean * 1000) / 1000,
  satisfaction: share(s.satisfaction),
  dissatisfaction: share(s.dissatisfaction),
  bayesian_mean: s.bayesianMean === null ? '' : Math.round(s.bayesianMean * 1000) / 1000,
  rank: s.rank ?? '',
  too_few_to_rank: s.tooFewToRank,
  comments_published: s.comments.published,
});

export function aggregateRows(document: PeriodSummaries | null): Array<Record<string, Cell>> {
  if (!document) return [];
  return [...(document.plan ? [document.plan] : []), ...document.categories, ...document.targets].map((s) =>
    aggregateRow(document.period, s),
  );
}

export function caseRows(cases: readonly FollowUpCase[], calendar: WorkCalendar): Array<Record<string, Cell>> {
  return [...cases]
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt))
    .map((c) => ({
      case_id: c.caseId,
      target_type: c.targetType,
      target_id: c.targetId,
      rating: c.rating,
      department: c.department ?? '',
      // Empty when the department was given as free text no listed department answers to.
      department_id: c.departmentId ?? '',
      status: c.status,
      opened_at: c.openedAt,
      first_due_at: c.firstDueAt,
      first_reply_at: c.firstReplyAt ?? '',
      answered_on_time: c.firstReplyAt === null ? '' : c.firstReplyAt <= c.firstDueAt,
      working_days_to_reply:
        c.firstReplyAt === null ? '' : calendar.workingDaysBetween(new Date(c.openedAt), new Date(c.firstReplyAt)),
      resolution: c.resolution ?? '',
      closed_at: c.closedAt ?? '',
      satisfaction: c.satisfaction ?? '',
    }));
}
