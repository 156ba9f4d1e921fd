import { cstDay } from '../cases/working-days.js';
import { STATUS_OF_OLDER_PLANS, visibleToCitizens, type PlanStatus } from './lifecycle.js';

/** What choosing a plan needs to know of it. */
export interface PlanChoice {
  id: string;
  periodStart: number;
  periodEnd: number;
  /** Absent on plans stored before plans had a lifecycle: those were published. */
  status?: PlanStatus;
}

export const planStatus = (plan: PlanChoice): PlanStatus => plan.status ?? STATUS_OF_OLDER_PLANS;

/** Whether citizens may see the plan at all: every plan but a draft. */
export const isPublic = (plan: PlanChoice) => visibleToCitizens(planStatus(plan));

/**
 * The plan the unscoped addresses (`/`, `/api/v1/indicators`, …) stand for: the configured one if it
 * is set and public; else the published plan whose period contains this year in China (where the
 * plans are in force); else the public plan that ended last. Never a draft (a configured draft or
 * a configured id not loaded falls back to the rule, so the site keeps answering); null when no plan
 * is public.
 */
export function currentPlan<P extends PlanChoice>(
  plans: readonly P[],
  today: Date,
  configured: string | null,
): P | null {
  const visible = plans.filter(isPublic);
  const chosen = configured === null ? undefined : visible.find((p) => p.id === configured);
  if (chosen) return chosen;
  const year = Number(cstDay(today).slice(0, 4));
  const inForce = visible.filter((p) => planStatus(p) === 'published' && p.periodStart <= year && year <= p.periodEnd);
  const candidates = inForce.length > 0 ? inForce : visible;
  // Of several, the one that started (or ended) last, then by id so the choice never depends on order.
  return (
    [...candidates].sort(
      (a, b) =>
        (inForce.length > 0 ? b.periodStart - a.periodStart : b.periodEnd - a.periodEnd) || a.id.localeCompare(b.id),
    )[0] ?? null
  );
}

/** Public plans for a list: the current one first, then the newest first. */
export function publicPlansInOrder<P extends PlanChoice>(plans: readonly P[], current: P | null): P[] {
  return plans
    .filter(isPublic)
    .sort(
      (a, b) =>
        Number(b.id === current?.id) - Number(a.id === current?.id) ||
        b.periodEnd - a.periodEnd ||
        a.id.localeCompare(b.id),
    );
}
