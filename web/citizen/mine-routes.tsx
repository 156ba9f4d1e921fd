import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { botCheck } from '../../shared/http/csrf.js';
import { SatisfactionBody } from '../../shared/api/case-bodies.js';
import { FeedbackIdFormat } from '../../shared/feedback/feedback-id.js';
import { rateReply } from '../../shared/cases/workflow.js';
import type { ErrorKind } from '../../shared/errors.js';
import { explain, type ProblemStatus } from '../../shared/http/problem.js';
import type { PageContext } from '../context.js';
import type { AppDeps } from '../../shared/http/deps.js';
import { mineData, type MineDataDeps } from './mine-data.js';
import { MinePage, type ReplyFormError, type ReplyFormState } from './pages/mine.js';
import { tooLargePage } from './pages/errors.js';

/** What the page routes of web/citizen/routes.tsx lend these: rendering with the site's headers, the 404, the voter, the CSRF check. */
export interface PageTools {
  render: (
    c: Context,
    page: (ctx: PageContext) => JSX.Element,
    init: { status?: 200 | ProblemStatus; personal: true },
  ) => Promise<Response>;
  notFound: (c: Context) => Promise<Response>;
  voterOf: (c: Context) => string | null;
  fromThisSite: MiddlewareHandler;
}

/** What the page of a voter's own ratings and cases, and its reply form, use. */
export type MineRouteDeps = MineDataDeps & Pick<AppDeps, 'audit' | 'formStamps' | 'logger'>;

/** A reason for not being satisfied is at most 2,000 characters: URL-encoded Chinese, 18 KB. */
const MAX_REPLY_FORM_BYTES = 32 * 1024;

/**
 * The domain errors the reply form explains itself, by kind: a reply already rated, a case changed
 * meanwhile, and a note that masking made too long to keep (the same message as a note too long as typed).
 */
const REPLY_FORM_ERRORS: { readonly [K in ErrorKind]?: ReplyFormError } = {
  'invalid-state': 'alreadyRated',
  conflict: 'conflict',
  'validation-failed': 'note',
};

/**
 * The citizen's page of their own ratings and 差评 cases (GET /me), and the form that rates a
 * case's reply without JavaScript (POST /me/cases/:caseId/satisfaction): the same rateReply as
 * the API, so a reply is rated once, by the voter whose rating opened the case and nobody else.
 */
export function mineRoutes(app: Hono, deps: MineRouteDeps, { render, notFound, voterOf, fromThisSite }: PageTools) {
  const page = async (
    c: Context,
    voterId: string | null,
    form: ReplyFormState | null,
    status: 200 | ProblemStatus = 200,
  ) => {
    const data = voterId ? await mineData(deps, voterId) : null;
    // The confirmation after the redirect names a case; it only shows on a case of this voter's.
    const rated = c.req.method === 'GET' ? (c.req.query('rated') ?? null) : null;
    const state = { rated, form, stamp: deps.formStamps.issue(deps.clock()) };
    return render(c, (ctx) => <MinePage ctx={ctx} data={data} state={state} />, { status, personal: true });
  };

  app.get('/me', (c) => page(c, voterOf(c), null));

  app.post(
    '/me/cases/:caseId/satisfaction',
    fromThisSite,
    bodyLimit({ maxSize: MAX_REPLY_FORM_BYTES, onError: tooLargePage(render, '32 KiB') }),
    async (c) => {
      const caseId = FeedbackIdFormat.safeParse(c.req.param('caseId'));
      const voterId = voterOf(c);
      // Without this browser's voter there is no case of theirs: answered like a case that does not exist.
      if (!caseId.success || !voterId) return notFound(c);
      const body = await c.req.parseBody();
      const satisfied = body.satisfied === 'yes' ? true : body.satisfied === 'no' ? false : undefined;
      const note = typeof body.note === 'string' && body.note.trim() !== '' ? body.note : undefined;
      const back = (errors: ReplyFormError[], status: ProblemStatus) =>
        page(c, voterId, { caseId: caseId.data, satisfied, note, errors }, status);

      const refused = botCheck(body, deps.formStamps, deps.clock());
      if (refused) {
        deps.logger.info('form refused', { reason: refused.reason, form: 'reply satisfaction' });
        return back([refused.error], 400);
      }
      const parsed = SatisfactionBody.safeParse({ satisfied, note });
      if (!parsed.success) {
        const errors = new Set<ReplyFormError>(
          parsed.error.issues.map((issue) => (issue.path[0] === 'note' ? 'note' : 'choice')),
        );
        return back([...errors], 400);
      }
      try {
        await rateReply(deps, voterId, caseId.data, parsed.data.satisfied, parsed.data.note, deps.clock());
      } catch (error) {
        // What the form explains comes back as the form, at its problem's status; anything else goes to onError.
        const explained = explain(error, REPLY_FORM_ERRORS);
        if (!explained) throw error;
        return back([explained.message], explained.problem.status);
      }
      c.header('Cache-Control', 'no-store');
      return c.redirect(`/me?rated=${caseId.data}#case-${caseId.data}`, 303);
    },
  );
}
