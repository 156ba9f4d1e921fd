import * as z from 'zod/mini';
import { PlanStatus } from '../plan/lifecycle.js';
import { PlanSummary } from '../store/plan-repository.js';
import { doc } from './registry.js';

/**
 * The staff plans API (publishers and admins): every stored plan with its status, a plan file
 * uploaded as a draft, and a plan's change of status. The page /staff/plans does the same in a browser.
 */

/** The longest reason a change of status may give; the plans page's form keeps to it too. */
export const PLAN_STATUS_REASON_MAX = 2000;

export const PlanStatusBody = z.strictObject({
  to: doc(PlanStatus, {
    description: '`published` (a draft, or reopening a closed plan) or `closed` (a published plan after its period).',
  }),
  reason: doc(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(PLAN_STATUS_REASON_MAX))), {
    description: 'Why, for the audit log.',
  }),
});

/** What a plan's summary in the registry says of it (shared/store/plan-repository.ts), and whether it is current. */
const PLAN_FIELDS = {
  id: true,
  titleZh: true,
  titleEn: true,
  district: true,
  periodStart: true,
  periodEnd: true,
} as const;
const StaffPlan = doc(
  z.extend(z.pick(PlanSummary, { ...PLAN_FIELDS, status: true, loadedBy: true }), {
    current: doc(z.boolean(), { description: 'Whether the unscoped addresses stand for this plan.' }),
  }),
  { id: 'StaffPlan', description: 'A stored plan as staff see it: drafts too.' },
);
export type StaffPlan = z.infer<typeof StaffPlan>;

export const StaffPlanList = doc(z.strictObject({ items: z.array(StaffPlan), current: z.nullable(z.string()) }), {
  id: 'StaffPlanList',
  description: 'Every stored plan, drafts included: the current one first, then the newest.',
});

export const PlanUploaded = doc(
  z.strictObject({
    outcome: doc(z.enum(['stored', 'replaced', 'unchanged']), {
      description:
        '`stored`: a new draft; `replaced`: a draft’s file replaced; `unchanged`: that draft has this file already.',
    }),
    plan: StaffPlan,
    indicators: z.number().check(z.int()),
    projects: z.number().check(z.int()),
  }),
  { id: 'PlanUploaded', description: 'The plan file, stored as a draft that only staff see until it is published.' },
);

export const PlanStatusChanged = doc(z.strictObject({ plan: StaffPlan }), {
  id: 'PlanStatusChanged',
  description: 'The plan in its new status; the change is in the audit log.',
});
