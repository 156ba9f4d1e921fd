import type { CaseRepository } from '../store/case-repository.js';
import type { CaseFollowers, CaseNoticeKind, Notifier } from './notifier.js';

/**
 * Tells a case's followers what happened to it (a step an office took, NOTICE_OF_STEP; or its
 * deadline passing), through whichever notifier the function was built with; subscriptions the
 * push service says are gone are dropped. A notification never fails the step: the notifier logs
 * and carries on. No kind (a step that is not told) tells nothing.
 */
export async function tellFollowers(
  deps: { notifier?: Pick<Notifier, 'notify'> | undefined; cases: Pick<CaseRepository, 'unsubscribe'> },
  caseId: string,
  kind: CaseNoticeKind | undefined,
  followers: CaseFollowers,
  at: Date,
): Promise<void> {
  if (!kind || !deps.notifier || followers.push.length === 0) return;
  const { gone } = await deps.notifier.notify({ caseId, kind, at: at.toISOString() }, followers);
  await deps.cases.unsubscribe(caseId, gone);
}
