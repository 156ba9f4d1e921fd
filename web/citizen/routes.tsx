import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { bodyLimit } from 'hono/body-limit';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from '../../shared/http/caching.js';
import { botCheck, formsFromThisSite } from '../../shared/http/csrf.js';
import { cookieVoter, issueVoter, issueVoterCookie } from '../../shared/http/voter.js';
import type { ErrorKind } from '../../shared/errors.js';
import { explain, logFault, problemFor, type ProblemStatus } from '../../shared/http/problem.js';
import { ratingYear } from '../../shared/feedback/rating.js';
import { FeedbackSubmission, submissionNotice } from '../../shared/feedback/submit.js';
import { submitFromRequest } from '../../shared/http/feedback-submit.js';
import { receiptCodeOf } from '../../shared/cases/lookup.js';
import { PII_KINDS } from '../../shared/moderation/pii.js';
import type { BallotWithComment } from '../../shared/feedback/store.js';
import { TargetId, TargetType } from '../../shared/feedback/target.js';
import { webAssets, type WebAssets } from '../assets.js';
import type { Confirmation, FeedbackError, FeedbackFormState } from './components/feedback.js';
import { ELDER_COOKIE, LANG_COOKIE, pageContext, safeBack, setPreference, type PageContext } from '../context.js';
import {
  homeData,
  indicatorFilter,
  indicatorListData,
  indicatorPageData,
  methodData,
  projectFilter,
  projectListData,
  projectPageData,
  type PageDataDeps,
} from './data.js';
import { isLang } from '../i18n.js';
import { ErrorPage, NotFoundPage, tooLargePage } from './pages/errors.js';
import { HomePage } from './pages/home.js';
import { IndicatorPage } from './pages/indicator.js';
import type { TargetPageState } from './components/target-page.js';
import { IndicatorsPage } from './pages/indicators.js';
import { MethodPage } from './pages/method.js';
import { ProjectPage } from './pages/project.js';
import { ProjectsPage } from './pages/projects.js';
import { mineRoutes, type MineRouteDeps } from './mine-routes.js';
import { lookupRoutes } from './lookup-routes.js';
import { evaluationPages } from './evaluation-routes.js';
import type { EvaluationDeps } from '../../shared/http/api/routes/evaluation.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { TARGET_KIND_LIST, targetKind } from '../../shared/feedback/target-kinds.js';
import type { TargetFeedback } from './data.js';
import { planScoped, type PlanScope, type PlanScopedEnv, type PlanScopeDeps } from '../../shared/http/plan-scope.js';
import { planYears, ratingsOpen } from './place.js';
import { plansRoutes } from './plans-routes.js';
import { verdictPages } from './verdicts-routes.js';

/** No inline script or style, nothing from another origin, no framing, forms only to this site. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/** A page is kept at the edge as briefly as the JSON it shows; a voter's page and a staff page never. */
export const PRIVATE_PAGE_CACHE = PRIVATE_CACHE_CONTROL;
/** Hashed asset names never change content. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';
/**
 * A form body is URL-encoded: each byte of a Chinese character becomes three, so a comment of
 * 2,000 characters takes up to 18 KB. The JSON API keeps its 16 KiB.
 */
export const MAX_FORM_BYTES = 64 * 1024;

type Page = JSX.Element;

/** A target's page, read: what it shows and how it shows it. */
interface TargetPageOf {
  data: TargetFeedback;
  page: (ctx: PageContext, state: TargetPageState) => Page;
}

/** The domain errors the rating form explains itself, by kind. */
const FORM_ERRORS: { readonly [K in ErrorKind]?: FeedbackError } = {
  conflict: 'conflict',
  'too-many-requests': 'rateLimited',
};

/** The kinds of personal data named in a confirmation's query: known kinds only, each once. */

/** What the citizen pages read and the rating form writes (a 差评 opens its case on submission). */
export type CitizenPagesDeps = PageDataDeps &
  MineRouteDeps &
  EvaluationDeps &
  PlanScopeDeps &
  Pick<
    AppDeps,
    | 'voterTokens'
    | 'cookieSecure'
    | 'siteUrl'
    | 'hashAddress'
    | 'feedbackLimits'
    | 'newId'
    | 'verdicts'
    | 'receipts'
    | 'lookupLimits'
  >;

