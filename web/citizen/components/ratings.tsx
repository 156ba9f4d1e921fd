import type { ScopeSummary, SeriesPoint } from '../../../shared/ratings/documents.js';
import { countAt, LEVELS_BEST_FIRST, ratingsChart } from '../chart-data.js';
import type { PageContext } from '../../context.js';
import { formatNumber, formatShare } from '../../format.js';
import { ChartFigure } from './chart.js';
import { DataTable } from '../../components/table.js';
import { Fact } from '../../components/common.js';
import { localized } from '../../localized.js';
import { satisfactionShown } from '../satisfaction.js';

/** 满意率 with its 95% Wilson interval, as published, or too few ratings to summarise (web/citizen/satisfaction.ts). */
export const satisfactionText = (ctx: PageContext, summary: ScopeSummary) =>
  satisfactionShown(ctx.t, ctx.lang, { ...summary, tooFew: summary.tooFewToRank });

/** The key figures of a summary: 满意率 and interval, sample size, means, rank or why there is none. */
export function SummaryFacts({
  ctx,
  summary,
  minRatings,
  showRank = true,
}: {
  ctx: PageContext;
  summary: ScopeSummary;
  minRatings: number;
  showRank?: boolean;
}) {
  const { t, lang } = ctx;
  if (summary.count === 0) return <p>{t.ratingsNone}</p>;
  return (
    <>
      <dl class="facts">
        <Fact term={t.satisfaction}>{satisfactionText(ctx, summary)}</Fact>
        <Fact term={t.colCount}>{t.ratingsCount(summary.count)}</Fact>
        {summary.mean !== null && <Fact term={t.meanScore}>{formatNumber(summary.mean, lang)}</Fact>}
        {showRank && summary.bayesianMean !== null && (
          <Fact term={t.bayesianMean}>{formatNumber(summary.bayesianMean, lang)}</Fact>
        )}
        {showRank && (
          <Fact term={t.rank}>
            {summary.tooFewToRank || summary.rank === null ? t.tooFewToRank(minRatings) : t.rankValue(summary.rank)}
          </Fact>
        )}
      </dl>
      <p class="muted">{t.satisfactionExplain}</p>
    </>
  );
}

interface RatingSummaryProps {
  ctx: PageContext;
  summary: ScopeSummary;
  minRatings: number;
  years: SeriesPoint[];
  /** The target's name, for the chart's accessible label. */
  name: string;
}

/** A target's published rating summary: figures, the five levels as a bar chart and a table, and by year. */
export function RatingSummary({ ctx, summary, minRatings, years, name }: RatingSummaryProps) {
  const { t, lang } = ctx;
  return (
    <section class="panel" aria-labelledby="ratings-heading" id="ratings">
      <h2 id="ratings-heading">{t.ratingsHeading}</h2>
      <SummaryFacts ctx={ctx} summary={summary} minRatings={minRatings} />
      {summary.count > 0 && summary.tooFewToRank && <p class="flag">{t.tooFewToRank(minRatings)}</p>}
      {summary.count > 0 && (
        <ChartFigure
          id="ratings-chart"
          size="short"
          data={ratingsChart(summary.histogram, t)}
          label={t.histogramLabel(name)}
          caption={t.histogramCaption}
          summary={[
            LEVELS_BEST_FIRST.map((level) => `${t.level(level)} ${countAt(summary.histogram, level)}`).join(
              localized(lang, { zh: '，', en: ', ' }),
            ) + localized(lang, { zh: '。', en: '.' }),
          ]}
          table={
            <DataTable
              label={t.histogramCaption}
              caption={{ text: t.histogramCaption }}
              numbers
              columns={[t.colLevel, t.colCount, t.colShare]}
            >
              {LEVELS_BEST_FIRST.map((level) => (
                <tr>
                  <th scope="row">{t.level(level)}</th>
                  <td>{countAt(summary.histogram, level)}</td>
                  <td>{formatShare(countAt(summary.histogram, level) / summary.count, lang)}</td>
                </tr>
              ))}
            </DataTable>
          }
        />
      )}
      {years.length > 0 && (
        <>
          <h3>{t.seriesHeading}</h3>
          <DataTable
            label={t.seriesCaption}
            caption={{ text: t.seriesCaption }}
            numbers
            columns={[t.colPeriod, t.colCount, t.satisfaction]}
          >
            {years.map((point) => (
              <tr>
                <th scope="row">{point.period}</th>
                <td>{point.count}</td>
                <td>{satisfactionShown(t, lang, { ...point, tooFew: point.count < minRatings })}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <p class="muted">{t.ratingsUpdated}</p>
    </section>
  );
}
