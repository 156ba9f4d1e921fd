import type { Child } from 'hono/jsx';
import { targetKind } from '../../../shared/feedback/target-kinds.js';
import type { TargetType } from '../../../shared/feedback/target.js';
import type { PageContext } from '../../context.js';
import { Layout } from '../layout.js';
import { PAGE_OF_KIND } from './target-page.js';
import { FilterSelects, type FilterChoice } from '../../components/common.js';
import { SEARCH_MAX_LENGTH } from '../data.js';

/**
 * The search form above a list page (indicators, projects): a name search, the page's own selects
 * (`choices`, showing what `chosen` holds), apply and, once anything is chosen, reset; then how many
 * of all the list shows.
 */
export function ListFilters<Name extends string>(props: {
  ctx: PageContext;
  action: string;
  class?: string;
  choices: Record<Name, FilterChoice>;
  chosen: NoInfer<Partial<Record<Name | 'q', string | number | undefined>>>;
  shown: number;
  total: number;
}) {
  const { t } = props.ctx;
  const { chosen } = props;
  const filtered = Boolean(chosen.q) || (Object.keys(props.choices) as Name[]).some((name) => Boolean(chosen[name]));
  return (
    <>
      <form
        method="get"
        action={props.action}
        class={props.class ? `filters ${props.class}` : 'filters'}
        role="search"
        aria-label={t.filterHeading}
      >
        <div class="filters__field">
          <label for="f-q">{t.filterSearch}</label>
          <input
            type="search"
            id="f-q"
            name="q"
            value={chosen.q ?? ''}
            maxlength={SEARCH_MAX_LENGTH}
            aria-describedby="f-q-hint"
          />
          <p class="hint" id="f-q-hint">
            {t.filterSearchHint}
          </p>
        </div>
        <FilterSelects choices={props.choices} chosen={chosen} all={t.filterAll} />
        <div class="filters__actions">
          <button type="submit" class="button">
            {t.filterApply}
          </button>
          {filtered && <a href={props.action}>{t.filterReset}</a>}
        </div>
      </form>

      <p class="result-count" role="status">
        {t.resultCount(props.shown, props.total)}
      </p>
    </>
  );
}

/**
 * The list of a kind's targets (/indicators, /projects): its title and introduction, the search form
 * (ListFilters) leading back to the same list, then the cards (`children`) or, when none matches,
 * a word saying so.
 */
export function ListPage<Name extends string>(props: {
  ctx: PageContext;
  type: TargetType;
  title: string;
  intro: string;
  class?: string;
  choices: Record<Name, FilterChoice>;
  chosen: NoInfer<Partial<Record<Name | 'q', string | number | undefined>>>;
  shown: number;
  total: number;
  children?: Child;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title} section={PAGE_OF_KIND[props.type].section}>
      <h1>{props.title}</h1>
      <p class="lead">{props.intro}</p>

      <ListFilters
        ctx={ctx}
        action={targetKind(props.type).listPath(ctx.place?.base)}
        class={props.class}
        choices={props.choices}
        chosen={props.chosen}
        shown={props.shown}
        total={props.total}
      />
      {props.shown === 0 ? <p>{ctx.t.noResults}</p> : <ul class="cards">{props.children}</ul>}
    </Layout>
  );
}
