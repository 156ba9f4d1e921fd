import type { AppDeps } from '../../shared/http/deps.js';
import { InvalidCursorError, PlanNotLoadedError } from '../../shared/errors.js';
import type { PublishedComment } from '../../shared/feedback/record.js';
import type { TargetType } from '../../shared/feedback/target.js';
import { projectWithProgress } from '../../shared/plan/progress.js';
import { Attribute, Category, ProjectStatus, type Project } from '../../shared/plan/schema.js';
import {
  indicatorDetailView,
  indicatorView,
  planView,
  STATUSES,
  type IndicatorDetailView,
  type IndicatorView,
} from '../../shared/plan/views.js';
import type { ProgressStatus } from '../../shared/progress/assessment.js';
import type { PeriodSummaries, ScopeSummary, SeriesPoint } from '../../shared/ratings/documents.js';
import { categoryScope, granularityOf, planScope, PROJECTS_GROUP, targetScope } from '../../shared/ratings/scopes.js';
import { briefOf, scopeSummaryIn, type RatingBrief } from '../../shared/ratings/views.js';
import type { BallotWithComment } from '../../shared/feedback/store.js';
import type { PlanSnapshot } from '../../shared/store/plan-repository.js';
import type { Verdict } from '../../shared/verdicts/verdicts.js';
import { namedTargets, targetKind } from '../../shared/feedback/target-kinds.js';

/**
 * What each page shows, read through the same repositories and views as the API. Statistics are
 * read as the aggregation published them; nothing here computes one.
 */
export type PageDataDeps = Pick<AppDeps, 'plans' | 'progress' | 'ratings' | 'feedback' | 'minRatings' | 'verdicts'>;

/** The plan is loaded before anything serves; without it the site cannot answer (503). */
export { PlanNotLoadedError };

export async function snapshotOf(deps: Pick<PageDataDeps, 'plans'>, planId: string): Promise<PlanSnapshot> {
  const snapshot = await deps.plans.snapshot(planId);
  if (!snapshot) throw new PlanNotLoadedError('the plan has not been loaded');
  return snapshot;
}

/**
 * The snapshot with each project's status and progress as last reported by a publisher, as the
 * API shows them: the plan itself states none. One query reads every project's reports.
 */
async function snapshotWithProgress(deps: PageDataDeps, planId: string): Promise<PlanSnapshot> {
  const [snapshot, progress] = await Promise.all([snapshotOf(deps, planId), deps.progress.listAll(planId)]);
  return { ...snapshot, projects: snapshot.projects.map((p) => projectWithProgress(p, progress)) };
}

/** The all-time published summaries, and how to look up any scope in them (an honest zero if unrated). */
async function allTime(deps: PageDataDeps, planId: string) {
  const document = await deps.ratings.periodSummaries(planId, 'all');
  const minRatings = document?.minRatings ?? deps.minRatings;
  return { document, minRatings, of: (scope: string) => scopeSummaryIn(document, scope, minRatings) };
}

// ---------------------------------------------------------------------------------------------
// Home

export interface LeastSatisfied {
  summary: ScopeSummary;
  href: string;
  nameZh: string;
  nameEn: string;
}

export interface HomeData {
  plan: ReturnType<typeof planView>;
  planSummary: ScopeSummary;
  categorySummaries: Record<string, ScopeSummary>;
  projectsSummary: ScopeSummary;
  least: LeastSatisfied[];
  minRatings: number;
}

export const LEAST_SATISFIED_COUNT = 5;

/**
 * The targets citizens are least satisfied with: only those with enough ratings to count
 * (`tooFewToRank === false`), lowest Bayesian mean first (the ranking's own order, reversed).
 */
export function leastSatisfied(
  document: PeriodSummaries | null,
  snapshot: PlanSnapshot,
  base = '',
  count = LEAST_SATISFIED_COUNT,
): LeastSatisfied[] {
  const targets = new Map(namedTargets(snapshot).map((t) => [targetScope(t.targetType, t.targetId), t]));
  return (document?.targets ?? [])
    .filter((s) => s.kind === 'target' && !s.tooFewToRank && s.bayesianMean !== null)
    .sort(
      (a, b) =>
        a.bayesianMean! - b.bayesianMean! ||
        (a.satisfaction?.share ?? 0) - (b.satisfaction?.share ?? 0) ||
        a.scope.localeCompare(b.scope),
    )
    .flatMap((summary): LeastSatisfied[] => {
      const target = summary.targetType && targets.get(targetScope(summary.targetType, summary.targetId ?? ''));
      return target
        ? [
            {
              summary,
              href: targetKind(target.targetType).pagePath(target.targetId, base),
              nameZh: target.nameZh,
              nameEn: target.nameEn,
            },
          ]
        : [];
    })
    .slice(0, count);
}

