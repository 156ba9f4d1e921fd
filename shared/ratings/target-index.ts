import type { PlanSnapshot } from '../store/plan-repository.js';
import { targetScope, type TargetIndex } from './scopes.js';

/** Where each target's ratings count, from the plan: indicators by their category. */
export function targetIndexOf(snapshot: Pick<PlanSnapshot, 'plan' | 'indicators'>): TargetIndex {
  const categories = new Map(snapshot.indicators.map((i) => [targetScope('indicator', i.id), i.category]));
  return {
    planId: snapshot.plan.id,
    categoryOf: (targetType, targetId) => categories.get(targetScope(targetType, targetId)) ?? null,
  };
}
