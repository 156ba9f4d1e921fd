import type { Child } from 'hono/jsx';
import type { Indicator, ProjectStatus } from '../../shared/plan/schema.js';
import type { ProgressStatus } from '../../shared/progress/status.js';
import type { RatingBrief } from '../../shared/ratings/views.js';
import type { PageContext } from '../context.js';
import { formatCell, formatNumber, formatShare, withUnit } from '../format.js';
import type { Messages } from '../i18n.js';

/** Plan text that exists only in Chinese, marked as such on an English page for screen readers. */
export function Zh({ ctx, children }: { ctx: PageContext; children?: Child }) {
  return ctx.lang === 'en' ? <span lang="zh-CN">{children}</span> : <>{children}</>;
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

/** A status is never told by colour alone: the badge always carries its name. */
export function StatusBadge({ status, t }: { status: ProgressStatus; t: Messages }) {
  return <span class={`badge badge--${status}`}>{t.statusName(status)}</span>;
}

export function ProjectStatusBadge({ status, t }: { status: ProjectStatus; t: Messages }) {
  return <span class={`badge badge--project-${status}`}>{t.projectStatus(status)}</span>;
}

export const indicatorName = (ctx: PageContext, i: Pick<Indicator, 'nameZh' | 'nameEn'>) => (ctx.lang === 'en' ? i.nameEn : i.nameZh);
export const indicatorUnit = (ctx: PageContext, i: Pick<Indicator, 'unit' | 'unitEn'>) => (ctx.lang === 'en' ? i.unitEn : i.unit);

/** The annual growth target in words of the page's language. */
export const growthText = (ctx: PageContext, growth: NonNullable<Indicator['growth']>) =>
  ctx.t.growthValue(formatNumber(growth.percent, ctx.lang), growth.atLeast);

/** The 2025 target as the plan states it: a level, a growth rate, both, or a statement. */
export function TargetText({ ctx, indicator }: { ctx: PageContext; indicator: Indicator }) {
  const unit = indicatorUnit(ctx, indicator);
  const parts: Child[] = [];
  if (indicator.target.kind === 'number') parts.push(withUnit(indicator.target.raw, unit));
  if (indicator.growth) parts.push(growthText(ctx, indicator.growth));
  if (parts.length === 0) {
    return indicator.target.kind === 'qualitative' ? <Zh ctx={ctx}>{indicator.target.text}</Zh> : <>{ctx.t.notGiven}</>;
  }
  return <>{parts.join(ctx.lang === 'en' ? '; ' : '；')}</>;
}

export function CellText({ ctx, indicator, cell }: { ctx: PageContext; indicator: Indicator; cell: Indicator['baseline'] }) {
  const text = formatCell(cell, indicatorUnit(ctx, indicator), ctx.t);
  return cell.kind === 'qualitative' ? <Zh ctx={ctx}>{text}</Zh> : <>{text}</>;
}

/** Satisfaction in a list row: the share and how many ratings it rests on. */
export function SatisfactionBrief({ ctx, brief }: { ctx: PageContext; brief: RatingBrief }) {
  const { t, lang } = ctx;
  if (brief.count === 0 || !brief.satisfaction) return <>{t.noRatingsShort}</>;
  return (
    <>
      {formatShare(brief.satisfaction.share, lang)}
      <span class="muted">
        {lang === 'en' ? ' (' : '（'}
        {t.ratingsCount(brief.count)}
        {lang === 'en' ? ')' : '）'}
      </span>
    </>
  );
}

/** A term and its value, in the definition lists that hold every page's facts. */
export function Fact({ term, id, children }: { term: string; id?: string; children?: Child }) {
  return (
    <div class="fact">
      <dt>{term}</dt>
      <dd id={id}>{children}</dd>
    </div>
  );
}

/** A select of a filter form: "all" (the empty value) first unless `all` is null, then the options. */
export function FilterSelect(props: { id: string; name: string; label: string; all: string | null; options: ReadonlyArray<readonly [value: string, text: Child]>; selected: string | undefined }) {
  return (
    <div class="filters__field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.all !== null && <option value="">{props.all}</option>}
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.selected === value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The search form above a list page (indicators, projects): a name search, the page's own selects
 * (children), apply and, once anything is chosen, reset; then how many of all the list shows.
 */
export function ListFilters(props: { ctx: PageContext; action: string; class?: string; q: string | undefined; filtered: boolean; shown: number; total: number; children?: Child }) {
  const { t } = props.ctx;
  return (
    <>
      <form method="get" action={props.action} class={props.class ? `filters ${props.class}` : 'filters'} role="search" aria-label={t.filterHeading}>
        <div class="filters__field">
          <label for="f-q">{t.filterSearch}</label>
          <input type="search" id="f-q" name="q" value={props.q ?? ''} maxlength={100} aria-describedby="f-q-hint" />
          <p class="hint" id="f-q-hint">
            {t.filterSearchHint}
          </p>
        </div>
        {props.children}
        <div class="filters__actions">
          <button type="submit" class="button">
            {t.filterApply}
          </button>
          {props.filtered && <a href={props.action}>{t.filterReset}</a>}
        </div>
      </form>

      <p class="result-count" role="status">
        {t.resultCount(props.shown, props.total)}
      </p>
    </>
  );
}
