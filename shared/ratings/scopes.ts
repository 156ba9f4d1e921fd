import type { PlanTarget, TargetType } from '../feedback/target.js';
import { PROJECTS_GROUP, targetKind } from '../feedback/target-kinds.js';

/**
 * Every rating counts in three scopes of its plan: its target, the target's category, and the plan.
 * Projects have no category in the plan; they are grouped under `projects` (PROJECTS_GROUP, their
 * kind's rating group in shared/feedback/target-kinds.ts).
 */
export { PROJECTS_GROUP };

export const targetScope = (targetType: TargetType, targetId: string) => `${targetType}#${targetId}`;
export const categoryScope = (category: string) => `category#${category}`;
export const planScope = (planId: string) => `plan#${planId}`;

export type ScopeKind = 'target' | 'category' | 'plan';
export const scopeKind = (scope: string): ScopeKind =>
  scope.startsWith('category#') ? 'category' : scope.startsWith('plan#') ? 'plan' : 'target';

/**
 * Counted scopes are named with their plan (`{planId}/{scope}`), so a batch's deltas say which
 * plan's counts item each changes; the published documents are per plan and name scopes without it.
 */
export const scopeInPlan = (planId: string, scope: string) => `${planId}/${scope}`;
/** A counted scope's plan and its name in the plan; null for a scope counted before ratings carried their plan. */
export function planOfScope(counted: string): { planId: string; scope: string } | null {
  const slash = counted.indexOf('/');
  return slash > 0 ? { planId: counted.slice(0, slash), scope: counted.slice(slash + 1) } : null;
}

/**
 * Counted scopes (with whatever each maps to) by their plan, as each plan's counts item holds them;
 * a scope counted before ratings carried their plan belongs to none and is left out.
 */
export function byPlan<T>(counted: Iterable<readonly [string, T]>): Map<string, Map<string, T>> {
  const plans = new Map<string, Map<string, T>>();
  for (const [scope, value] of counted) {
    const planId = planOfScope(scope)?.planId;
    if (planId === undefined) continue;
    let scopes = plans.get(planId);
    if (!scopes) plans.set(planId, (scopes = new Map<string, T>()));
    scopes.set(scope, value);
  }
  return plans;
}

/** Where a target's ratings count: target → category (or projects) → plan, in every plan that is rated. */
export interface TargetIndex {
  /** The plan's category of a target whose kind groups by category (an indicator's). */
  categoryOf(target: PlanTarget): string | null;
}

/** The scopes a rating of `target` counts in, each named with its plan. */
export function scopesOf(index: TargetIndex, target: PlanTarget): string[] {
  const { planId, targetType, targetId } = target;
  const category = targetKind(targetType).ratingGroup ?? index.categoryOf(target);
  return [targetScope(targetType, targetId), ...(category ? [categoryScope(category)] : []), planScope(planId)].map(
    (scope) => scopeInPlan(planId, scope),
  );
}

/**
 * The periods a rating counts in: all-time, its year, its month. Months are calendar months in
 * China Standard Time, like the rating year.
 */
export function periodsOf(year: number, recordedAt: string): string[] {
  const cst = new Date(Date.parse(recordedAt) + 8 * 3600_000);
  const month = `${cst.getUTCFullYear()}-${String(cst.getUTCMonth() + 1).padStart(2, '0')}`;
  return ['all', String(year), month];
}

export type PeriodGranularity = 'all' | 'year' | 'month';
export const granularityOf = (period: string): PeriodGranularity =>
  period === 'all' ? 'all' : /^\d{4}$/.test(period) ? 'year' : 'month';

/** The period before this one of the same length, or null for all-time. */
export function previousPeriod(period: string): string | null {
  const granularity = granularityOf(period);
  if (granularity === 'all') return null;
  if (granularity === 'year') return String(Number(period) - 1);
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

export function nextPeriod(period: string): string | null {
  const granularity = granularityOf(period);
  if (granularity === 'all') return null;
  if (granularity === 'year') return String(Number(period) + 1);
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
