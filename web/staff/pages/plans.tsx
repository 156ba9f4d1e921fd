import { PLAN_TRANSITIONS, type PlanStatus } from '../../../shared/plan/lifecycle.js';
import type { PlanFileProblem } from '../../../shared/plan/file.js';
import type { PlanSummary } from '../../../shared/store/plan-repository.js';
import { REASON_MAX_LENGTH } from '../../../shared/api/staff-schemas.js';
import { Field } from '../../components/common.js';
import { DataTable } from '../../components/table.js';
import { localized } from '../../localized.js';
import { Notice, StaffLayout, type StaffContext } from '../layout.js';

export interface PlansState {
  plans: PlanSummary[];
  notice: { kind: 'ok' | 'error'; text: string } | null;
  /** A refused upload's problems, each with its JSON path. */
  problems: PlanFileProblem[];
}

/** The plans, each with its status and the changes its status allows; and the upload of a plan file. */
export function PlansPage({ ctx, state }: { ctx: StaffContext; state: PlansState }) {
  const { s, lang } = ctx;
  const label = (to: PlanStatus, from: PlanStatus) =>
    to === 'closed' ? s.planClose : from === 'closed' ? s.planReopen : s.planPublish;
  return (
    <StaffLayout ctx={ctx} title={s.plansTitle} section="plans">
      <h1>{s.plansTitle}</h1>
      <p>{s.plansIntro}</p>
      {state.notice && <Notice kind={state.notice.kind}>{state.notice.text}</Notice>}
      {state.problems.length > 0 && (
        <ul class="problems" id="plan-problems">
          {state.problems.map((p) => (
            <li>
              <code>{p.path}</code>
              {p.item ? ` (${p.item})` : ''}: {p.message}
            </li>
          ))}
        </ul>
      )}
      {state.plans.length === 0 ? (
        <p>{s.planNone}</p>
      ) : (
        <DataTable
          label={s.plansTitle}
          id="plans"
          columns={[s.planColumnPlan, s.planColumnPeriod, s.planColumnStatus, s.planColumnActions]}
        >
          {state.plans.map((plan) => (
            <tr id={`plan-${plan.id}`}>
              <td>
                <a href={`/staff/plans/${plan.id}`}>{localized(lang, { zh: plan.titleZh, en: plan.titleEn })}</a>{' '}
                <code>{plan.id}</code>
              </td>
              <td>{`${plan.periodStart}–${plan.periodEnd}`}</td>
              <td class={`plan-status plan-status--${plan.status}`}>{s.planStatusName(plan.status)}</td>
              <td>
                {PLAN_TRANSITIONS[plan.status].map((to) => (
                  <form method="post" action={`/staff/plans/${plan.id}/status`} class="staff-form staff-form--inline">
                    <input type="hidden" name="to" value={to} />
                    <Field id={`reason-${plan.id}-${to}`} label={s.planReason}>
                      <input type="text" id={`reason-${plan.id}-${to}`} name="reason" maxlength={REASON_MAX_LENGTH} />
                    </Field>
                    <button type="submit">{label(to, plan.status)}</button>
                  </form>
                ))}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <form
        method="post"
        action="/staff/plans/upload"
        enctype="multipart/form-data"
        class="staff-form"
        id="plan-upload"
      >
        <h2>{s.uploadHeading}</h2>
        <Field id="plan-file" label={s.uploadFile}>
          <input type="file" id="plan-file" name="file" accept="application/json,.json" required />
        </Field>
        <button type="submit">{s.uploadButton}</button>
      </form>
    </StaffLayout>
  );
}
