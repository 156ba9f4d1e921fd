import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { PageContext } from '../../context.js';
import { Layout } from '../layout.js';
import { inPlan } from '../place.js';

export function NotFoundPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.notFoundTitle} section={null}>
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <a href={inPlan(ctx.place, '/')}>{t.goHome}</a>
      </p>
    </Layout>
  );
}

export function ErrorPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.errorTitle} section={null}>
      <h1>{t.errorTitle}</h1>
      <p>{t.errorBody}</p>
      <p>
        <a href="/">{t.goHome}</a>
      </p>
    </Layout>
  );
}

/**
 * A form larger than its route takes (hono's bodyLimit): a page in the reader's language at 413,
 * not a line of English. `render` is the citizen routes' own (web/citizen/routes.tsx).
 */
export const tooLargePage =
  (
    render: (
      c: Context,
      page: (ctx: PageContext) => JSX.Element,
      init: { status: 413; personal: true },
    ) => Promise<Response>,
    limit: string,
  ) =>
  (c: Context) =>
    render(
      c,
      (ctx) => (
        <Layout ctx={ctx} title={ctx.t.formTooLargeTitle} section={null}>
          <h1>{ctx.t.formTooLargeTitle}</h1>
          <p>{ctx.t.formTooLarge(limit)}</p>
          <p>
            <a href="/">{ctx.t.goHome}</a>
          </p>
        </Layout>
      ),
      { status: 413, personal: true },
    );
