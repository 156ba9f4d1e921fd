import type { CaseRepository } from '../store/case-repository.js';
import type { PlanRepository } from '../store/plan-repository.js';
import { isOverdue, type FollowUpCase } from './case.js';
import type { Notifier } from './notifier.js';
import { tellFollowers } from './notify.js';

/** A case as the sweep reads it: with its followers, and the deadline whose passing they were last told of. */
export interface FollowedForDeadline {
  case: FollowUpCase;
  following: { push?: readonly unknown[] | undefined; overdueTold?: string | undefined };
}

/**
 * Whether a case's followers are owed the notice that its deadline passed: the awaited reply is
 * overdue at `now` (dueState's 'overdue'), someone follows it, and they have not been told of this
 * deadline. A dispute sets a new deadline, which is told again if it passes too.
 */
export const owesOverdueNotice = (c: FollowedForDeadline, now: Date): boolean =>
  isOverdue(c.case, now) && (c.following.push?.length ?? 0) > 0 && c.following.overdueTold !== c.case.dueAt;

/** The cases that have become overdue at `now` and whose followers have not been told yet. */
export const overdueToTell = <C extends FollowedForDeadline>(cases: readonly C[], now: Date): C[] =>
  cases.filter((c) => owesOverdueNotice(c, now));

export interface OverdueDeps {
  cases: Pick<CaseRepository, 'pastDeadline' | 'claimOverdueNotice' | 'unsubscribe'>;
  plans: Pick<PlanRepository, 'listPlans'>;
  notifier: Pick<Notifier, 'notify'>;
}

/**
 * The scheduled deadline check (issue 16 §1): in every plan, reads the unfinished cases whose
 * deadline is before `now` (an index range, never a scan) and tells the followers of each that
 * newly owes it. The notice is recorded on the case before it is sent, by a conditional write, so
 * however many sweeps run, at once or one after another, a deadline is told at most once; a sweep
 * that dies between the two loses that one notice rather than sending it twice.
 */
export async function tellOverdueCases(deps: OverdueDeps, now: Date): Promise<{ checked: number; told: string[] }> {
  const told: string[] = [];
  let checked = 0;
  for (const plan of await deps.plans.listPlans()) {
    const past = await deps.cases.pastDeadline(plan.id, now);
    checked += past.length;
    for (const { case: c } of overdueToTell(past, now)) {
      const followers = await deps.cases.claimOverdueNotice(c.caseId, (read) => owesOverdueNotice(read, now));
      if (!followers) continue;
      await tellFollowers(deps, c.caseId, 'overdue', followers, now);
      told.push(c.caseId);
    }
  }
  return { checked, told };
}
