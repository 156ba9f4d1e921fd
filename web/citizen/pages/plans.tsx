import type { PageContext } from '../../context.js';
import type { PlanSummary } from '../../../shared/store/plan-repository.js';
import { PlanList } from '../components/plans.js';
import { Layout } from '../layout.js';

/** Every public plan, current first, each with its period and status; a closed one links its final evaluation. */
export function PlansPage({ ctx, plans, current }: { ctx: PageContext; plans: PlanSummary[]; current: string | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.plansTitle} section={null}>
      <h1>{t.plansTitle}</h1>
      <p class="lead">{t.plansIntro}</p>
      {plans.length === 0 ? <p>{t.plansNone}</p> : <PlanList ctx={ctx} plans={plans} current={current} />}
    </Layout>
  );
}
