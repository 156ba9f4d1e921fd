import type { PageContext } from '../../context.js';
import { inLang } from '../../localized.js';
import { planStatus } from '../../../shared/plan/current.js';
import type { PlanSummary } from '../../../shared/store/plan-repository.js';
import { evaluationPath, planPath, PLANS_PAGE, type PlanPlace } from '../place.js';

/** A public plan's status in words: a draft is never shown to citizens. */
const statusOf = (plan: PlanSummary) => (planStatus(plan) === 'closed' ? 'closed' : 'published');

/** A plan's title, period and status, as one line. */
function PlanFacts({ ctx, plan }: { ctx: PageContext; plan: PlanSummary }) {
  const { t } = ctx;
  return (
    <span class="plan-facts">
      {t.planPeriod(plan.periodStart, plan.periodEnd)} ·{' '}
      <span class={`pill pill--plan-${statusOf(plan)}`}>{t.planStatusName(statusOf(plan))}</span>
    </span>
  );
}

/**
 * The plan switcher of the header, when there is more than one plan: a disclosure of links, so it
 * works without JavaScript. The plan shown is marked, the current one named as such.
 */
export function PlanSwitcher({ ctx, place }: { ctx: PageContext; place: PlanPlace }) {
  const { t, lang } = ctx;
  if (place.plans.length < 2) return null;
  return (
    <details class="plan-switch">
      <summary>
        {t.planSwitchLabel}: {inLang(lang, place.plan, 'title')}
      </summary>
      <ul class="plain">
        {place.plans.map((plan) => (
          <li>
            <a href={planPath(plan.id)} aria-current={plan.id === place.plan.id ? 'page' : undefined}>
              {inLang(lang, plan, 'title')}
            </a>{' '}
            <span class="muted">
              {t.planPeriod(plan.periodStart, plan.periodEnd)}
              {plan.id === place.current?.id && ` · ${t.planCurrent}`}
            </span>
          </li>
        ))}
        <li>
          <a href={PLANS_PAGE}>{t.planSwitchAll}</a>
        </li>
      </ul>
    </details>
  );
}

/**
 * What a reader of a plan's pages should know first: that this is not the current plan (when
 * reached at /plans/{id}), and that a closed plan takes no more ratings, with its final evaluation.
 */
export function PlanNotices({ ctx, place }: { ctx: PageContext; place: PlanPlace }) {
  const { t, lang } = ctx;
  const closed = planStatus(place.plan) === 'closed';
  const notCurrent = place.current !== null && place.current.id !== place.plan.id;
  if (!closed && !notCurrent) return null;
  return (
    <div class="notice plan-notice" role="note">
      {notCurrent && place.current && (
        <p>
          {t.notCurrentNotice(inLang(lang, place.current, 'title'))}{' '}
          <a href={planPath(place.current.id)}>{t.notCurrentLink}</a>
        </p>
      )}
      {closed && (
        <p>
          {t.planClosedNotice} <a href={evaluationPath(place.plan.id)}>{t.planEvaluation}</a>
        </p>
      )}
    </div>
  );
}

/** The plans, current first: title, period, status, and a closed plan's final evaluation. */
export function PlanList({ ctx, plans, current }: { ctx: PageContext; plans: PlanSummary[]; current: string | null }) {
  const { t, lang } = ctx;
  return (
    <ul class="cards plan-list">
      {plans.map((plan) => (
        <li class="card" data-plan={plan.id}>
          <h2 class="card__title">
            <a href={planPath(plan.id)}>{inLang(lang, plan, 'title')}</a>
          </h2>
          <p class="card__meta">
            {plan.id === current && <strong class="pill pill--current">{t.planCurrent}</strong>}{' '}
            <PlanFacts ctx={ctx} plan={plan} />
          </p>
          <p>
            <a href={planPath(plan.id)}>{t.planOpen}</a>
            {statusOf(plan) === 'closed' && (
              <>
                {' · '}
                <a href={evaluationPath(plan.id)}>{t.planEvaluation}</a>
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The home page's other plans: every public plan but the one shown, and the way to all of them. */
export function OtherPlans({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const place = ctx.place;
  const others = place?.plans.filter((plan) => plan.id !== place.plan.id) ?? [];
  if (others.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="other-plans-heading">
      <h2 id="other-plans-heading">{t.homeOtherPlansHeading}</h2>
      <PlanList ctx={ctx} plans={others} current={place?.current?.id ?? null} />
      <p>
        <a href={PLANS_PAGE}>{t.homeOtherPlansAll}</a>
      </p>
    </section>
  );
}
