import type { PageContext } from '../../context.js';
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
