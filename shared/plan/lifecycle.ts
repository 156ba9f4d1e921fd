import * as z from 'zod/mini';
import { DomainError, type ErrorKind, type ErrorExtras } from '../errors.js';

/**
 * A plan's life on the site. `draft`: loaded and checked, seen by staff only, while they look it
 * over. `published`: citizens see and rate it. `closed`: its period is over (or it was replaced);
 * still readable, with its final evaluation, but it takes no more ratings.
 *
 * Which changes are allowed, and why the others are not:
 * - draft → published: the staff's review is done.
 * - published → closed: the period ended.
 * - closed → published: reopening, for a plan closed by mistake or extended by the government.
 * - never back to draft: citizens have seen a published plan and may have rated it; hiding it
 *   again would hide their ratings with it.
 * - never draft → closed: a plan no citizen has seen has nothing to keep readable; publish first.
 */
export const PLAN_STATUSES = ['draft', 'published', 'closed'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatus>;

/** What a stored plan written before plans had a status reads as: every such plan was public. */
export const STATUS_OF_OLDER_PLANS: PlanStatus = 'published';

/** Which status each status may change to. */
export const PLAN_TRANSITIONS: Readonly<Record<PlanStatus, readonly PlanStatus[]>> = {
  draft: ['published'],
  published: ['closed'],
  closed: ['published'],
};

/** The name of a change, as the audit log records it. */
export type PlanStatusChange = 'plan.publish' | 'plan.close' | 'plan.reopen';

/** A change of status the rules above do not allow, or that lost a race with another one. */
export class PlanStatusError extends DomainError {
  readonly kind: ErrorKind = 'invalid-state';
  constructor(
    readonly planId: string,
    readonly from: PlanStatus,
    readonly to: PlanStatus,
  ) {
    super(
      from === to
        ? `plan ${planId} is already ${to}`
        : `plan ${planId} is ${from}; a ${from} plan cannot become ${to} (allowed: ${PLAN_TRANSITIONS[from].join(', ') || 'nothing'})`,
    );
  }
  override extras(): ErrorExtras {
    return { detail: this.message, planStatus: this.from };
  }
}

/** A rating of a plan that takes none: a draft (not public) or a closed plan (its period is over). */
export class PlanClosedToRatingsError extends DomainError {
  readonly kind: ErrorKind = 'invalid-state';
  constructor(
    readonly planId: string,
    readonly status: PlanStatus,
  ) {
    super(
      status === 'closed'
        ? `plan ${planId} is closed: it can be read, no longer rated`
        : `plan ${planId} is not published: it cannot be rated`,
    );
  }
  override extras(): ErrorExtras {
    return { detail: this.message, planStatus: this.status };
  }
}

/** A value or progress report for a closed plan: its figures are final, and its evaluation stands on them. */
export class PlanClosedToPublishingError extends DomainError {
  readonly kind: ErrorKind = 'invalid-state';
  constructor(readonly planId: string) {
    super(`plan ${planId} is closed: its values and progress are final; reopen it to publish`);
  }
  override extras(): ErrorExtras {
    return { detail: this.message, planStatus: 'closed' };
  }
}

/** The audit action of a change from `from` to `to`; throws PlanStatusError if the change is not allowed. */
export function planStatusChange(planId: string, from: PlanStatus, to: PlanStatus): PlanStatusChange {
  if (!PLAN_TRANSITIONS[from].includes(to)) throw new PlanStatusError(planId, from, to);
  if (to === 'closed') return 'plan.close';
  return from === 'closed' ? 'plan.reopen' : 'plan.publish';
}

/** Citizens see published and closed plans; staff see drafts too. */
export const visibleToCitizens = (status: PlanStatus) => status !== 'draft';

/** Only a published plan takes ratings. */
export const takesRatings = (status: PlanStatus) => status === 'published';

/** Drafts (being prepared) and published plans take values and progress; a closed plan's are final. */
export const takesValues = (status: PlanStatus) => status !== 'closed';

/** Refuses a value or progress report for a plan whose figures are final. */
export function assertTakesValues(planId: string, status: PlanStatus): void {
  if (!takesValues(status)) throw new PlanClosedToPublishingError(planId);
}

/** Refuses a rating of a plan in a status that takes none. */
export function assertTakesRatings(planId: string, status: PlanStatus): void {
  if (!takesRatings(status)) throw new PlanClosedToRatingsError(planId, status);
}

/**
 * What loads a plan file into the store: gongping's own copy of the plan (`built-in`: npm start,
 * npm run seed), the plan CLI (`import`), or a publisher on the staff page (`upload`).
 */
export const PlanLoader = z.enum(['built-in', 'import', 'upload']);
export type PlanLoader = z.infer<typeof PlanLoader>;
