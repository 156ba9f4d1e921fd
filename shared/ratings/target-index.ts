import type { PlanSnapshot } from '../store/plan-repository.js';
import { scopeInPlan, targetScope, type TargetIndex } from './scopes.js';

/** Where each target's ratings count, from the plans: indicators by their own plan's category. */
export function targetIndexOf(...snapshots: Array<Pick<PlanSnapshot, 'plan' | 'indicators'>>): TargetIndex {
  const categories = new Map(
    snapshots.flatMap(({ plan, indicators }) =>
      indicators.map((i) => [scopeInPlan(plan.id, targetScope('indicator', i.id)), i.category] as const),
    ),
  );
  return {
    categoryOf: ({ planId, targetType, targetId }) =>
      categories.get(scopeInPlan(planId, targetScope(targetType, targetId))) ?? null,
  };
}
