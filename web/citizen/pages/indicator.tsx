import type { IndicatorDetailView } from '../../../shared/plan/views.js';
import { historyRowName, indicatorChart, yearsOf } from '../chart-data.js';
import { ChartFigure } from '../components/chart.js';
import { DataTable } from '../../components/table.js';
import { Fact } from '../../components/common.js';
import {
  BaselineAndLatest,
  CellText,
  growthText,
  indicatorName,
  indicatorUnit,
  StatusBadge,
  TargetText,
  Text,
  Zh,
} from '../components/plan-text.js';
import type { PageContext } from '../../context.js';
import { TargetPage, type TargetPageState } from '../components/target-page.js';
import type { IndicatorPageData } from '../data.js';
import { VerdictLine } from '../components/verdict-line.js';
import { VerdictTrend } from '../components/verdict-trend.js';
import { formatDateTime, formatNumber, percentDigits, withUnit } from '../../format.js';
import { localized } from '../../localized.js';
import { reasonInWords } from '../../i18n-revisions.js';
import { inPlan } from '../place.js';

/** The status and every number behind it, in words: method, base, target, required and observed per year, ratio, reason. */
function Assessment({ ctx, view }: { ctx: PageContext; view: IndicatorDetailView }) {
  const { t, lang } = ctx;
  const p = view.progress;
  const years = yearsOf(view);
  const unit = indicatorUnit(ctx, view);
  const value = (v: number) => withUnit(formatNumber(v, lang), unit);
  const perYear = (v: number) => {
    if (p.method === 'compound') return t.perYearPercent(percentDigits(v, lang));
    if (p.method === 'percentage-point') return t.perYearPoints(formatNumber(v, lang));
    return t.perYearUnits(value(v));
  };
  const baseText = p.base
    ? `${t.valueInYear(p.base.source === 'baseline' && view.baseline.kind === 'number' ? withUnit(view.baseline.raw, unit) : value(p.base.value), p.base.year)} · ${t.baseSource(p.base.source)}`
    : null;
  const targetText =
    p.target && p.target.value !== null
      ? p.method === 'annual-floor'
        ? t.floorPercent(formatNumber(p.target.value, lang))
        : `${t.valueInYear(p.target.implied ? value(p.target.value) : view.target.kind === 'number' ? withUnit(view.target.raw, unit) : value(p.target.value), p.target.year)}${p.target.implied ? t.impliedMark : ''}`
      : null;
  return (
    <details class="panel assessment" open>
      <summary>
        <h2 id="assessment-heading">{t.howComputed}</h2>
      </summary>
      <dl class="facts">
        <Fact term={t.explainMethod}>{p.method ? t.methodName(p.method, years) : t.notGiven}</Fact>
        <Fact term={t.explainBase}>{baseText ?? <CellText ctx={ctx} indicator={view} cell={view.baseline} />}</Fact>
        <Fact term={t.explainTarget}>{targetText ?? <TargetText ctx={ctx} indicator={view} />}</Fact>
        <Fact term={t.explainLatest}>
          {p.latest ? t.valueInYear(value(p.latest.value), p.latest.year) : t.noValueYet}
        </Fact>
        <Fact term={t.explainRequired}>
          {p.required === null
            ? '—'
            : p.method === 'annual-floor'
              ? t.floorPercent(formatNumber(p.required, lang))
              : perYear(p.required)}
        </Fact>
        <Fact term={t.explainObserved}>
          {p.observed === null
            ? t.noValueYet
            : p.method === 'annual-floor'
              ? t.meanPercent(formatNumber(p.observed, lang))
              : perYear(p.observed)}
        </Fact>
        <Fact term={t.explainRatio}>
          {p.ratio === null ? '—' : formatNumber(Math.round(p.ratio * 1000) / 1000, lang)}
          <span class="muted note">{t.ratioBands}</span>
        </Fact>
        {p.expectedAtLatest !== null && p.latest && (
          <Fact term={t.explainExpected}>
            {p.method === 'annual-floor'
              ? t.floorPercent(formatNumber(p.expectedAtLatest, lang))
              : t.valueInYear(value(p.expectedAtLatest), p.latest.year)}
          </Fact>
        )}
        <Fact term={t.explainReason}>
          <StatusBadge status={p.status} t={t} /> {t.reason(p.reason, years)}
        </Fact>
        {(p.notes.length > 0 || p.growthCheck) && (
          <Fact term={t.explainNotes}>
            <ul class="plain">
              {p.notes.map((note) => (
                <li>{t.note(note, years)}</li>
              ))}
              {p.growthCheck && (
                <li>
                  {t.growthCheck(
                    formatNumber(p.growthCheck.requiredPercent, lang),
                    p.growthCheck.observedPercent === null ? null : formatNumber(p.growthCheck.observedPercent, lang),
                    p.growthCheck.met,
                  )}
                </li>
              )}
            </ul>
          </Fact>
        )}
      </dl>
      <p>
        <a href={inPlan(ctx.place, '/method')}>{t.footerMethod}</a>
      </p>
    </details>
  );
}

