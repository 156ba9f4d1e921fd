import type { FeedbackRecord } from '../../shared/feedback/record.js';
import { listCases } from '../../shared/cases/workflow.js';
import { moderationQueue } from '../../shared/moderation/moderate.js';
import type { ScopeSummary } from '../../shared/ratings/documents.js';
import type { PlanSnapshot } from '../../shared/store/plan-repository.js';
import { PlanNotLoadedError } from '../../shared/errors.js';
import { leastSatisfied, type LeastSatisfied } from '../citizen/data.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { namedTargets, targetKind } from '../../shared/feedback/target-kinds.js';
import { disagreements, type Disagreement } from './verdicts-data.js';
import { planPath } from '../citizen/place.js';

/**
 * What the staff pages show, through the same repositories and shared functions as the JSON staff
 * routes. Statistics are read as the aggregation published them; nothing here computes one.
 */

export type StaffDataDeps = Pick<
  AppDeps,
  | 'currentPlanId'
  | 'plans'
  | 'ratings'
  | 'feedback'
  | 'moderation'
  | 'cases'
  | 'calendar'
  | 'minRatings'
  | 'clock'
  | 'verdicts'
>;

/** Counting stops here: a queue or a case list this long is "1000+", and reading on would only cost. */
export const COUNT_CAP = 1000;

export interface TargetName {
  href: string;
  nameZh: string;
  nameEn: string;
}

/** A plan's indicators, projects and values, which staff pages name their targets from. */
export async function planOf(deps: Pick<StaffDataDeps, 'plans'>, planId: string): Promise<PlanSnapshot> {
  const snapshot = await deps.plans.snapshot(planId);
  if (!snapshot) throw new PlanNotLoadedError(`plan ${planId} has not been loaded`);
  return snapshot;
}

/**
 * Where a plan's public pages start, for the links on its staff pages: always the plan's own
 * address (`/plans/{id}`), since the unscoped one shows whichever plan is current, not this one.
 */
export const publicBase = (planId: string) => planPath(planId);

/** Names and public links of every target, for lists that know targets only by type and id. */
export function targetNames(snapshot: PlanSnapshot): Map<string, TargetName> {
  const base = publicBase(snapshot.plan.id);
  return new Map(
    namedTargets(snapshot).map((t): [string, TargetName] => [
      `${t.targetType}:${t.targetId}`,
      { href: targetKind(t.targetType).pagePath(t.targetId, base), nameZh: t.nameZh, nameEn: t.nameEn },
    ]),
  );
}

export interface DashboardData {
  /** Every rated target, ranked first (by rank), then the unranked by sample size. */
  targets: Array<{ summary: ScopeSummary; name: TargetName | undefined }>;
  least: LeastSatisfied[];
  /** Paper progress and quiet success, with their recent comments; null before the aggregation has run. */
  disagreements: Disagreement[] | null;
  minRatings: number;
  queueSize: number;
  cases: { open: number; dueSoon: number; overdue: number };
  capped: boolean;
}

/** A plan's dashboard: its rated targets, its queue and its cases. */
export async function dashboardData(deps: StaffDataDeps, planId: string): Promise<DashboardData> {
  const now = deps.clock();
  const [snapshot, document, queueSize, cases, disagreeing] = await Promise.all([
    planOf(deps, planId),
    deps.ratings.periodSummaries(planId, 'all'),
    countQueue(deps, planId, now),
    countCases(deps, planId, now),
    disagreements(deps, planId),
  ]);
  const names = targetNames(snapshot);
  const targets = [...(document?.targets ?? [])]
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.count - a.count || a.scope.localeCompare(b.scope))
    .map((summary) => ({ summary, name: names.get(`${summary.targetType}:${summary.targetId}`) }));
  return {
    targets,
    least: leastSatisfied(document, snapshot, publicBase(planId)),
    disagreements: disagreeing,
    minRatings: document?.minRatings ?? deps.minRatings,
    queueSize,
    cases,
    capped: queueSize >= COUNT_CAP || cases.open >= COUNT_CAP,
  };
}

async function countQueue(deps: StaffDataDeps, planId: string, now: Date): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await moderationQueue(deps, { status: 'pending', planId, limit: 100, cursor }, now);
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && count < COUNT_CAP);
  return count;
}

async function countCases(deps: StaffDataDeps, planId: string, now: Date): Promise<DashboardData['cases']> {
  const counts = { open: 0, dueSoon: 0, overdue: 0 };
  let cursor: string | undefined;
  do {
    const page = await listCases(deps, 'active', { limit: 100, cursor, planId }, now);
    for (const item of page.items) {
      counts.open++;
      if (item.dueState === 'due-soon') counts.dueSoon++;
      if (item.dueState === 'overdue') counts.overdue++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && counts.open < COUNT_CAP);
  return counts;
}

/** One comment as a monitor handles it; the voter id stays in the store. */
export type StaffRecord = Omit<FeedbackRecord, 'voterId'>;

export async function commentData(
  deps: StaffDataDeps,
  feedbackId: string,
): Promise<{ record: StaffRecord; name: TargetName | undefined } | null> {
  const record = await deps.feedback.find(feedbackId, true);
  if (!record || record.comment === null) return null;
  // A comment is named from its own plan, whichever plan's pages led to it.
  const snapshot = await planOf(deps, record.planId);
  const { voterId: _voterId, ...rest } = record;
  return { record: rest, name: targetNames(snapshot).get(`${record.targetType}:${record.targetId}`) };
}
