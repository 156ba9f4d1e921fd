import { STATUSES } from '../../../shared/plan/views.js';
import type { ProjectStatus } from '../../../shared/plan/schema.js';
import type { ProgressStatus } from '../../../shared/progress/assessment.js';
import { Fact } from '../../components/common.js';
import { ProjectStatusBadge, StatusBadge } from '../components/plan-text.js';
import { SummaryFacts, satisfactionText } from '../components/ratings.js';
import type { PageContext } from '../../context.js';
import type { HomeData } from '../data.js';
import { Layout } from '../layout.js';
import { inLang, localized } from '../../localized.js';
import { targetKind } from '../../../shared/feedback/target-kinds.js';
import { OtherPlans } from '../components/plans.js';

const PROJECT_STATUSES: ProjectStatus[] = ['not_started', 'in_progress', 'completed', 'unknown'];

function StatusCounts({ ctx, counts }: { ctx: PageContext; counts: Record<string, number> }) {
  return (
    <ul class="status-counts">
      {STATUSES.filter((s) => (counts[s] ?? 0) > 0).map((status: ProgressStatus) => (
        <li>
          <StatusBadge status={status} t={ctx.t} /> <strong class="count">{counts[status]}</strong>
        </li>
      ))}
    </ul>
  );
}

/** The plan at a glance: statuses by category, the plan-wide verdict, the least satisfied targets. */
export function HomePage({ ctx, data }: { ctx: PageContext; data: HomeData }) {
  const { t, lang } = ctx;
  const { plan } = data;
  const allUnassessable = plan.counts.statuses.not_assessable === plan.counts.indicators;
  const indicators = targetKind('indicator').listPath(ctx.place?.base);
  return (
    <Layout ctx={ctx} title={t.homeTitle} section="home">
      <h1>{inLang(lang, plan, 'title')}</h1>
      <p class="lead">{t.homeIntro(plan.counts.indicators, plan.counts.projects)}</p>

      <section class="panel" aria-labelledby="status-heading">
        <h2 id="status-heading">{t.homeStatusHeading}</h2>
        <div class="overall">
          <h3>{t.homeAllCategories}</h3>
          <StatusCounts ctx={ctx} counts={plan.counts.statuses} />
        </div>
        {allUnassessable && <p class="notice">{t.homeNoData(plan.baselineYear)}</p>}
        <ul class="cards cards--grid">
          {plan.categories.map((category) => {
            const summary = data.categorySummaries[category.id];
            return (
              <li class="card">
                <h3 class="card__title">
                  <a href={`${indicators}?category=${encodeURIComponent(category.id)}`}>
                    {localized(lang, { zh: category.id, en: category.nameEn })}
                  </a>
                </h3>
                <p class="card__meta">{t.categoryCounts(category.indicators, category.binding)}</p>
                <StatusCounts ctx={ctx} counts={category.statuses} />
                <dl class="facts facts--compact">
                  <Fact term={t.satisfaction}>
                    {summary && summary.count > 0
                      ? `${satisfactionText(ctx, summary)} · ${t.ratingsCount(summary.count)}`
                      : t.noRatingsShort}
                  </Fact>
                </dl>
              </li>
            );
          })}
        </ul>
        <p>
          <a class="button button--secondary" href={indicators}>
            {t.homeBrowseIndicators}
          </a>
        </p>
      </section>

      <section class="panel" aria-labelledby="satisfaction-heading">
        <h2 id="satisfaction-heading">{t.homeSatisfactionHeading}</h2>
        <SummaryFacts ctx={ctx} summary={data.planSummary} minRatings={data.minRatings} showRank={false} />
      </section>

      <section class="panel" aria-labelledby="least-heading">
        <h2 id="least-heading">{t.homeLeastHeading}</h2>
        {data.least.length === 0 ? (
          <p>{t.homeLeastNone(data.minRatings)}</p>
        ) : (
          <>
            <p class="muted">{t.homeLeastIntro(data.minRatings)}</p>
            <ol class="least">
              {data.least.map((item) => (
                <li>
                  <a href={item.href}>{inLang(lang, item, 'name')}</a>
                  <span class="least__figures">
                    {satisfactionText(ctx, item.summary)} · {t.ratingsCount(item.summary.count)}
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      <section class="panel" aria-labelledby="projects-heading">
        <h2 id="projects-heading">{t.homeProjectsHeading}</h2>
        <p>{t.homeProjectsSummary(plan.counts.projects)}</p>
        <ul class="status-counts">
          {PROJECT_STATUSES.filter((s) => (plan.counts.projectStatuses[s] ?? 0) > 0).map((status) => (
            <li>
              <ProjectStatusBadge status={status} t={t} />{' '}
              <strong class="count">{plan.counts.projectStatuses[status]}</strong>
            </li>
          ))}
        </ul>
        {data.projectsSummary.count > 0 && (
          <dl class="facts facts--compact">
            <Fact
              term={t.satisfaction}
            >{`${satisfactionText(ctx, data.projectsSummary)} · ${t.ratingsCount(data.projectsSummary.count)}`}</Fact>
          </dl>
        )}
        <p>
          <a class="button button--secondary" href={targetKind('project').listPath(ctx.place?.base)}>
            {t.homeBrowseProjects}
          </a>
        </p>
      </section>

      <OtherPlans ctx={ctx} />
    </Layout>
  );
}
