import { REGIONS } from '../../../shared/verdicts/classify.js';
import type { Verdict } from '../../../shared/verdicts/verdicts.js';
import { targetKind } from '../../../shared/feedback/target-kinds.js';
import { PROJECTS_GROUP } from '../../../shared/feedback/target-kinds.js';
import { FilterSelect } from '../../components/common.js';
import { DataTable } from '../../components/table.js';
import type { PageContext } from '../../context.js';
import { formatNumber, formatShare, withUnit } from '../../format.js';
import { inLang, localized } from '../../localized.js';
import { VerdictChart } from '../components/verdict-chart.js';
import { Layout } from '../layout.js';
import { inPlan } from '../place.js';
import type { VerdictsPageData } from '../verdicts-data.js';
import { officialName, ratioText, regionText, satisfactionText } from '../verdict-text.js';

/**
 * The two verdicts side by side: how many targets fall in each region, the scatter chart and the
 * same data as a table, filtered by category and year on the server (a plain GET form).
 */
export function VerdictsPage({ ctx, data }: { ctx: PageContext; data: VerdictsPageData }) {
  const { t, lang } = ctx;
  const { document, shown, filter } = data;
  const action = inPlan(ctx.place, '/verdicts');
  const hrefOf = (v: Verdict) => targetKind(v.targetType).pagePath(v.targetId, ctx.place?.base);
  const nameOf = (v: Verdict) => inLang(lang, v, 'name');
  const categoryName = (id: string) =>
    id === PROJECTS_GROUP
      ? t.verdictsProjects
      : localized(lang, { zh: id, en: data.categories.find((c) => c.id === id)?.nameEn ?? id });
  const latestText = (v: Verdict) => {
    const latest = v.official.latest;
    if (v.official.percent !== null) return t.verdictsPercent(formatNumber(v.official.percent, lang));
    if (!latest) return null;
    const unit = data.units.get(v.targetId);
    const value = (n: number) => withUnit(formatNumber(n, lang), unit ? localized(lang, unit) : '');
    return t.verdictsLatest(
      latest.year,
      value(latest.value),
      v.official.expected === null ? null : value(v.official.expected),
    );
  };
  return (
    <Layout ctx={ctx} title={t.verdictsTitle} section="verdicts">
      <h1>{t.verdictsTitle}</h1>
      <p class="lead">{t.verdictsIntro}</p>
      {document && (
        <p>
          {t.verdictsMethod(
            formatShare(document.thresholds.low, lang),
            formatShare(document.thresholds.high, lang),
            document.minRatings,
          )}
        </p>
      )}

      <form method="get" action={action} class="filters filters--verdicts" aria-label={t.filterHeading}>
        <FilterSelect
          id="f-category"
          name="category"
          label={t.verdictsFilterCategory}
          all={t.filterAll}
          options={data.categories.map((c) => [c.id, categoryName(c.id)] as const)}
          selected={filter.category}
        />
        <FilterSelect
          id="f-period"
          name="period"
          label={t.verdictsFilterYear}
          all={null}
          options={[
            ['all', t.verdictsAllYears] as const,
            ...data.periods.filter((p) => p !== 'all').map((p) => [p, t.verdictsYearOption(p)] as const),
          ]}
          selected={filter.period}
        />
        <div class="filters__actions">
          <button type="submit" class="button">
            {t.filterApply}
          </button>
          {(filter.category || filter.period !== 'all') && <a href={action}>{t.filterReset}</a>}
        </div>
      </form>

      {!document ? (
        <p role="status">{t.verdictsNotYet}</p>
      ) : (
        <>
          <h2>{t.verdictsCounts}</h2>
          <dl class="verdict-counts">
            {REGIONS.map((region) => (
              <div class={`verdict-counts__item verdict-counts__item--${region}`}>
                <dt>
                  {t.region(region)}
                  <span class="muted"> · {t.regionExplained(region)}</span>
                </dt>
                <dd>{shown.counts[region]}</dd>
              </div>
            ))}
          </dl>

          <figure class="verdict-chart" aria-labelledby="verdict-chart-caption">
            <figcaption id="verdict-chart-caption" class="chart-figure__caption">
              {t.verdictsChartCaption}
            </figcaption>
            <p class="visually-hidden">
              {t.verdictsChartLabel(shown.verdicts.filter((v) => v.citizens.satisfaction !== null).length)}
            </p>
            <div class="verdict-chart__scroll">
              <VerdictChart
                ctx={ctx}
                verdicts={shown.verdicts}
                thresholds={document.thresholds}
                hrefOf={hrefOf}
                nameOf={nameOf}
                officialOf={(v) => officialName(t, v)}
              />
            </div>
          </figure>

          {shown.verdicts.length === 0 ? (
            <p>{t.verdictsNone}</p>
          ) : (
            <DataTable
              label={t.verdictsTableCaption}
              id="verdicts-table"
              caption={{ text: t.verdictsTableCaption, visible: true }}
              columns={[
                t.verdictsColTarget,
                t.verdictsFilterCategory,
                t.verdictsColOfficial,
                t.verdictsColRatio,
                t.verdictsColSatisfaction,
                t.verdictsColCount,
                t.verdictsColRegion,
              ]}
            >
              {shown.verdicts.map((v) => (
                <tr class={`verdict-row verdict-row--${v.region}`} data-target={`${v.targetType}:${v.targetId}`}>
                  <th scope="row">
                    <a href={hrefOf(v)}>{nameOf(v)}</a>
                  </th>
                  <td>{categoryName(v.category)}</td>
                  <td>
                    {officialName(t, v)}
                    {latestText(v) && <span class="muted"> · {latestText(v)}</span>}
                  </td>
                  <td>{ratioText(lang, v) ?? '—'}</td>
                  <td>{satisfactionText(t, lang, v)}</td>
                  <td>{v.citizens.count}</td>
                  <td>{regionText(t, v)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </Layout>
  );
}
