import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { formsFromThisSite } from '../../shared/http/csrf.js';
import { logFault, problemFor } from '../../shared/http/problem.js';
import type { StaffEnv } from '../../shared/http/staff-auth.js';
import { staffPlanScoped } from '../../shared/http/staff-plan-scope.js';
import type { Role } from '../../shared/auth/roles.js';
import { AuditQuery } from '../../shared/api/staff-schemas.js';
import { auditPageQuery } from '../../shared/audit/filter.js';
import { bodyLimit } from 'hono/body-limit';
import { webAssets, type WebAssets } from '../assets.js';
import { pageContext } from '../context.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { PAGE_CSP, PRIVATE_PAGE_CACHE } from '../citizen/routes.js';
import { authRoutes, type AuthRouteDeps, type SignInFailure } from './auth.js';
import { caseListRoutes, casePageRoutes } from './case-routes.js';
import { departmentPageRoutes } from './department-routes.js';
import { dashboardData, type StaffDataDeps } from './data.js';
import { staffMessages } from './i18n.js';
import type { StaffContext } from './layout.js';
import { commentPageRoutes, queuePageRoutes } from './moderation-routes.js';
import { AuditPage, DashboardPage, MessagePage, SignedInPage } from './pages/index.js';
import { planPageRoutes } from './plan-routes.js';
import { publishPageRoutes } from './publish-routes.js';
import { signInHref, staffSession, type Refusal } from './session.js';
import {
  ADMINS,
  messagesOf,
  scopeOf,
  STAFF,
  staffHome,
  type StaffPageEnv,
  type StaffPageTools,
  type Status,
} from './tools.js';
import { LIST_SEPARATOR, localized } from '../localized.js';

const MAX_FORM_BYTES = 64 * 1024;

/** What the staff pages use: sign-in, moderation, replies, cases, publishing and exports. */
export type StaffPagesDeps = AuthRouteDeps &
  StaffDataDeps &
  Pick<AppDeps, 'replies' | 'audit' | 'departments' | 'progress' | 'caseDeadlineDays'>;

/**
 * The staff pages: monitors', publishers' and admins' work in the browser, server-rendered like the
 * citizen pages, complete without JavaScript, in both languages. A plan's pages (dashboard, queue,
 * cases, publishing, downloads) are at /staff/plans/{id}/… for any stored plan, drafts included, and
 * at /staff/… for the current plan; a comment, a case, the plans and the audit log are nobody's plan
 * in particular. Each handler calls the same shared function as its JSON staff route, as the
 * signed-in staff member, so the audit log names them. Forms are protected twice: the session
 * cookie is SameSite=Strict, and a post must come from this site (Origin / Sec-Fetch-Site).
 */
