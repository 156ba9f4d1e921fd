import type { PlanScope } from '../../../shared/http/plan-scope.js';
import { inLang } from '../../localized.js';
import type { StaffContext } from '../layout.js';

/**
 * Which plan a staff page works on, and the way to the same page of another plan (drafts too): a
 * disclosure of links, so it works without JavaScript. The current plan's pages are also at /staff.
 */
export function StaffPlanSwitcher({ ctx, scope, path }: { ctx: StaffContext; scope: PlanScope; path: string }) {
  const { s, lang } = ctx;
  const { plan } = scope;
  return (
    <details class="plan-switch" id="staff-plan">
      <summary>
        {s.planSwitchLabel}: {inLang(lang, plan, 'title')} ·{' '}
        <span class={`pill pill--plan-${plan.status}`}>{s.planStatusName(plan.status)}</span>
      </summary>
      <ul class="plain">
        {scope.plans.map((p) => (
          <li>
            <a href={`/staff/plans/${p.id}${path}`} aria-current={p.id === plan.id ? 'page' : undefined}>
              {inLang(lang, p, 'title')}
            </a>{' '}
            <span class="muted">
              {p.periodStart}–{p.periodEnd} · {s.planStatusName(p.status)}
              {p.id === scope.current?.id && ` · ${s.planSwitchCurrent}`}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
