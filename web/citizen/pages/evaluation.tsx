import type { Child } from 'hono/jsx';
import type { PlanEvaluation, VerdictCounts } from '../../../shared/evaluation/evaluation.js';
import type { IndicatorEvaluation, Verdict } from '../../../shared/evaluation/indicators.js';
import { VERDICTS } from '../../../shared/evaluation/indicators.js';
import { ProjectStatus } from '../../../shared/plan/schema.js';
import { DataTable } from '../../components/table.js';
import { Fact } from '../../components/common.js';
import type { PageContext } from '../../context.js';
import { formatDate, formatNumber, withUnit } from '../../format.js';
import { inLang, localized } from '../../localized.js';
import { Layout } from '../layout.js';
import { satisfactionShown } from '../satisfaction.js';
import { explainsNotAssessable } from '../../i18n-evaluation.js';
import { ProjectStatusBadge, Text } from '../components/plan-text.js';

/** A verdict is never told by colour alone: the badge carries its name. */
function VerdictBadge({ ctx, verdict }: { ctx: PageContext; verdict: Verdict }) {
  return <span class={`badge badge--verdict-${verdict}`}>{ctx.t.evaluationVerdict(verdict)}</span>;
}

const unitOf = (ctx: PageContext, r: IndicatorEvaluation) => localized(ctx.lang, { zh: r.unit, en: r.unitEn });

/** Shares and yearly rates are percentages: their differences are percentage points. */
function amount(ctx: PageContext, r: IndicatorEvaluation, value: number) {
  const digits = formatNumber(value, ctx.lang);
  return r.measure === 'share' || r.measure === 'rate'
    ? ctx.t.evaluationPoints(digits)
    : withUnit(digits, unitOf(ctx, r));
}

function gapText(ctx: PageContext, r: IndicatorEvaluation, gap: number | null) {
  if (gap === null) return '—';
  if (gap === 0) return ctx.t.evaluationGapOn;
  const size = amount(ctx, r, Math.abs(gap));
  return gap > 0 ? ctx.t.evaluationGapBeyond(size) : ctx.t.evaluationGapShort(size);
}

function FinalCell({ ctx, r }: { ctx: PageContext; r: IndicatorEvaluation }) {
  const { t, lang } = ctx;
  if (!r.final) return <em>{t.evaluationNoFinalValue}</em>;
  return (
    <>
      {withUnit(formatNumber(r.final.value, lang), unitOf(ctx, r))}
      <span class="evaluation__note">{t.evaluationFinalYear(r.final.year)}</span>
      {!r.finalIsTargetYear && <span class="evaluation__note">{t.evaluationTargetYearMissing(r.target.year)}</span>}
      {r.periodMean !== null && (
        <span class="evaluation__note">
          {t.evaluationPeriodMean(withUnit(formatNumber(r.periodMean, lang), unitOf(ctx, r)))}
        </span>
      )}
    </>
  );
}

function TargetCell({ ctx, r }: { ctx: PageContext; r: IndicatorEvaluation }) {
  const { t, lang } = ctx;
  if (r.target.value === null) return <Text ctx={ctx} text={r.target.text ?? t.notGiven} />;
  const value = withUnit(formatNumber(r.target.value, lang), unitOf(ctx, r));
  return (
    <>
      {r.method === 'annual-floor' ? `${t.evaluationFloor} ${value}` : value}
      {r.target.impliedByPercent !== null && (
        <span class="evaluation__note">{t.evaluationImplied(`${formatNumber(r.target.impliedByPercent, lang)}%`)}</span>
      )}
      {r.growthCheck && r.growthCheck.observedPercent !== null && (
        <span class="evaluation__note">
          {t.evaluationGrowth(
            `${formatNumber(r.growthCheck.observedPercent, lang)}%`,
            `${formatNumber(r.growthCheck.requiredPercent, lang)}%`,
          )}
        </span>
      )}
    </>
  );
}