/** The home page of the plan whose pages start at `base`. */
export async function homeData(deps: PageDataDeps, planId: string, base: string): Promise<HomeData> {
  const [snapshot, ratings] = await Promise.all([snapshotWithProgress(deps, planId), allTime(deps, planId)]);
  return {
    plan: planView(snapshot),
    planSummary: ratings.of(planScope(planId)),
    categorySummaries: Object.fromEntries(snapshot.plan.categories.map((c) => [c.id, ratings.of(categoryScope(c.id))])),
    projectsSummary: ratings.of(categoryScope(PROJECTS_GROUP)),
    least: leastSatisfied(ratings.document, snapshot, base),
    minRatings: ratings.minRatings,
  };
}

// ---------------------------------------------------------------------------------------------
// Lists

type Query = Record<string, string | undefined>;

const pick = <T extends string>(options: readonly T[], value: string | undefined): T | undefined =>
  value !== undefined && (options as readonly string[]).includes(value) ? (value as T) : undefined;

/** Search text as typed, folded so that full-width and half-width, upper and lower case match. */
const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The longest search a list page reads (the search box's maxlength); the rest is cut off. */
export const SEARCH_MAX_LENGTH = 100;

const searchTerm = (q: string | undefined) => {
  const folded = fold(q ?? '').slice(0, SEARCH_MAX_LENGTH);
  return folded.length > 0 ? folded : undefined;
};

const matches = (term: string | undefined, ...names: string[]) =>
  !term || names.some((name) => fold(name).includes(term));

export interface IndicatorFilter {
  category?: Category | undefined;
  attribute?: Attribute | undefined;
  status?: ProgressStatus | undefined;
  q?: string | undefined;
}

/** A filter as a page reads it: a value it does not know is ignored, not an error page. */
export function indicatorFilter(query: Query): IndicatorFilter {
  return {
    // Which categories there are is the plan's to say: indicatorListData drops one it does not have.
    category: query.category?.trim().slice(0, 64) || undefined,
    attribute: pick(Attribute.options, query.attribute),
    status: pick(STATUSES, query.status),
    q: query.q?.trim().slice(0, SEARCH_MAX_LENGTH) || undefined,
  };
}

export type IndicatorRow = IndicatorView & { ratings: RatingBrief };

export interface IndicatorListData {
  items: IndicatorRow[];
  total: number;
  categories: PlanSnapshot['plan']['categories'];
  filter: IndicatorFilter;
}

export async function indicatorListData(
  deps: PageDataDeps,
  planId: string,
  filter: IndicatorFilter,
): Promise<IndicatorListData> {
  const [snapshot, ratings] = await Promise.all([snapshotOf(deps, planId), allTime(deps, planId)]);
  const term = searchTerm(filter.q);
  if (filter.category && !snapshot.plan.categories.some((c) => c.id === filter.category))
    filter = { ...filter, category: undefined };
  const items = snapshot.indicators
    .filter(
      (i) =>
        (!filter.category || i.category === filter.category) && (!filter.attribute || i.attribute === filter.attribute),
    )
    .filter((i) => matches(term, i.nameZh, i.nameEn, i.id))
    .map((i) => ({
      ...indicatorView(i, snapshot.observations),
      ratings: briefOf(ratings.of(targetScope('indicator', i.id))),
    }))
    .filter((i) => !filter.status || i.progress.status === filter.status);
  return { items, total: snapshot.indicators.length, categories: snapshot.plan.categories, filter };
}

export interface ProjectFilter {
  box?: number | undefined;
  status?: ProjectStatus | undefined;
  q?: string | undefined;
}

export function projectFilter(query: Query): ProjectFilter {
  const box = Number(query.box);
  return {
    box: Number.isInteger(box) && box >= 1 && box <= 25 ? box : undefined,
    status: pick(ProjectStatus.options, query.status),
    q: query.q?.trim().slice(0, SEARCH_MAX_LENGTH) || undefined,
  };
}

export type ProjectRow = Project & { ratings: RatingBrief };

export interface ProjectListData {
  items: ProjectRow[];
  total: number;
  boxes: Array<{ box: number; title: string }>;
  filter: ProjectFilter;
}

export async function projectListData(
  deps: PageDataDeps,
  planId: string,
  filter: ProjectFilter,
): Promise<ProjectListData> {
  const [snapshot, ratings] = await Promise.all([snapshotWithProgress(deps, planId), allTime(deps, planId)]);
  const term = searchTerm(filter.q);
  const boxes = [...new Map(snapshot.projects.map((p) => [p.box, p.boxTitle])).entries()]
    .sort(([a], [b]) => a - b)
    .map(([box, title]) => ({ box, title }));
  const items = snapshot.projects
    .filter((p) => (!filter.box || p.box === filter.box) && (!filter.status || p.status === filter.status))
    .filter((p) => matches(term, p.titleZh, p.titleEn, p.id))
    .map((p) => ({ ...p, ratings: briefOf(ratings.of(targetScope('project', p.id))) }));
  return { items, total: snapshot.projects.length, boxes, filter };
}

// ---------------------------------------------------------------------------------------------
// Target pages

/**
 * A published comment with its official replies (department, text, when), oldest first. Replies
 * arrive with the reply workflow; a comment without the field renders without replies.
 */
export type CommentWithReplies = Omit<PublishedComment, 'replies'> & {
  replies?: PublishedComment['replies'] | undefined;
};

export interface TargetFeedback {
  summary: ScopeSummary;
  minRatings: number;
  /** Years with ratings, oldest first. */
  years: SeriesPoint[];
  comments: { items: CommentWithReplies[]; nextCursor: string | null };
  /** The voter's own ratings of this target, newest year first; null when the request has no voter. */
  yours: BallotWithComment[] | null;
}

/**
 * Comments per page. Each may hold 2,000 characters: eight of the longest, in the least
 * compressible Chinese, already bring an indicator page to 39 KB of its 40 KB (gzipped) budget;
 * six leave room for official replies (tests/bench/web-budget.ts measures the heaviest page).
 */
export const COMMENTS_PER_PAGE = 6;

async function targetFeedback(
  deps: PageDataDeps,
  planId: string,
  targetType: TargetType,
  targetId: string,
  voterId: string | null,
  commentsCursor: string | undefined,
): Promise<TargetFeedback> {
  const scope = targetScope(targetType, targetId);
  const target = { planId, targetType, targetId };
  const comments = async () => {
    try {
      return await deps.feedback.publishedComments(target, {
        limit: COMMENTS_PER_PAGE,
        cursor: commentsCursor,
      });
    } catch (error) {
      // A cursor we did not issue: show the newest comments rather than an error page.
      if (error instanceof InvalidCursorError)
        return deps.feedback.publishedComments(target, { limit: COMMENTS_PER_PAGE });
      throw error;
    }
  };
  const [ratings, series, page, yours] = await Promise.all([
    allTime(deps, planId),
    deps.ratings.series(planId, scope),
    comments(),
    voterId ? deps.feedback.ballotsOf(voterId, planId, { targetType, targetId }) : Promise.resolve(null),
  ]);
  return {
    summary: ratings.of(scope),
    minRatings: ratings.minRatings,
    years: series.filter((p) => granularityOf(p.period) === 'year').sort((a, b) => a.period.localeCompare(b.period)),
    comments: page,
    yours: yours ? [...yours].sort((a, b) => b.year - a.year) : null,
  };
}

export interface IndicatorPageData extends TargetFeedback {
  view: IndicatorDetailView;
  categoryEn: string;
  /** Its region of the two verdicts, all time (null before the aggregation has run). */
  verdict: Verdict | null;
}

export async function indicatorPageData(
  deps: PageDataDeps,
  planId: string,
  id: string,
  voterId: string | null,
  commentsCursor?: string,
): Promise<IndicatorPageData | null> {
  const [indicator, revisions, history, plan, verdicts] = await Promise.all([
    deps.plans.getIndicator(planId, id),
    deps.plans.listObservations(planId, id),
    deps.plans.listHistory(planId),
    deps.plans.getPlan(planId),
    deps.verdicts.get(planId, 'all'),
  ]);
  if (!indicator) return null;
  const feedback = await targetFeedback(deps, planId, 'indicator', id, voterId, commentsCursor);
  return {
    ...feedback,
    view: indicatorDetailView(indicator, revisions, history),
    categoryEn: plan?.categories.find((c) => c.id === indicator.category)?.nameEn ?? indicator.category,
    verdict: verdicts?.verdicts.find((v) => v.targetType === 'indicator' && v.targetId === id) ?? null,
  };
}

export interface ProjectPageData extends TargetFeedback {
  /** With its current report applied and every report kept (its timeline). */
  project: ReturnType<typeof projectWithProgress<Project>>;
}

export async function projectPageData(
  deps: PageDataDeps,
  planId: string,
  id: string,
  voterId: string | null,
  commentsCursor?: string,
): Promise<ProjectPageData | null> {
  const [project, progress] = await Promise.all([deps.plans.getProject(planId, id), deps.progress.list(planId, id)]);
  if (!project) return null;
  return {
    ...(await targetFeedback(deps, planId, 'project', id, voterId, commentsCursor)),
    project: projectWithProgress(project, progress),
  };
}

export async function methodData(deps: PageDataDeps, planId: string): Promise<{ minRatings: number }> {
  const document = await deps.ratings.periodSummaries(planId, 'all');
  return { minRatings: document?.minRatings ?? deps.minRatings };
}
