import type { Child } from 'hono/jsx';
import type { PageContext } from '../../context.js';
import { SEARCH_MAX_LENGTH } from '../data.js';

/**
 * The search form above a list page (indicators, projects): a name search, the page's own selects
 * (children), apply and, once anything is chosen, reset; then how many of all the list shows.
 */
export function ListFilters(props: {
  ctx: PageContext;
  action: string;
  class?: string;
  q: string | undefined;
  filtered: boolean;
  shown: number;
  total: number;
  children?: Child;
}) {
  const { t } = props.ctx;
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
            value={props.q ?? ''}
            maxlength={SEARCH_MAX_LENGTH}
            aria-describedby="f-q-hint"
          />
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
