import type { Store } from '../store/client.js';
import { caseRepository } from '../store/case-repository.js';
import { planRepository } from '../store/plan-repository.js';
import type { Notifier } from './notifier.js';
import { tellOverdueCases } from './overdue.js';

/**
 * The overdue sweep against a store: the wiring shared by its scheduled function
 * (functions/overdue/handler.ts) and npm start's loop, each with the notifier of its configuration
 * (shared/cases/web-push-notifier.ts `notifierFor`). Without VAPID keys nobody can have
 * subscribed, so a run reads the deadlines and tells no one.
 */
export function overdueNoticesJob(
  store: Store,
  notifier: Pick<Notifier, 'notify'>,
  clock: () => Date = () => new Date(),
) {
  const deps = { cases: caseRepository(store), plans: planRepository(store), notifier };
  return () => tellOverdueCases(deps, clock());
}
