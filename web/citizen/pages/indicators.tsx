import { Attribute } from '../../../shared/plan/schema.js';
import { STATUSES } from '../../../shared/plan/views.js';
import { Fact, FilterSelect } from '../../components/common.js';
import { ListFilters } from '../components/list-filters.js';
import {
  CellText,
  indicatorName,
  indicatorUnit,
  SatisfactionBrief,
  StatusBadge,
  TargetText,
} from '../components/plan-text.js';
import type { PageContext } from '../../context.js';
import type { IndicatorListData } from '../data.js';
import { formatNumber, withUnit } from '../../format.js';
import { Layout } from '../layout.js';
import { localized } from '../../localized.js';
import { targetKind } from '../../../shared/feedback/target-kinds.js';

/** Every indicator, filtered and searched on the server by a plain GET form. */
export function IndicatorsPage({ ctx, data }: { ctx: PageContext; data: IndicatorListData }) {
  const { t, lang } = ctx;
  const { filter } = data;
  const filtered = Boolean(filter.category || filter.attribute || filter.status || filter.q);
  return (
    <Layout ctx={ctx} title={t.indicatorsTitle} section="indicators">
      <h1>{t.indicatorsTitle}</h1>
      <p class="lead">{t.indicatorsIntro}</p>

      <ListFilters
        ctx={ctx}
        action={targetKind('indicator').listPath(ctx.place?.base)}
        q={filter.q}
        filtered={filtered}
        shown={data.items.length}
        total={data.total}
      >
        <FilterSelect
          id="f-category"
          name="category"
          label={t.filterCategory}
          all={t.filterAll}
          options={data.categories.map((c) => [c.id, localized(lang, { zh: c.id, en: c.nameEn })] as const)}
          selected={filter.category}
        />
        <FilterSelect
          id="f-attribute"
          name="attribute"
          label={t.filterAttribute}
          all={t.filterAll}
          options={Attribute.options.map((a) => [a, t.attributeName(a)] as const)}
          selected={filter.attribute}
        />
        <FilterSelect
          id="f-status"
          name="status"
          label={t.filterStatus}
          all={t.filterAll}
          options={STATUSES.map((s) => [s, t.statusName(s)] as const)}
          selected={filter.status}
        />
      </ListFilters>
      {data.items.length === 0 ? (
        <p>{t.noResults}</p>
      ) : (
        <ul class="cards">
          {data.items.map((i) => {
            const unit = indicatorUnit(ctx, i);
            return (
              <li class="card">
                <h2 class="card__title">
                  <a href={targetKind('indicator').pagePath(i.id, ctx.place?.base)}>{indicatorName(ctx, i)}</a>
                </h2>
                <p class="card__meta">
                  {localized(lang, { zh: i.category, en: data.categories.find((c) => c.id === i.category)?.nameEn })} ·{' '}
                  {t.attributeName(i.attribute)}
                  {unit && ` · ${unit}`}
                </p>
                <p>
                  <StatusBadge status={i.progress.status} t={t} />
                </p>
                <dl class="facts facts--row">
                  <Fact term={t.baseline(i.baselineYear)}>
                    <CellText ctx={ctx} indicator={i} cell={i.baseline} />
                  </Fact>
                  <Fact term={t.latest}>
                    {i.latest
                      ? t.valueInYear(withUnit(formatNumber(i.latest.value, lang), unit), i.latest.year)
                      : t.noValueYet}
                  </Fact>
                  <Fact term={t.target(i.targetYear)}>
                    <TargetText ctx={ctx} indicator={i} />
                  </Fact>
                  <Fact term={t.satisfaction}>
                    <SatisfactionBrief ctx={ctx} brief={i.ratings} />
                  </Fact>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </Layout>
  );
}
