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