export function staffWebRoutes(deps: StaffPagesDeps, options: { assets?: WebAssets } = {}) {
  const assets = options.assets ?? webAssets();
  // A sign-out form redirects to the provider's logout: the CSP lets forms end there, and nowhere else.
  const signInOrigin = deps.signIn ? new URL(deps.signIn.logoutUrl).origin : null;
  const csp = signInOrigin ? PAGE_CSP.replace("form-action 'self'", `form-action 'self' ${signInOrigin}`) : PAGE_CSP;

  const contextOf = (c: Context): StaffContext => {
    const base = pageContext(c, assets);
    const scope = scopeOf(c);
    return {
      ...base,
      s: staffMessages(base.lang),
      staff: (c as Context<StaffEnv>).get('staff') ?? null,
      scope,
      home: staffHome(scope),
    };
  };
  const render = async (c: Context, page: (ctx: StaffContext) => JSX.Element, status: Status = 200) => {
    const html = `<!DOCTYPE html>${String(await page(contextOf(c)))}`;
    c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cache-Control', PRIVATE_PAGE_CACHE);
    c.header('X-Robots-Tag', 'noindex, nofollow');
    c.header('Vary', 'Cookie, Accept-Language');
    return c.html(html, status);
  };
  const message = (
    c: Context,
    status: Status,
    title: (ctx: StaffContext) => string,
    body: (ctx: StaffContext) => string,
  ) => render(c, (ctx) => <MessagePage ctx={ctx} title={title(ctx)} body={body(ctx)} />, status);

  const refuse = (c: Context, why: Refusal, roles: readonly Role[]) =>
    why === 'forbidden'
      ? render(
          c,
          (ctx) => (
            <MessagePage
              ctx={ctx}
              title={ctx.s.forbiddenTitle}
              body={ctx.s.forbiddenBody(roles.map(ctx.s.role).join(localized(ctx.lang, LIST_SEPARATOR)))}
              link={{ href: '/staff', label: ctx.s.navDashboard }}
            />
          ),
          403,
        )
      : why === 'not-configured'
        ? message(
            c,
            503,
            (ctx) => ctx.s.notConfiguredTitle,
            (ctx) => ctx.s.notConfiguredBody,
          )
        : message(
            c,
            503,
            (ctx) => ctx.t.errorTitle,
            (ctx) => ctx.t.errorBody,
          );
  const signInFailed = (c: Context, why: SignInFailure) =>
    why === 'failed'
      ? render(
          c,
          (ctx) => (
            <MessagePage
              ctx={ctx}
              title={ctx.s.signInFailedTitle}
              body={ctx.s.signInFailedBody}
              link={{ href: signInHref('/staff'), label: ctx.s.signInAgain }}
            />
          ),
          400,
        )
      : refuse(c, why, []);
  const notFound = (c: Context) =>
    render(
      c,
      (ctx) => (
        <MessagePage
          ctx={ctx}
          title={ctx.s.notFoundTitle}
          body={ctx.s.notFoundBody}
          link={{ href: '/staff', label: ctx.s.navDashboard }}
        />
      ),
      404,
    );
  const tooLarge: StaffPageTools['tooLarge'] = (body) => (c) =>
    message(
      c,
      413,
      (ctx) => ctx.s.tooLargeTitle,
      (ctx) => body(ctx.s),
    );

  const tools: StaffPageTools = {
    assets,
    render,
    session: (roles) => staffSession(deps, roles, refuse),
    refuse,
    notFound,
    tooLarge,
    formLimit: bodyLimit({ maxSize: MAX_FORM_BYTES, onError: tooLarge((s) => s.formTooLarge) }),
  };

  const app = new Hono<StaffEnv>();
  // Every error answers as a staff page, at its problem's status, never cached, never with a trace;
  // the log has the whole error when it is ours.
  app.onError((error, c) => {
    const problem = problemFor(error);
    logFault(deps.logger, error, problem, { path: c.req.path });
    if (problem.type === 'not-found') return notFound(c);
    if (problem.retryAfterSeconds !== undefined) c.header('Retry-After', String(problem.retryAfterSeconds));
    // A next-page link someone edited: the reader's mistake, not a fault of ours.
    if (problem.type === 'invalid-cursor')
      return message(
        c,
        problem.status,
        (ctx) => ctx.s.invalidLinkTitle,
        (ctx) => ctx.s.invalidLinkBody,
      );
    return message(
      c,
      problem.status,
      (ctx) => ctx.t.errorTitle,
      (ctx) => ctx.t.errorBody,
    );
  });
  app.route(
    '/',
    authRoutes(deps, {
      failed: signInFailed,
      signedIn: (c, returnTo) => render(c, (ctx) => <SignedInPage ctx={ctx} returnTo={returnTo} />),
    }),
  );

  // Every post under /staff comes from this site's own pages, whatever the cookie says.
  app.post('/staff/*', formsFromThisSite(deps));

  // The plans page before the plans' own pages: its upload (/staff/plans/upload) is no plan's address.
  app.route('/', planPageRoutes(deps, tools));

  // ---- A plan's pages
  const dashboard = new Hono<StaffPageEnv>().get('/', tools.session(STAFF), async (c) => {
    const data = await dashboardData(deps, c.get('planScope').plan.id);
    return render(c, (ctx) => <DashboardPage ctx={ctx} data={data} />);
  });
  const planPages = new Hono<StaffPageEnv>()
    .route('/', dashboard)
    .route('/', queuePageRoutes(deps, tools))
    .route('/', caseListRoutes(deps, tools))
    .route('/', publishPageRoutes(deps, tools));
  app.route('/staff', staffPlanScoped(deps, planPages));

  // ---- Pages of no plan in particular
  app.route('/', commentPageRoutes(deps, tools));
  app.route('/', casePageRoutes(deps, tools));
  app.route('/', departmentPageRoutes(deps, tools));

  app.get('/staff/audit', tools.session(ADMINS), async (c) => {
    const s = messagesOf(c, assets);
    const query = c.req.query();
    const filter = {
      action: query.action ?? '',
      actor: query.actor ?? '',
      since: query.since ?? '',
      until: query.until ?? '',
    };
    const parsed = AuditQuery.safeParse(
      Object.fromEntries(Object.entries({ ...filter, cursor: query.cursor ?? '' }).filter(([, v]) => v !== '')),
    );
    const q = parsed.success ? parsed.data : AuditQuery.parse({});
    const page = await deps.audit.list(auditPageQuery(q));
    const kept = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== '' && parsed.success));
    const next = page.nextCursor ? `/staff/audit?${new URLSearchParams({ ...kept, cursor: page.nextCursor })}` : null;
    const csvHref = `/staff/export/audit.csv${Object.keys(kept).length ? `?${new URLSearchParams(kept)}` : ''}`;
    return render(
      c,
      (ctx) => (
        <AuditPage
          ctx={ctx}
          filter={filter}
          items={page.items}
          nextHref={next}
          csvHref={csvHref}
          notice={parsed.success ? null : s.badFilter}
        />
      ),
      parsed.success ? 200 : 400,
    );
  });

  return app;
}
