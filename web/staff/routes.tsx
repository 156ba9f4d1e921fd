import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { bodyLimit } from 'hono/body-limit';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { formsFromThisSite } from '../../shared/http/csrf.js';
import { explain, logFault, problemFor, statusOf, type ProblemStatus } from '../../shared/http/problem.js';
import { csvResponse, type StaffEnv } from '../../shared/http/staff-auth.js';
import type { Role } from '../../shared/auth/roles.js';
import { caseDetail, listCases, stepCase, type CaseView } from '../../shared/cases/workflow.js';
import { NotFoundError, type ErrorKind } from '../../shared/errors.js';
import { moderateComment, moderateMany, moderationQueue, replyToComment } from '../../shared/moderation/moderate.js';
import { PublishRuleError } from '../../shared/publishing/observations.js';
import {
  ImportRejected,
  importObservations,
  importProgress,
  ProgressReasonRequired,
  publishObservation,
  publishProgress,
} from '../../shared/publishing/publish.js';
import { EXPORT_ROLES, staffExport, type StaffExport } from '../../shared/publishing/staff-exports.js';
import { CaseId, FeedbackId } from '../../shared/api/schemas.js';
import {
  AuditCsvQuery,
  AuditQuery,
  BulkModerationBody,
  CommentQueueQuery,
  ModerationBody,
  ProgressBody,
  ReplyBody,
  StepBody,
} from '../../shared/api/staff-schemas.js';
import { ObservationInput } from '../../shared/publishing/observations.js';
import { PERIOD_PATTERN } from '../../shared/ratings/views.js';
import { webAssets, type WebAssets } from '../assets.js';
import { pageContext } from '../context.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { PAGE_CSP, PRIVATE_PAGE_CACHE } from '../citizen/routes.js';
import { authRoutes, type AuthRouteDeps, type SignInFailure } from './auth.js';
import { commentData, dashboardData, planOf, targetNames, type StaffDataDeps } from './data.js';
import { staffMessages, type StaffMessages } from './i18n.js';
import type { StaffContext } from './layout.js';
import {
  AuditPage,
  CASE_VIEWS,
  CasePage,
  CasesPage,
  CommentPage,
  DashboardPage,
  MessagePage,
  PublishPage,
  QueuePage,
  SignedInPage,
  type ImportReport,
} from './pages/index.js';
import { signInHref, staffSession, type Refusal } from './session.js';
import { planPageRoutes } from './plan-routes.js';
import { inLang, LIST_SEPARATOR, localized } from '../localized.js';

const MONITORS: readonly Role[] = ['monitor', 'admin'];
const PUBLISHERS: readonly Role[] = ['publisher', 'admin'];
const ADMINS: readonly Role[] = ['admin'];
const STAFF: readonly Role[] = ['monitor', 'publisher', 'admin'];

/** A CSV import: the JSON API's 1 MiB, and the multipart envelope around it. */
const MAX_IMPORT_FORM_BYTES = 1024 * 1024 + 16 * 1024;
const MAX_FORM_BYTES = 64 * 1024;

type Status = 200 | ProblemStatus;
type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** What the staff pages use: sign-in, moderation, replies, cases, publishing and exports. */
export type StaffPagesDeps = AuthRouteDeps &
  StaffDataDeps &
  Pick<AppDeps, 'replies' | 'audit' | 'progress' | 'caseDeadlineDays'>;

/**
 * The staff pages: monitors', publishers' and admins' work in the browser, server-rendered like the
 * citizen pages, complete without JavaScript, in both languages. Each handler calls the same
 * shared function as its JSON staff route, as the signed-in staff member, so the audit log names
 * them. Forms are protected twice: the session cookie is SameSite=Strict, and a post must come
 * from this site (Origin / Sec-Fetch-Site).
 */