/** One indicator: status, chart and table of its history and path, the assessment in words, ratings, the form, comments. */
export function IndicatorPage({
  ctx,
  data,
  state,
}: {
  ctx: PageContext;
  data: IndicatorPageData;
  state: TargetPageState;
}) {
  const { t, lang } = ctx;
  const { view } = data;
  const name = indicatorName(ctx, view);
  const unit = indicatorUnit(ctx, view);
  const chart = indicatorChart(view, lang, t);
  const source =
    view.source.row !== undefined
      ? t.sourceRow(view.source.box, view.source.row)
      : view.source.footnote !== undefined
        ? t.sourceFootnote(view.source.box, view.source.footnote)
        : view.source.box;
  return (
    <TargetPage ctx={ctx} type="indicator" id={view.id} name={name} nameZh={view.nameZh} feedback={data} state={state}>
      <p class="card__meta">
        {t.indicatorSeq(view.seq)} · {localized(lang, { zh: view.category, en: data.categoryEn })} ·{' '}
        {t.attributeName(view.attribute)} · {t.directionName(view.direction)}
      </p>

      <section class="panel status-panel" aria-labelledby="status-heading">
        <h2 id="status-heading">{t.statusHeading}</h2>
        <p class="status-line">
          <StatusBadge status={view.progress.status} t={t} />{' '}
          <span>{t.reason(view.progress.reason, yearsOf(view))}</span>
        </p>
        <dl class="facts facts--row">
          <BaselineAndLatest ctx={ctx} indicator={view} />
          <Fact term={t.target(view.targetYear)}>
            {view.target.kind === 'number' ? (
              withUnit(view.target.raw, unit)
            ) : view.target.kind === 'qualitative' ? (
              <Zh ctx={ctx}>{view.target.text}</Zh>
            ) : (
              t.notGiven
            )}
          </Fact>
          {view.growth && <Fact term={t.growthTarget}>{growthText(ctx, view.growth)}</Fact>}
          {view.stretch && (
            <Fact term={t.stretchTarget}>
              <Zh ctx={ctx}>{view.stretch.raw}</Zh>
            </Fact>
          )}
          <Fact term={t.measure}>{t.measureName(view.measure)}</Fact>
          <Fact term={t.unit}>{unit || '—'}</Fact>
          <Fact term={t.source}>
            <Text ctx={ctx} text={source} />
          </Fact>
        </dl>
      </section>

      <section class="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t.chartHeading}</h2>
        <ChartFigure
          id="indicator-chart"
          data={chart.data}
          label={t.chartLabel(name, view.targetYear)}
          caption={t.tableCaption(name, unit || '—')}
          summary={chart.summary.map((sentence) => (
            <Text ctx={ctx} text={sentence} />
          ))}
          table={
            <DataTable
              label={t.tableHeading}
              caption={{ text: unit ? t.tableUnitCaption(unit) : t.tableHeading, visible: true }}
              numbers
              columns={[t.colYear, ...chart.columns.map((column) => <Text ctx={ctx} text={column.label} />)]}
            >
              {chart.rows.map((row) => (
                <tr>
                  <th scope="row">{row.year}</th>
                  {row.cells.map((cell) => (
                    <td>
                      <Text ctx={ctx} text={cell ?? '—'} />
                    </td>
                  ))}
                </tr>
              ))}
            </DataTable>
          }
        />
        {chart.unplotted.length > 0 && (
          <ul class="plain muted">
            {chart.unplotted.map(({ row, note }) => {
              const name = historyRowName(row, ctx.lang);
              return (
                <li>
                  {name === row.nameZh ? <Zh ctx={ctx}>{name}</Zh> : name}: {note}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <Assessment ctx={ctx} view={view} />

      {view.revisions.length > 0 && (
        <section class="panel" aria-labelledby="revisions-heading">
          <h2 id="revisions-heading">{t.revisionsHeading}</h2>
          <p class="muted">{t.revisionsIntro}</p>
          <DataTable
            label={t.revisionsHeading}
            caption={{ text: t.revisionsHeading }}
            columns={[t.colYear, t.colRevision, t.colValue, t.colRecordedAt, t.colReason]}
          >
            {view.revisions.map((r) => (
              <tr>
                <th scope="row">{r.year}</th>
                <td>{r.revision}</td>
                <td>{withUnit(formatNumber(r.value, lang), unit)}</td>
                <td>{formatDateTime(r.recordedAt)}</td>
                <td>
                  {reasonInWords(t, r)}
                  {r.source && <span class="muted"> · {r.source}</span>}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      <VerdictLine ctx={ctx} verdict={data.verdict} />
      <VerdictTrend ctx={ctx} view={view} years={data.years} minRatings={data.minRatings} />
    </TargetPage>
  );
}
