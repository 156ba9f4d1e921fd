import { Attribute } from '../../../shared/plan/schema.js';
import { STATUSES } from '../../../shared/plan/views.js';
import { Fact } from '../../components/common.js';
import { ListPage } from '../components/list-filters.js';
import {
  BaselineAndLatest,
  indicatorName,
  indicatorUnit,
  SatisfactionBrief,
  StatusBadge,
  TargetText,
} from '../components/plan-text.js';
import type { PageContext } from '../../context.js';
import type { IndicatorListData } from '../data.js';
import { localized } from '../../localized.js';
import { targetKind } from '../../../shared/feedback/target-kinds.js';

/** Every indicator, filtered and searched on the server by a plain GET form. */
export function IndicatorsPage({ ctx, data }: { ctx: PageContext; data: IndicatorListData }) {
  const { t, lang } = ctx;
  return (
    <ListPage
      ctx={ctx}
      type="indicator"
      title={t.indicatorsTitle}
      intro={t.indicatorsIntro}
      choices={{
        category: {
          label: t.filterCategory,
          options: data.categories.map((c) => [c.id, localized(lang, { zh: c.id, en: c.nameEn })] as const),
        },
        attribute: {
          label: t.filterAttribute,
          options: Attribute.options.map((a) => [a, t.attributeName(a)] as const),
        },
        status: { label: t.filterStatus, options: STATUSES.map((s) => [s, t.statusName(s)] as const) },
      }}
      chosen={data.filter}
      shown={data.items.length}
      total={data.total}
    >
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
              <BaselineAndLatest ctx={ctx} indicator={i} />
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
    </ListPage>
  );
}