function IndicatorRow({ ctx, r }: { ctx: PageContext; r: IndicatorEvaluation }) {
  const { t } = ctx;
  const reason = explainsNotAssessable(r.reason) ? t.evaluationReason(r.reason) : null;
  return (
    <tr class={`evaluation__row evaluation__row--${r.verdict}`}>
      <th scope="row">
        {r.seq}. {inLang(ctx.lang, r, 'name')}
        <span class="evaluation__note">
          <Text ctx={ctx} text={r.category} /> · {t.attributeName(r.attribute)}
        </span>
      </th>
      <td>
        <FinalCell ctx={ctx} r={r} />
      </td>
      <td>
        <TargetCell ctx={ctx} r={r} />
      </td>
      <td>
        <VerdictBadge ctx={ctx} verdict={r.verdict} />
        {reason && <span class="evaluation__note">{reason}</span>}
      </td>
      <td>{gapText(ctx, r, r.gap)}</td>
      <td>
        {r.stretch ? (
          <>
            <Text ctx={ctx} text={r.stretch.raw} />
            <span class="evaluation__note">
              {t.evaluationStretch(r.stretch.verdict, r.stretch.reason)}
              {r.stretch.gap !== null && ` · ${gapText(ctx, r, r.stretch.gap)}`}
            </span>
          </>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

/** A row of one of the page's count tables: what is counted, then its counts. */
function CountsRow({ label, counts }: { label: Child; counts: readonly number[] }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {counts.map((count) => (
        <td>{count}</td>
      ))}
    </tr>
  );
}

/** The counts of each verdict, in the order of the columns, then their total. */
const verdictCounts = (counts: VerdictCounts) => [...VERDICTS.map((v) => counts[v]), counts.total];

/**
 * A section of the evaluation that is one table: its heading, then the table, whose caption (shown
 * unless `captionHidden`) also names its scrolling region.
 */
function TableSection(props: {
  id: string;
  heading: string;
  caption: string;
  captionHidden?: boolean;
  /** The table's own id, where the print stylesheet reaches it. */
  tableId?: string;
  numbers?: boolean;
  columns: Child[];
  children?: Child;
}) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      <DataTable
        label={props.caption}
        id={props.tableId}
        caption={{ text: props.caption, visible: !props.captionHidden }}
        numbers={props.numbers}
        columns={props.columns}
      >
        {props.children}
      </DataTable>
    </section>
  );
}

/** The final evaluation of a plan: counts first, then one row per indicator, projects and citizens. Printable. */
export function EvaluationPage({ ctx, data, csvHref }: { ctx: PageContext; data: PlanEvaluation; csvHref: string }) {
  const { t, lang } = ctx;
  const { ratings, cases } = data.citizens;
  return (
    <Layout ctx={ctx} title={t.evaluationTitle} section={null}>
      <article class="evaluation">
        <h1>
          {t.evaluationTitle}
          <span class="evaluation__plan">{inLang(lang, data, 'title')}</span>
        </h1>
        <p class="lead">{t.evaluationIntro(data.periodStart, data.periodEnd)}</p>
        <p class={data.provisional ? 'notice notice--provisional' : 'notice'} role="note">
          {data.provisional ? t.evaluationProvisional(data.periodEnd) : t.evaluationFinal(formatDate(data.asOf))}
        </p>
        <p class="evaluation__actions">
          <a href={csvHref} download>
            {t.evaluationDownload}
          </a>{' '}
          <span class="evaluation__print-hint">{t.evaluationPrint}</span>
        </p>

        <TableSection
          id="evaluation-summary"
          heading={t.evaluationSummaryHeading}
          caption={t.evaluationCountsCaption}
          numbers
          columns={[t.evaluationColGroup, ...VERDICTS.map((v) => t.evaluationVerdict(v)), t.evaluationColTotal]}
        >
          <CountsRow label={t.evaluationAllIndicators} counts={verdictCounts(data.totals)} />
          {data.byAttribute.map((a) => (
            <CountsRow label={t.attributeName(a.attribute)} counts={verdictCounts(a.counts)} />
          ))}
          {data.byCategory.map((c) => (
            <CountsRow label={localized(lang, { zh: c.category, en: c.nameEn })} counts={verdictCounts(c.counts)} />
          ))}
        </TableSection>

        <TableSection
          id="evaluation-indicators"
          heading={t.evaluationIndicatorsHeading}
          caption={t.evaluationIndicatorsCaption}
          captionHidden
          tableId="evaluation-indicators-table"
          columns={[
            t.evaluationColIndicator,
            t.evaluationColFinal,
            t.evaluationColTarget,
            t.evaluationColVerdict,
            t.evaluationColGap,
            t.evaluationColStretch,
          ]}
        >
          {data.indicators.map((r) => (
            <IndicatorRow ctx={ctx} r={r} />
          ))}
        </TableSection>

        <TableSection
          id="evaluation-projects"
          heading={t.evaluationProjectsHeading}
          caption={t.evaluationProjectsCaption}
          numbers
          columns={[t.evaluationColStatus, t.evaluationColProjects]}
        >
          {ProjectStatus.options.map((status) => (
            <CountsRow label={<ProjectStatusBadge status={status} t={t} />} counts={[data.projects.byStatus[status]]} />
          ))}
        </TableSection>

        <section aria-labelledby="evaluation-citizens">
          <h2 id="evaluation-citizens">{t.evaluationCitizensHeading}</h2>
          {ratings?.satisfaction ? (
            <dl class="facts">
              <Fact term={t.satisfaction}>
                {satisfactionShown(t, lang, { ...ratings, tooFew: ratings.tooFewToRank })}
              </Fact>
              <Fact term={t.colCount}>{t.evaluationRatings(ratings.count)}</Fact>
            </dl>
          ) : (
            <p>{t.evaluationRatingsNone}</p>
          )}
          <h3>{t.evaluationCasesHeading}</h3>
          <DataTable
            label={t.evaluationCasesCaption}
            caption={{ text: t.evaluationCasesCaption }}
            numbers
            columns={[t.evaluationColStatus, t.evaluationCasesTotal]}
          >
            {(
              [
                [t.evaluationCasesOnTime, cases.answeredOnTime],
                [t.evaluationCasesLate, cases.answeredLate],
                [t.evaluationCasesOverdue, cases.openOverdue],
                [t.evaluationCasesWithin, cases.openWithinDeadline],
                [t.evaluationCasesClosedUnanswered, cases.closedUnanswered],
                [t.evaluationCasesTotal, cases.cases],
              ] as const
            ).map(([label, count]) => (
              <CountsRow label={label} counts={[count]} />
            ))}
          </DataTable>
          {cases.cases > 0 && <p>{t.evaluationCasesSatisfied(cases.satisfied, cases.unsatisfied)}</p>}
        </section>
      </article>
    </Layout>
  );
}