/**
 * The citizen pages: server-rendered HTML, complete without JavaScript, served by the same app as
 * the API. Handlers read the request, ask web/citizen/data.ts for what to show and render web/citizen/pages/.
 */
export function webRoutes(deps: CitizenPagesDeps, options: { assets?: WebAssets } = {}) {
  const assets = options.assets ?? webAssets();

  const render = async (
    c: Context,
    page: (ctx: PageContext) => Page,
    init: { status?: 200 | ProblemStatus; personal?: boolean; placed?: boolean } = {},
  ) => {
    // A page of one plan (reached through planScoped) knows its place: its links keep to that plan.
    const scope = c.get('planScope') as PlanScope | undefined;
    // An error page is drawn without the plan's navigation, whatever plan it was reached in.
    const placed = scope && init.placed !== false;
    const ctx: PageContext = { ...pageContext(c, assets), ...(placed ? { place: scope } : {}) };
    const html = `<!DOCTYPE html>${String(await page(ctx))}`;
    c.header('Content-Security-Policy', PAGE_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('Cache-Control', init.personal ? PRIVATE_PAGE_CACHE : PUBLIC_CACHE_CONTROL);
    // The same URL answers in the language and mode of the cookies (or of Accept-Language).
    c.header('Vary', 'Cookie, Accept-Language');
    return c.html(html, init.status ?? 200);
  };

  const notFound = (c: Context) => render(c, (ctx) => <NotFoundPage ctx={ctx} />, { status: 404 });

  /** The voter id of the request's genuine `gp_voter` cookie, or null. */
  const voterOf = (c: Context) => cookieVoter(c, deps);

  /** Forms post only from our own pages: a cross-site post (by Sec-Fetch-Site or Origin) is refused, 403. */
  const fromThisSite = formsFromThisSite(deps);

  /** The 差评 case named after a submission, if it is the one this voter's current rating opened. */
  const openedCase = async (
    voterId: string | null,
    yours: BallotWithComment[] | null,
    caseId: string | undefined,
    year: number,
  ) => {
    const current = yours?.find((b) => b.year === year);
    if (!voterId || !caseId || current?.feedbackId !== caseId) return null;
    const opened = (await deps.cases.followedBy(voterId)).find((f) => f.case.caseId === caseId);
    return opened && opened.case.voterId === voterId
      ? { caseId, dueAt: opened.case.firstDueAt, receiptCode: receiptCodeOf(deps.receipts, opened) }
      : null;
  };

  /**
   * An indicator or project page, for a GET or for a form that comes back with errors. A GET gives
   * a browser without a voter cookie its cookie (`holdVoter`), so that its first rating is posted
   * with a token it already holds (shared/http/voter.ts says why); such an answer is private, as
   * every answer that sets a cookie must be. A refused form sets nothing.
   */
  /** Each kind's page: what it shows, read for one target, and the component that shows it. */
  const TARGET_PAGES: {
    [T in TargetType]: (
      planId: string,
      id: string,
      voterId: string | null,
      cursor: string | undefined,
    ) => Promise<TargetPageOf | null>;
  } = {
    indicator: async (planId, id, voterId, cursor) => {
      const data = await indicatorPageData(deps, planId, id, voterId, cursor);
      return data && { data, page: (ctx, state) => <IndicatorPage ctx={ctx} data={data} state={state} /> };
    },
    project: async (planId, id, voterId, cursor) => {
      const data = await projectPageData(deps, planId, id, voterId, cursor);
      return data && { data, page: (ctx, state) => <ProjectPage ctx={ctx} data={data} state={state} /> };
    },
  };

  const targetPage = async (
    c: Context<PlanScopedEnv>,
    targetType: TargetType,
    id: string,
    form: Omit<FeedbackFormState, 'stamp'>,
    init: { status?: 200 | ProblemStatus; confirmationAllowed: boolean; holdVoter: boolean },
  ) => {
    if (!TargetId.safeParse(id).success) return notFound(c);
    const voterId = voterOf(c);
    const cursor = c.req.method === 'GET' ? c.req.query('comments') : undefined;
    const year = ratingYear(deps.clock());
    const target = await TARGET_PAGES[targetType](c.get('planScope').plan.id, id, voterId, cursor);
    if (!target) return notFound(c);
    const { data } = target;
    const issued = voterId === null && init.holdVoter ? issueVoterCookie(c, deps) : null;
    // The confirmation is shown to the voter who submitted, never to whoever opens a shared link.
    const done = c.req.query('done');
    const current = data.yours?.find((b) => b.year === year);
    const confirmation: Confirmation | null =
      init.confirmationAllowed && current && (done === 'recorded' || done === 'replaced')
        ? {
            done,
            pending: c.req.query('pending') === '1',
            // From the stored record, not from the link: a link cannot make the page claim a masking.
            masked: PII_KINDS.filter((kind) => (current.piiMasked[kind] ?? 0) > 0),
            followUpCase: await openedCase(voterId, data.yours, c.req.query('case'), year),
          }
        : null;
    // Every form served carries a fresh signed time: it is checked when the form comes back.
    const state: TargetPageState = {
      year,
      form: { ...form, stamp: deps.formStamps.issue(deps.clock()) },
      confirmation,
    };
    const personal = voterId !== null || issued !== null || form.errors.length > 0;
    return render(c, (ctx) => target.page(ctx, state), { status: init.status ?? 200, personal });
  };

  const app = new Hono();
  // Every error answers as a page at its problem's status (shared/http/problem.ts): the store throttled
  // or unreachable (nothing was half written) with Retry-After, so the reader may simply try again.
  app.onError(async (error, c) => {
    const problem = problemFor(error);
    logFault(deps.logger, error, problem, { path: c.req.path });
    if (problem.type === 'not-found') return notFound(c);
    if (problem.retryAfterSeconds !== undefined) c.header('Retry-After', String(problem.retryAfterSeconds));
    // An error is never cached: the next reader should get the page, not the error.
    return render(c, (ctx) => <ErrorPage ctx={ctx} />, {
      status: problem.status,
      personal: true,
      placed: false,
    });
  });

  /**
   * The pages of one plan, at /plans/{planId}/… and, for the current plan, at their own paths
   * (shared/http/plan-scope.ts): each reads its plan from the scope, never from the configuration.
   */
  const plan = new Hono<PlanScopedEnv>();
  const planOf = (c: Context<PlanScopedEnv>) => c.get('planScope').plan.id;

  plan.get('/', async (c) => {
    const data = await homeData(deps, planOf(c), c.get('planScope').base);
    return render(c, (ctx) => <HomePage ctx={ctx} data={data} />);
  });

  plan.get(targetKind('indicator').listPath(), async (c) => {
    const data = await indicatorListData(deps, planOf(c), indicatorFilter(c.req.query()));
    return render(c, (ctx) => <IndicatorsPage ctx={ctx} data={data} />);
  });

  plan.get(targetKind('project').listPath(), async (c) => {
    const data = await projectListData(deps, planOf(c), projectFilter(c.req.query()));
    return render(c, (ctx) => <ProjectsPage ctx={ctx} data={data} />);
  });

  for (const kind of TARGET_KIND_LIST) {
    plan.get(`${kind.listPath()}/:id`, (c) =>
      targetPage(c, kind.type, c.req.param('id'), { errors: [] }, { confirmationAllowed: true, holdVoter: true }),
    );
  }

  plan.get('/method', async (c) => {
    const { minRatings } = await methodData(deps, planOf(c));
    const years = planYears(c.get('planScope').plan);
    return render(c, (ctx) => <MethodPage ctx={ctx} minRatings={minRatings} years={years} />);
  });

  evaluationPages(plan, deps, { render });

  /**
   * The rate-and-comment form without JavaScript: the same rules as POST /api/v1/feedback
   * (submitFromRequest, the same voter cookie), then 303 back to the target with what was recorded.
   * A form with mistakes comes back with messages and what was typed, never as a 500.
   */
  plan.post(
    '/feedback',
    fromThisSite,
    bodyLimit({ maxSize: MAX_FORM_BYTES, onError: tooLargePage(render, '64 KiB') }),
    async (c) => {
      const body = await c.req.parseBody();
      const targetType = TargetType.safeParse(body.targetType);
      const targetId = TargetId.safeParse(body.targetId);
      if (!targetType.success || !targetId.success) return notFound(c);
      const rating = typeof body.rating === 'string' && /^[1-5]$/.test(body.rating) ? Number(body.rating) : undefined;
      const comment = typeof body.comment === 'string' ? body.comment : undefined;
      const parsed = FeedbackSubmission.safeParse({
        targetType: targetType.data,
        targetId: targetId.data,
        rating,
        comment,
      });
      const back = (errors: FeedbackError[], status: ProblemStatus) =>
        targetPage(
          c,
          targetType.data,
          targetId.data,
          { rating, comment, errors },
          { status, confirmationAllowed: false, holdVoter: false },
        );
      // A bot fills in the honeypot, or posts faster than anyone reads the form: refused, nothing stored,
      // and the page comes back with what was typed so a person can simply submit again. Which check
      // failed is logged, not told.
      const refused = botCheck(body, deps.formStamps, deps.clock());
      if (refused) {
        deps.logger.info('form refused', {
          reason: refused.reason,
          targetType: targetType.data,
          targetId: targetId.data,
        });
        return back([refused.error], 400);
      }
      if (!parsed.success) {
        const errors = new Set<FeedbackError>();
        for (const issue of parsed.error.issues) {
          if (issue.path[0] === 'rating') errors.add('rating');
          else if (issue.path[0] === 'comment')
            errors.add(issue.message.includes('surrogate') ? 'commentInvalid' : 'comment');
        }
        return back([...errors], 400);
      }
      // A closed plan is read, not rated: its page comes back, saying so in place of the form.
      if (!ratingsOpen(c.get('planScope').plan)) return back([], 409);
      const voterId = voterOf(c) ?? issueVoter(c, deps);
      try {
        // The API's rules exactly: the same submission, the same limits per voter and address.
        const submitted = await submitFromRequest(c, deps, voterId, parsed.data, 'form');
        const { record, replaced } = submitted;
        // What the API answers, told on the page the form comes back to: the case opened (checked
        // there against this voter's rating); the kinds masked are read there from the stored record.
        const notice = submissionNotice(submitted);
        const query = new URLSearchParams({
          done: replaced ? 'replaced' : 'recorded',
          ...(record.commentStatus === 'pending' ? { pending: '1' } : {}),
          ...(notice.followUpCase ? { case: notice.followUpCase.caseId } : {}),
        });
        c.header('Cache-Control', 'no-store');
        const page = targetKind(record.targetType).pagePath(record.targetId, c.get('planScope').base);
        return c.redirect(`${page}?${query}#feedback`, 303);
      } catch (error) {
        // What the form explains comes back as the form, at its problem's status; anything else goes to onError.
        const explained = explain(error, FORM_ERRORS);
        if (!explained) throw error;
        const { status, retryAfterSeconds } = explained.problem;
        if (retryAfterSeconds !== undefined) c.header('Retry-After', String(retryAfterSeconds));
        return back([explained.message], status);
      }
    },
  );

  verdictPages(plan, deps, render);
  app.route('/', planScoped(deps, plan));
  mineRoutes(app, deps, { render, notFound, voterOf, fromThisSite });
  lookupRoutes(app, deps, { render, voterOf, fromThisSite });
  plansRoutes(app, deps, render);

  /** Language and elder-friendly mode: a form sets a cookie and comes back, so it works without JavaScript. */
  app.post(
    '/settings',
    fromThisSite,
    bodyLimit({ maxSize: 4096, onError: tooLargePage(render, '4 KiB') }),
    async (c) => {
      const body = await c.req.parseBody();
      if (isLang(body.lang)) setPreference(c, LANG_COOKIE, body.lang, deps.cookieSecure);
      if (body.elder === 'on' || body.elder === 'off') setPreference(c, ELDER_COOKIE, body.elder, deps.cookieSecure);
      c.header('Cache-Control', 'no-store');
      return c.redirect(safeBack(body.back), 303);
    },
  );

  app.get('/assets/:name', async (c) => {
    const file = await assets.file(c.req.param('name'));
    if (!file) return c.text('Not found', 404, { 'Cache-Control': 'no-store' });
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.type,
      'Cache-Control': ASSET_CACHE,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  // Any other page address: an HTML 404. The API keeps its own (problem+json) answer.
  app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : notFound(c)));

  return app;
}
