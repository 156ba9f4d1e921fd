import { citizenCaseView, type CitizenCaseView, type FollowUpCase } from '../../shared/cases/case.js';
import { receiptCodeOf } from '../../shared/cases/lookup.js';
import type { TargetType } from '../../shared/feedback/target.js';
import type { BallotWithComment } from '../../shared/feedback/store.js';
import type { PlanSnapshot } from '../../shared/store/plan-repository.js';
import { planPath } from './place.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { namedTargets, targetKind } from '../../shared/feedback/target-kinds.js';

/** An indicator or project as the citizen's page names and links it. */
export interface TargetRef {
  href: string;
  nameZh: string;
  nameEn: string;
}

/** How a case's deadline stands, counted in the working days the deadline is set in. */
export type Deadline =
  | { kind: 'due'; dueAt: string; workingDaysLeft: number }
  | { kind: 'overdue'; dueAt: string; workingDaysOver: number }
  | { kind: 'none' };

export interface MyCase extends CitizenCaseView {
  target: TargetRef | null;
  deadline: Deadline;
  /** The receipt's code this browser holds for the case (shared/cases/receipt.ts), or null. */
  receiptCode: string | null;
  /** The VAPID key a browser subscribes to the case's Web Push with; null when push is off or the case closed. */
  pushKey: string | null;
}

export interface MyRating extends BallotWithComment {
  target: TargetRef | null;
}

export interface MineData {
  ratings: MyRating[];
  cases: MyCase[];
  deadlineWorkingDays: number;
}

/**
 * The targets of the plans a voter rated in, each linked inside its own plan (/plans/{planId}/…):
 * a rating of the 14th plan's `gdp` leads to the 14th plan's page, whichever plan is current.
 */
async function targetRefs(deps: Pick<MineDataDeps, 'plans'>, planIds: Iterable<string>) {
  const refs = new Map<string, TargetRef>();
  const snapshots = await Promise.all([...new Set(planIds)].map((planId) => deps.plans.snapshot(planId)));
  for (const snapshot of snapshots.filter((s): s is PlanSnapshot => s !== null)) {
    const base = planPath(snapshot.plan.id);
    for (const t of namedTargets(snapshot))
      refs.set(`${snapshot.plan.id}:${t.targetType}:${t.targetId}`, {
        href: targetKind(t.targetType).pagePath(t.targetId, base),
        nameZh: t.nameZh,
        nameEn: t.nameEn,
      });
  }
  return (target: { planId: string; targetType: TargetType; targetId: string }) =>
    refs.get(`${target.planId}:${target.targetType}:${target.targetId}`) ?? null;
}

export type MineDataDeps = Pick<
  AppDeps,
  'plans' | 'feedback' | 'cases' | 'receipts' | 'push' | 'calendar' | 'caseDeadlineDays' | 'clock'
>;

/**
 * A case as its citizen's page shows it: the citizen's view, its target, how its deadline stands
 * and the receipt code this browser holds. Only the voter whose rating opened it rates its reply.
 */
function myCase(
  deps: MineDataDeps,
  found: FollowUpCase,
  follower: { owner: boolean; receiptCode: string | null },
  targetOf: (target: { planId: string; targetType: TargetType; targetId: string }) => TargetRef | null,
): MyCase {
  const now = deps.clock();
  const view = citizenCaseView(found, now, deps.calendar);
  const dueAt = view.dueAt;
  const due = dueAt === null ? null : new Date(dueAt);
  const deadline: Deadline =
    dueAt === null || due === null
      ? { kind: 'none' }
      : now > due
        ? { kind: 'overdue', dueAt, workingDaysOver: deps.calendar.workingDaysBetween(due, now) }
        : { kind: 'due', dueAt, workingDaysLeft: deps.calendar.workingDaysBetween(now, due) };
  return {
    ...view,
    canRateReply: view.canRateReply && follower.owner,
    target: targetOf(found),
    deadline,
    receiptCode: follower.receiptCode,
    pushKey: found.status === 'closed' ? null : deps.push.publicKey,
  };
}

/** One case opened with its receipt code (/cases/lookup), for a browser that does not follow it. */
export async function lookedUpCase(deps: MineDataDeps, found: FollowUpCase, receiptCode: string): Promise<MyCase> {
  const targetOf = await targetRefs(deps, [found.planId]);
  return myCase(deps, found, { owner: false, receiptCode }, targetOf);
}

/**
 * Everything the voter of this browser rated and every case their 差评 opened, newest first:
 * the same ballots as GET /api/v1/me/feedback and the same case view as GET /api/v1/me/cases.
 */
export async function mineData(deps: MineDataDeps, voterId: string): Promise<MineData> {
  const [ballots, followed] = await Promise.all([deps.feedback.ballotsOf(voterId), deps.cases.followedBy(voterId)]);
  const targetOf = await targetRefs(
    deps,
    [...ballots, ...followed.map((f) => f.case)].map((rated) => rated.planId),
  );
  return {
    ratings: [...ballots]
      .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))
      .map((ballot) => ({ ...ballot, target: targetOf(ballot) })),
    cases: followed.map((f) =>
      myCase(
        deps,
        f.case,
        { owner: f.case.voterId === voterId, receiptCode: receiptCodeOf(deps.receipts, f) },
        targetOf,
      ),
    ),
    deadlineWorkingDays: deps.caseDeadlineDays,
  };
}
