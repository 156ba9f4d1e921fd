import type { AuditActor } from '../audit/entry.js';
import { DomainError, NotFoundError, type ErrorExtras, type ErrorKind } from '../errors.js';
import type { Plan } from '../plan/document.js';
import { checkPlanFile, type PlanFileProblem } from '../plan/file.js';
import { planStatusChange, type PlanStatus } from '../plan/lifecycle.js';
import type { AuditRepository } from '../store/audit-repository.js';
import { planContentHash } from '../plan/file.js';
import type { PlanRepository, PlanSnapshot, PlanSummary } from '../store/plan-repository.js';

/**
 * A plan's file and status as staff change them: a publisher uploads a plan file, which is checked
 * as `npm run plan -- check` checks it and stored as a draft; then publishes it, closes it after its
 * period, or reopens it. Every change is in the audit log under the plan's id.
 */

/** A plan file with problems: nothing was written, and every problem is listed with its JSON path. */
export class PlanFileRejected extends DomainError {
  override name = 'PlanFileRejected';
  readonly kind: ErrorKind = 'validation-failed';
  constructor(readonly problems: PlanFileProblem[]) {
    super(`${problems.length} problem(s) in the plan file; nothing was written`);
  }
  override extras(): ErrorExtras {
    return {
      detail: this.message,
      errors: this.problems.map((p) => ({ path: p.path, message: p.item ? `${p.item}: ${p.message}` : p.message })),
    };
  }
}

/** Why an upload may not replace the stored plan of its id. */
export type ReplaceRefusal = { why: 'not-draft'; status: PlanStatus } | { why: 'drops-items'; items: string[] };

/** An upload that would replace a plan citizens see, or drop items of the stored plan: nothing was written. */
export class PlanReplaceRefused extends DomainError {
  override name = 'PlanReplaceRefused';
  readonly kind: ErrorKind = 'invalid-state';
  constructor(
    readonly planId: string,
    readonly refusal: ReplaceRefusal,
  ) {
    super(
      refusal.why === 'not-draft'
        ? `plan ${planId} is ${refusal.status}: an upload replaces a draft only; an operator replaces a public plan's file with npm run plan -- import`
        : `plan ${planId} has items this file does not: ${refusal.items.join(', ')}; stored items are never deleted (ratings and values refer to them)`,
    );
  }
}

/**
 * Items of the stored plan that the file no longer has. gongping never deletes them (ratings,
 * values and progress reports refer to them by id), and a reload would leave them showing.
 */
export function droppedItems(stored: PlanSnapshot, plan: Plan): string[] {
  const lost = (kind: string, before: { id: string }[], after: { id: string }[]) => {
    const kept = new Set(after.map((x) => x.id));
    return before.filter((x) => !kept.has(x.id)).map((x) => `${kind} ${x.id}`);
  };
  return [
    ...lost('indicator', stored.indicators, plan.indicators),
    ...lost('history row', stored.history, plan.history),
    ...lost('project', stored.projects, plan.projects),
  ];
}

export interface PlanFileDeps {
  plans: Pick<PlanRepository, 'snapshot' | 'putPlan'>;
  audit: Pick<AuditRepository, 'append'>;
}

export interface UploadedPlan {
  /** `stored`: a new draft; `replaced`: a draft's file replaced; `unchanged`: that draft has this file already. */
  outcome: 'stored' | 'replaced' | 'unchanged';
  plan: Plan;
}

/**
 * A publisher's plan file: checked whole (PlanFileRejected with every problem), then stored as a
 * draft, which only staff see until it is published. A file with the id of a stored draft replaces
 * it (a corrected draft); one with the id of a published or closed plan is refused.
 */
export async function uploadPlan(
  deps: PlanFileDeps,
  bytes: Uint8Array,
  actor: AuditActor,
  at: Date,
): Promise<UploadedPlan> {
  const checked = checkPlanFile(bytes);
  if (!checked.ok) throw new PlanFileRejected(checked.problems);
  const { plan } = checked;
  const contentHash = planContentHash(plan);
  const stored = await deps.plans.snapshot(plan.id);
  if (stored) {
    if (stored.plan.status !== 'draft')
      throw new PlanReplaceRefused(plan.id, { why: 'not-draft', status: stored.plan.status });
    if (stored.plan.contentHash === contentHash) return { outcome: 'unchanged', plan };
    const lost = droppedItems(stored, plan);
    if (lost.length > 0) throw new PlanReplaceRefused(plan.id, { why: 'drops-items', items: lost });
  }
  await deps.plans.putPlan(plan, contentHash, { status: 'draft', loadedBy: 'upload' });
  const outcome = stored ? 'replaced' : 'stored';
  await deps.audit.append(
    {
      actor,
      action: 'plan.upload',
      subject: { type: 'plan', id: plan.id },
      reason: null,
      details: {
        outcome,
        contentHash,
        period: `${plan.periodStart}–${plan.periodEnd}`,
        indicators: plan.indicators.length,
        history: plan.history.length,
        projects: plan.projects.length,
      },
    },
    at,
  );
  return { outcome, plan };
}

export interface PlanStatusDeps {
  plans: Pick<PlanRepository, 'getPlan' | 'setStatus'>;
  audit: Pick<AuditRepository, 'append'>;
}

/** Publishes, closes or reopens a plan (shared/plan/lifecycle.ts says which), and logs who did and why. */
export async function changePlanStatus(
  deps: PlanStatusDeps,
  change: { planId: string; to: PlanStatus; reason: string | null },
  actor: AuditActor,
  at: Date,
): Promise<PlanSummary> {
  const stored = await deps.plans.getPlan(change.planId);
  if (!stored) throw new NotFoundError('plan', change.planId);
  const action = planStatusChange(change.planId, stored.status, change.to);
  const changed = await deps.plans.setStatus(change.planId, stored.status, change.to);
  await deps.audit.append(
    {
      actor,
      action,
      subject: { type: 'plan', id: change.planId },
      reason: change.reason,
      details: { from: stored.status, to: change.to },
    },
    at,
  );
  return changed;
}
