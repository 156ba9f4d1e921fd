import type { Child } from 'hono/jsx';
import type { Indicator, ProjectStatus } from '../../../shared/plan/schema.js';
import type { ProgressStatus } from '../../../shared/progress/assessment.js';
import type { RatingBrief } from '../../../shared/ratings/views.js';
import type { IndicatorView } from '../../../shared/plan/views.js';
import { Fact } from '../../components/common.js';
import type { PageContext } from '../../context.js';
import { formatCell, formatNumber, withUnit } from '../../format.js';
import type { Messages } from '../../i18n.js';
import { inLang, localized } from '../../localized.js';
import { satisfactionShown } from '../satisfaction.js';

/** Plan text that exists only in Chinese, marked as such on an English page for screen readers. */
export function Zh({ ctx, children }: { ctx: PageContext; children?: Child }) {
  return localized(ctx.lang, { zh: <>{children}</>, en: <span lang="zh-CN">{children}</span> });
}

/** Runs of Chinese characters and full-width punctuation. */
const HAN_RUN = /([\p{Script=Han}\u3000-\u303f\uff00-\uffef]+)/u;

/**
 * Text that may mix words of the page's language with Chinese, such as plan data that exists only in
 * Chinese (a 专栏 row's name, a unit, a box) or what citizens and departments wrote: on an English
 * page each Chinese run is marked `lang="zh-CN"`, so screen readers read it as Chinese.
 */
export function Text({ ctx, text }: { ctx: PageContext; text: string }) {
  if (ctx.lang !== 'en' || !HAN_RUN.test(text)) return <>{text}</>;
  return <>{text.split(HAN_RUN).map((part, index) => (index % 2 === 1 ? <span lang="zh-CN">{part}</span> : part))}</>;
}

/** The department that answered, in the page's language: the Chinese name where it has no English one kept. */
export function DepartmentName({
  ctx,
  named,
}: {
  ctx: PageContext;
  named: { department: string; departmentEn: string | null };
}) {
  return (
    <Text ctx={ctx} text={localized(ctx.lang, { zh: named.department, en: named.departmentEn ?? named.department })} />
  );
}

/** A status is never told by colour alone: the badge always carries its name. */
export function StatusBadge({ status, t }: { status: ProgressStatus; t: Messages }) {
  return <span class={`badge badge--${status}`}>{t.statusName(status)}</span>;
}

export function ProjectStatusBadge({ status, t }: { status: ProjectStatus; t: Messages }) {
  return <span class={`badge badge--project-${status}`}>{t.projectStatus(status)}</span>;
}

/**
 * A project's progress as a bar and a percentage; "—" while nobody has reported on it, since an empty bar
 * labelled 0% would say "not begun" when the truth is "not known".
 */
export function ProjectProgress({ project, t }: { project: { status: ProjectStatus; progress: number }; t: Messages }) {
  if (project.status === 'unknown') return <span title={t.progressUnknown}>—</span>;
  return (
    <>
      <meter min={0} max={100} value={project.progress} aria-label={t.progress}>
        {t.progressValue(project.progress)}
      </meter>{' '}
      {t.progressValue(project.progress)}
    </>
  );
}

export const indicatorName = (ctx: PageContext, i: Pick<Indicator, 'nameZh' | 'nameEn'>) => inLang(ctx.lang, i, 'name');
export const indicatorUnit = (ctx: PageContext, i: Pick<Indicator, 'unit' | 'unitEn'>) =>
  localized(ctx.lang, { zh: i.unit, en: i.unitEn });

/** The annual growth target in words of the page's language. */
export const growthText = (ctx: PageContext, growth: NonNullable<Indicator['growth']>) =>
  ctx.t.growthValue(formatNumber(growth.percent, ctx.lang), growth.atLeast);

/** The target as the plan states it: a level, a growth rate, both, or a statement. */
export function TargetText({ ctx, indicator }: { ctx: PageContext; indicator: Indicator }) {
  const unit = indicatorUnit(ctx, indicator);
  const parts: string[] = [];
  if (indicator.target.kind === 'number') parts.push(withUnit(indicator.target.raw, unit));
  if (indicator.growth) parts.push(growthText(ctx, indicator.growth));
  if (parts.length === 0) {
    return indicator.target.kind === 'qualitative' ? <Zh ctx={ctx}>{indicator.target.text}</Zh> : <>{ctx.t.notGiven}</>;
  }
  return <>{parts.join(localized(ctx.lang, { zh: '；', en: '; ' }))}</>;
}

export function CellText({
  ctx,
  indicator,
  cell,
}: {
  ctx: PageContext;
  indicator: Indicator;
  cell: Indicator['baseline'];
}) {
  const text = formatCell(cell, indicatorUnit(ctx, indicator), ctx.t);
  return cell.kind === 'qualitative' ? <Zh ctx={ctx}>{text}</Zh> : <>{text}</>;
}

/** An indicator's first two facts, on its card and on its page: the baseline and the latest official value. */
export function BaselineAndLatest({ ctx, indicator }: { ctx: PageContext; indicator: IndicatorView }) {
  const { t, lang } = ctx;
  const { latest } = indicator;
  return (
    <>
      <Fact term={t.baseline(indicator.baselineYear)}>
        <CellText ctx={ctx} indicator={indicator} cell={indicator.baseline} />
      </Fact>
      <Fact term={t.latest}>
        {latest
          ? t.valueInYear(withUnit(formatNumber(latest.value, lang), indicatorUnit(ctx, indicator)), latest.year)
          : t.noValueYet}
      </Fact>
    </>
  );
}

/** Satisfaction in a list row: the share and how many ratings it rests on. */
export function SatisfactionBrief({ ctx, brief }: { ctx: PageContext; brief: RatingBrief }) {
  const { t, lang } = ctx;
  if (brief.count === 0 || !brief.satisfaction) return <>{t.noRatingsShort}</>;
  return (
    <>
      {satisfactionShown(t, lang, { ...brief, tooFew: brief.tooFewToRank }, 'share')}
      <span class="muted">
        {localized(lang, { zh: '（', en: ' (' })}
        {t.ratingsCount(brief.count)}
        {localized(lang, { zh: '）', en: ')' })}
      </span>
    </>
  );
}