export function staffWebRoutes(deps: StaffPagesDeps, options: { assets?: WebAssets } = {}) {
  const assets = options.assets ?? webAssets();
  // A sign-out form redirects to the provider's logout: the CSP lets forms end there, and nowhere else.
  const signInOrigin = deps.signIn ? new URL(deps.signIn.logoutUrl).origin : null;
  const csp = signInOrigin ? PAGE_CSP.replace("form-action 'self'", `form-action 'self' ${signInOrigin}`) : PAGE_CSP;

  const contextOf = (c: Context): StaffContext => {
    const base = pageContext(c, assets);
    return { ...base, s: staffMessages(base.lang), staff: (c as Context<StaffEnv>).get('staff') ?? null };
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

  const refuse = (c: Context, why: Refusal, roles: readonly Role[]) =>
    render(
      c,
      (ctx) =>
        why === 'forbidden' ? (
          <MessagePage
            ctx={ctx}
            title={ctx.s.forbiddenTitle}
            body={ctx.s.forbiddenBody(roles.map(ctx.s.role).join(localized(ctx.lang, LIST_SEPARATOR)))}
            link={{ href: '/staff', label: ctx.s.navDashboard }}
          />
        ) : why === 'not-configured' ? (
          <MessagePage ctx={ctx} title={ctx.s.notConfiguredTitle} body={ctx.s.notConfiguredBody} />
        ) : (
          <MessagePage ctx={ctx} title={ctx.t.errorTitle} body={ctx.t.errorBody} />
        ),
      why === 'forbidden' ? 403 : 503,
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

  const session = (roles: readonly Role[]) => staffSession(deps, roles, refuse);
  const fromThisSite = formsFromThisSite(deps);
  const tooLarge = (body: (s: StaffMessages) => string) => (c: Context) =>
    render(c, (ctx) => <MessagePage ctx={ctx} title={ctx.s.tooLargeTitle} body={body(ctx.s)} />, 413);
  const formLimit = bodyLimit({ maxSize: MAX_FORM_BYTES, onError: tooLarge((s) => s.formTooLarge) });
  const staffOf = (c: Context<StaffEnv>) => c.get('staff');
  const field = (body: Record<string, unknown>, name: string) => {
    const value = body[name];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  /** A field as it was typed, to show it again in the form. */
  const typedText = (body: Record<string, unknown>, name: string) => {
    const value = body[name];
    return typeof value === 'string' ? value : '';
  };
  const strings = (value: unknown): string[] =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (v): v is string => typeof v === 'string',
    );

  /** A domain error a form explains, as its notice and its problem's status; any other error is thrown on, to onError. */
  const explained = (error: unknown, byKind: { readonly [K in ErrorKind]?: string }): [Notice, Status] => {
    const found = explain(error, byKind);
    if (!found) throw error;
    return [{ kind: 'error', text: found.message }, found.problem.status];
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
      return render(
        c,
        (ctx) => <MessagePage ctx={ctx} title={ctx.s.invalidLinkTitle} body={ctx.s.invalidLinkBody} />,
        problem.status,
      );
    return render(
      c,
      (ctx) => <MessagePage ctx={ctx} title={ctx.t.errorTitle} body={ctx.t.errorBody} />,
      problem.status,
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
  app.post('/staff/*', fromThisSite);

  // ---- Dashboard
  app.get('/staff', session(STAFF), async (c) => {
    const data = await dashboardData(deps);
    return render(c, (ctx) => <DashboardPage ctx={ctx} data={data} />);
  });

  // ---- Moderation
  const queuePage = async (c: Context<StaffEnv>, notice: Notice, status: Status = 200) => {
    const query = c.req.query();
    const [targetType, targetId] = (query.target ?? '').split(':');
    const parsed = CommentQueueQuery.safeParse({
      status: query.status || undefined,
      reason: query.reason || undefined,
      olderThanHours: query.olderThanHours || undefined,
      cursor: query.cursor || undefined,
      ...(targetType && targetId ? { targetType, targetId } : {}),
    });
    const q = parsed.success ? parsed.data : CommentQueueQuery.parse({});
    const [page, snapshot] = await Promise.all([moderationQueue(deps, q, deps.clock()), planOf(deps)]);
    const names = targetNames(snapshot);
    const next = page.nextCursor ? `/staff/queue?${new URLSearchParams({ ...query, cursor: page.nextCursor })}` : null;
    return render(
      c,
      (ctx) => (
        <QueuePage
          ctx={ctx}
          state={{
            filter: {
              status: q.status,
              target: q.targetType ? `${q.targetType}:${q.targetId}` : '',
              reason: q.reason ?? '',
              olderThanHours: q.olderThanHours === undefined ? '' : String(q.olderThanHours),
            },
            items: page.items,
            nextHref: next,
            names,
            targets: [...names.entries()].map(([key, n]) => [key, inLang(ctx.lang, n, 'name')]),
            notice: notice ?? (parsed.success ? null : { kind: 'error', text: ctx.s.badFilter }),
          }}
        />
      ),
      status,
    );
  };
  app.get('/staff/queue', session(MONITORS), (c) => {
    const done = c.req.query('done');
    const failed = c.req.query('failed');
    if (done !== undefined && /^\d{1,3}$/.test(done) && /^\d{1,3}$/.test(failed ?? '0')) {
      return queuePage(c, {
        kind: 'ok',
        text: staffMessages(pageContext(c, assets).lang).moderated(Number(done), Number(failed ?? 0)),
      });
    }
    return queuePage(c, null);
  });
  app.post('/staff/queue', session(MONITORS), formLimit, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const s = staffMessages(pageContext(c, assets).lang);
    const ids = strings(body.ids);
    if (ids.length === 0) return queuePage(c, { kind: 'error', text: s.noneSelected }, 400);
    const reason = field(body, 'reason');
    const parsed = BulkModerationBody.safeParse({
      items: ids.map((feedbackId) => ({ feedbackId, action: body.action, ...(reason ? { reason } : {}) })),
    });
    if (!parsed.success)
      return queuePage(
        c,
        {
          kind: 'error',
          text: parsed.error.issues.some((i) => i.path.includes('reason')) ? s.reasonRequired : s.fieldsMissing,
        },
        400,
      );
    const outcome = await moderateMany(deps, parsed.data.items, staffOf(c), deps.clock());
    c.header('Cache-Control', 'no-store');
    return c.redirect(`/staff/queue?done=${outcome.done}&failed=${outcome.failed}`, 303);
  });

  const commentPage = async (c: Context<StaffEnv>, id: string, notice: Notice, status: Status = 200) => {
    if (!FeedbackId.safeParse(id).success) return notFound(c);
    const data = await commentData(deps, id);
    if (!data) return notFound(c);
    return render(c, (ctx) => <CommentPage ctx={ctx} record={data.record} name={data.name} notice={notice} />, status);
  };
  app.get('/staff/comments/:id', session(MONITORS), (c) => {
    const s = staffMessages(pageContext(c, assets).lang);
    const done = c.req.query('done');
    return commentPage(
      c,
      c.req.param('id'),
      done === 'moderated'
        ? { kind: 'ok', text: s.moderatedOne }
        : done === 'replied'
          ? { kind: 'ok', text: s.replied }
          : null,
    );
  });
  app.post('/staff/comments/:id/moderation', session(MONITORS), formLimit, async (c) => {
    const id = c.req.param('id');
    const s = staffMessages(pageContext(c, assets).lang);
    if (!FeedbackId.safeParse(id).success) return notFound(c);
    const body = await c.req.parseBody();
    const parsed = ModerationBody.safeParse({
      action: body.action,
      ...(field(body, 'reason') ? { reason: field(body, 'reason') } : {}),
    });
    if (!parsed.success) return commentPage(c, id, { kind: 'error', text: s.reasonRequired }, 400);
    try {
      await moderateComment(deps, { feedbackId: id, ...parsed.data }, staffOf(c), deps.clock());
    } catch (error) {
      return commentPage(c, id, ...explained(error, { 'invalid-state': s.invalidState }));
    }
    return c.redirect(`/staff/comments/${id}?done=moderated`, 303);
  });
  app.post('/staff/comments/:id/replies', session(MONITORS), formLimit, async (c) => {
    const id = c.req.param('id');
    const s = staffMessages(pageContext(c, assets).lang);
    if (!FeedbackId.safeParse(id).success) return notFound(c);
    const body = await c.req.parseBody();
    const parsed = ReplyBody.safeParse({ department: body.department, text: body.text });
    if (!parsed.success) return commentPage(c, id, { kind: 'error', text: s.fieldsMissing }, 400);
    try {
      await replyToComment(deps, { feedbackId: id, ...parsed.data }, staffOf(c), deps.clock());
    } catch (error) {
      // The reply's text, too long once personal data in it is masked.
      return commentPage(c, id, ...explained(error, { 'validation-failed': s.textTooLongMasked }));
    }
    return c.redirect(`/staff/comments/${id}?done=replied`, 303);
  });

  // ---- Cases
  app.get('/staff/cases', session(MONITORS), async (c) => {
    const requested = c.req.query('view');
    const view: CaseView = CASE_VIEWS.includes(requested as CaseView) ? (requested as CaseView) : 'active';
    const cursor = c.req.query('cursor');
    const [page, snapshot] = await Promise.all([
      listCases(deps, view, { limit: 50, cursor: cursor && cursor.length <= 600 ? cursor : undefined }, deps.clock()),
      planOf(deps),
    ]);
    const next = page.nextCursor ? `/staff/cases?${new URLSearchParams({ view, cursor: page.nextCursor })}` : null;
    return render(c, (ctx) => (
      <CasesPage ctx={ctx} view={view} items={page.items} names={targetNames(snapshot)} nextHref={next} />
    ));
  });
  const casePage = async (c: Context<StaffEnv>, id: string, notice: Notice, status: Status = 200) => {
    if (!CaseId.safeParse(id).success) return notFound(c);
    const [item, snapshot] = await Promise.all([caseDetail(deps, id, deps.clock()), planOf(deps)]);
    return render(
      c,
      (ctx) => (
        <CasePage
          ctx={ctx}
          item={item}
          name={targetNames(snapshot).get(`${item.targetType}:${item.targetId}`)}
          notice={notice}
        />
      ),
      status,
    );
  };
  app.get('/staff/cases/:id', session(MONITORS), (c) =>
    casePage(
      c,
      c.req.param('id'),
      c.req.query('done') === 'step'
        ? { kind: 'ok', text: staffMessages(pageContext(c, assets).lang).caseStepDone }
        : null,
    ),
  );
  app.post('/staff/cases/:id/steps', session(MONITORS), formLimit, async (c) => {
    const id = c.req.param('id');
    const s = staffMessages(pageContext(c, assets).lang);
    if (!CaseId.safeParse(id).success) return notFound(c);
    const body = await c.req.parseBody();
    const step = StepBody.safeParse(
      Object.fromEntries(
        ['action', 'department', 'note', 'text'].flatMap((name) =>
          field(body, name) ? [[name, field(body, name)]] : [],
        ),
      ),
    );
    if (!step.success) return casePage(c, id, { kind: 'error', text: s.fieldsMissing }, 400);
    try {
      await stepCase(deps, id, step.data, staffOf(c), deps.clock());
    } catch (error) {
      return casePage(
        c,
        id,
        ...explained(error, { 'invalid-state': s.invalidState, 'validation-failed': s.textTooLongMasked }),
      );
    }
    return c.redirect(`/staff/cases/${id}?done=step`, 303);
  });

  // ---- Publishing
  const publishPage = async (
    c: Context<StaffEnv>,
    extra: { notice?: Notice; report?: ImportReport; typed?: Record<string, string> },
    status: Status = 200,
  ) => {
    const snapshot = await planOf(deps);
    return render(
      c,
      (ctx) => (
        <PublishPage
          ctx={ctx}
          state={{
            indicators: [...snapshot.indicators].sort((a, b) => a.seq - b.seq),
            projects: snapshot.projects,
            notice: extra.notice ?? null,
            report: extra.report ?? null,
            typed: extra.typed ?? {},
          }}
        />
      ),
      status,
    );
  };
  app.get('/staff/publish', session(PUBLISHERS), (c) => {
    const s = staffMessages(pageContext(c, assets).lang);
    const done = c.req.query('done');
    const notice: Notice =
      done === 'new' || done === 'correction' || done === 'unchanged'
        ? { kind: 'ok', text: s.published(done) }
        : done === 'progress'
          ? { kind: 'ok', text: s.progressPublished }
          : null;
    return publishPage(c, { notice });
  });
  app.post('/staff/publish/observation', session(PUBLISHERS), formLimit, async (c) => {
    const body = await c.req.parseBody();
    const s = staffMessages(pageContext(c, assets).lang);
    const typed = Object.fromEntries(
      ['indicator', 'year', 'value', 'source', 'note'].map((k) => [k, typedText(body, k)]),
    );
    const number = (text: string | undefined) =>
      text !== undefined && Number.isFinite(Number(text)) ? Number(text) : undefined;
    const input = ObservationInput.safeParse({
      year: number(field(body, 'year')),
      value: number(field(body, 'value')),
      ...(field(body, 'source') ? { source: field(body, 'source') } : {}),
      ...(field(body, 'note') ? { note: field(body, 'note') } : {}),
    });
    if (!input.success || !typed.indicator)
      return publishPage(c, { notice: { kind: 'error', text: s.fieldsMissing }, typed }, 400);
    try {
      const result = await publishObservation(deps, typed.indicator, input.data, staffOf(c), deps.clock());
      return c.redirect(`/staff/publish?done=${result.outcome}`, 303);
    } catch (error) {
      // An indicator the form names that does not exist is the form's mistake (400), like a field left out.
      if (error instanceof NotFoundError)
        return publishPage(c, { notice: { kind: 'error', text: s.fieldsMissing }, typed }, 400);
      if (error instanceof PublishRuleError)
        return publishPage(c, { notice: { kind: 'error', text: s.csvReason(error.why) }, typed }, statusOf(error));
      throw error;
    }
  });
  app.post('/staff/publish/progress', session(PUBLISHERS), formLimit, async (c) => {
    const body = await c.req.parseBody();
    const s = staffMessages(pageContext(c, assets).lang);
    const typed = {
      project: typedText(body, 'project'),
      status: typedText(body, 'status'),
      progress: typedText(body, 'progress'),
      progressNote: typedText(body, 'note'),
    };
    const progress = field(body, 'progress');
    const report = ProgressBody.safeParse({
      status: body.status,
      progress: progress !== undefined && Number.isFinite(Number(progress)) ? Number(progress) : undefined,
      note: field(body, 'note'),
      ...(field(body, 'source') ? { source: field(body, 'source') } : {}),
      ...(field(body, 'reason') ? { reason: field(body, 'reason') } : {}),
    });
    if (!report.success || !typed.project)
      return publishPage(c, { notice: { kind: 'error', text: s.fieldsMissing }, typed }, 400);
    try {
      await publishProgress(deps, typed.project, report.data, staffOf(c), deps.clock());
    } catch (error) {
      if (error instanceof NotFoundError)
        return publishPage(c, { notice: { kind: 'error', text: s.fieldsMissing }, typed }, 400);
      if (error instanceof ProgressReasonRequired)
        return publishPage(c, { notice: { kind: 'error', text: s.progressReasonHint }, typed }, statusOf(error));
      throw error;
    }
    return c.redirect('/staff/publish?done=progress', 303);
  });
  app.post(
    '/staff/publish/import',
    session(PUBLISHERS),
    bodyLimit({ maxSize: MAX_IMPORT_FORM_BYTES, onError: tooLarge((s) => s.importTooLarge) }),
    async (c) => {
      const body = await c.req.parseBody();
      const s = staffMessages(pageContext(c, assets).lang);
      const file = body.file;
      let text: string;
      try {
        if (!(file instanceof File) || file.size === 0) throw new Error('no file');
        text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
      } catch {
        return publishPage(c, { notice: { kind: 'error', text: s.importNoFile } }, 400);
      }
      const dryRun = body.dryRun === 'true';
      try {
        if (body.kind === 'progress') {
          const { summary } = await importProgress(deps, text, dryRun, staffOf(c), deps.clock());
          return publishPage(c, {
            report: {
              problems: [],
              summary: { rows: summary.rows, changed: summary.reports, unchanged: summary.unchanged, dryRun },
            },
          });
        }
        const { summary } = await importObservations(deps, text, dryRun, staffOf(c), deps.clock());
        return publishPage(c, {
          report: {
            problems: [],
            summary: {
              rows: summary.rows,
              changed: summary.new + summary.corrections,
              unchanged: summary.unchanged,
              dryRun,
            },
          },
        });
      } catch (error) {
        if (error instanceof ImportRejected)
          return publishPage(c, { report: { problems: error.problems, summary: null } }, statusOf(error));
        throw error;
      }
    },
  );

  app.route('/', planPageRoutes(deps, { assets, render, publishers: session(PUBLISHERS), tooLarge }));

  // ---- Audit log
  app.get('/staff/audit', session(ADMINS), async (c) => {
    const s = staffMessages(pageContext(c, assets).lang);
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
    const page = await deps.audit.list({
      limit: q.limit,
      cursor: q.cursor,
      since: q.since,
      until: q.until,
      action: q.action,
      actorSub: q.actor,
    });
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

  // ---- CSV downloads: the JSON staff routes' exports, for a signed-in browser
  app.get('/staff/export/:file', session(STAFF), async (c) => {
    const match = /^(indicators|observations|progress|aggregates|cases|audit)\.csv$/.exec(c.req.param('file'));
    if (!match) return notFound(c);
    const kind = match[1] as StaffExport['kind'];
    const roles = EXPORT_ROLES[kind];
    if (!staffOf(c).roles.some((r) => roles.includes(r))) return refuse(c, 'forbidden', roles);
    let request: StaffExport;
    if (kind === 'aggregates') {
      const period = c.req.query('period') ?? 'all';
      if (!PERIOD_PATTERN.test(period)) return notFound(c);
      request = { kind, period };
    } else if (kind === 'audit') {
      const q = AuditCsvQuery.safeParse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')));
      if (!q.success) return notFound(c);
      request = {
        kind,
        filter: { since: q.data.since, until: q.data.until, action: q.data.action, actorSub: q.data.actor },
      };
    } else {
      request = { kind };
    }
    const res = csvResponse(c, await staffExport(deps, request), deps.clock());
    res.headers.set('Cache-Control', PRIVATE_PAGE_CACHE);
    return res;
  });

  return app;
}
