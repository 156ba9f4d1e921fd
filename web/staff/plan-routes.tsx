import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { bodyLimit } from 'hono/body-limit';
import { staffActor } from '../../shared/audit/entry.js';
import type { AppDeps } from '../../shared/http/deps.js';
import type { StaffEnv } from '../../shared/http/staff-auth.js';
import { MAX_PLAN_FILE_BYTES, type PlanFileProblem } from '../../shared/plan/file.js';
import { PlanStatus, PlanStatusError } from '../../shared/plan/lifecycle.js';
import { changePlanStatus, PlanFileRejected, PlanReplaceRefused, uploadPlan } from '../../shared/publishing/plans.js';
import { PLAN_STATUS_REASON_MAX } from '../../shared/api/staff-plan-schemas.js';
import { PlansPage } from './pages/plans.js';
import { messagesOf, PUBLISHERS, type Notice, type StaffPageTools, type Status } from './tools.js';

/** What the plans page uses: the plans (and their registry), the audit log and the clock. */
export type PlanPagesDeps = Pick<AppDeps, 'plans' | 'audit' | 'clock'>;

const PLAN_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The multipart envelope around a plan file. */
const MAX_UPLOAD_FORM_BYTES = MAX_PLAN_FILE_BYTES + 16 * 1024;
const MAX_FORM_BYTES = 16 * 1024;

/**
 * /staff/plans (publishers and admins): every plan with its status and the changes it allows, and
 * the upload of a plan file, checked as `npm run plan -- check` checks it and stored as a draft.
 * Each post calls the shared function the plan CLI uses (shared/publishing/plans.ts), as the signed-in
 * staff member, so the audit log names them. Posts come from this site (routes.tsx checks every post under /staff).
 */
export function planPageRoutes(deps: PlanPagesDeps, tools: StaffPageTools) {
  const publishers = tools.session(PUBLISHERS);
  const messages = (c: Context) => messagesOf(c, tools.assets);
  const page = async (c: Context, notice: Notice, problems: PlanFileProblem[] = [], status: Status = 200) => {
    const plans = (await deps.plans.listPlans()).sort(
      (a, b) => b.periodStart - a.periodStart || a.id.localeCompare(b.id),
    );
    return tools.render(c, (ctx) => <PlansPage ctx={ctx} state={{ plans, notice, problems }} />, status);
  };

  return new Hono<StaffEnv>()
    .get('/staff/plans', publishers, (c) => {
      const s = messages(c);
      const { uploaded, status, plan } = c.req.query();
      const id = plan && PLAN_ID.test(plan) ? plan : null;
      let notice: Notice = null;
      if (id && (uploaded === 'stored' || uploaded === 'replaced' || uploaded === 'unchanged'))
        notice = { kind: 'ok', text: s.uploaded(uploaded, id) };
      const changed = PlanStatus.safeParse(status);
      if (id && changed.success) notice = { kind: 'ok', text: s.planStatusChanged(id, changed.data) };
      return page(c, notice);
    })
    .post(
      '/staff/plans/upload',
      publishers,
      bodyLimit({ maxSize: MAX_UPLOAD_FORM_BYTES, onError: tools.tooLarge((s) => s.uploadTooLarge) }),
      async (c) => {
        const s = messages(c);
        const file = (await c.req.parseBody()).file;
        if (!(file instanceof File) || file.size === 0)
          return page(c, { kind: 'error', text: s.uploadNoFile }, [], 400);
        try {
          const { outcome, plan } = await uploadPlan(
            deps,
            new Uint8Array(await file.arrayBuffer()),
            staffActor(c.get('staff')),
            deps.clock(),
          );
          return c.redirect(`/staff/plans?uploaded=${outcome}&plan=${plan.id}`, 303);
        } catch (error) {
          if (error instanceof PlanFileRejected)
            return page(c, { kind: 'error', text: s.uploadProblems(error.problems.length) }, error.problems, 400);
          if (error instanceof PlanReplaceRefused) {
            const text =
              error.refusal.why === 'not-draft'
                ? s.uploadRefusedPublic(error.planId)
                : s.uploadRefusedDrops(error.planId);
            return page(c, { kind: 'error', text }, [], 409);
          }
          throw error;
        }
      },
    )
    .post(
      '/staff/plans/:id/status',
      publishers,
      bodyLimit({ maxSize: MAX_FORM_BYTES, onError: tools.tooLarge((s) => s.formTooLarge) }),
      async (c) => {
        const s = messages(c);
        const planId = c.req.param('id');
        const body = await c.req.parseBody();
        const to = PlanStatus.safeParse(body.to);
        const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, PLAN_STATUS_REASON_MAX) : '';
        if (!PLAN_ID.test(planId) || !to.success) return page(c, { kind: 'error', text: s.fieldsMissing }, [], 400);
        try {
          await changePlanStatus(
            deps,
            { planId, to: to.data, reason: reason || null },
            staffActor(c.get('staff')),
            deps.clock(),
          );
        } catch (error) {
          if (error instanceof PlanStatusError) return page(c, { kind: 'error', text: s.planStatusRefused }, [], 409);
          throw error;
        }
        return c.redirect(`/staff/plans?status=${to.data}&plan=${planId}`, 303);
      },
    );
}
