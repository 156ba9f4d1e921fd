import type { CaseRepository } from '../store/case-repository.js';
import type { CaseEvent } from './case.js';
import { NOTICE_OF_STEP, type CaseFollowers, type Notifier } from './notifier.js';

/**
 * Tells a case's followers about a step an office took (verified, replied, closed), through
 * whichever notifier the function was built with; subscriptions the push service says are gone
 * are dropped. A notification never fails the step: the notifier logs and carries on.
 */
export async function tellFollowers(
  deps: { notifier?: Pick<Notifier, 'notify'> | undefined; cases: Pick<CaseRepository, 'unsubscribe'> },
  caseId: string,
  action: CaseEvent['action'],
  followers: CaseFollowers,
  at: Date,
): Promise<void> {
  const kind = NOTICE_OF_STEP[action];
  if (!kind || !deps.notifier || followers.push.length === 0) return;
  const { gone } = await deps.notifier.notify({ caseId, kind, at: at.toISOString() }, followers);
  await deps.cases.unsubscribe(caseId, gone);
}
