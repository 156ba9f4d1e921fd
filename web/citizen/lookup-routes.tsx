import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CaseLookupBody } from '../../shared/api/case-bodies.js';
import { lookUpCase } from '../../shared/cases/lookup.js';
import { normaliseReceiptCode } from '../../shared/cases/receipt.js';
import { NotFoundError, RateLimitedError } from '../../shared/errors.js';
import { lookupClient, type CaseFollowDeps } from '../../shared/http/api/routes/case-follow.js';
import { issueVoterCookie } from '../../shared/http/voter.js';
import { caseHref } from './components/feedback.js';
import { LOOKUP_PATH } from './components/case-receipt.js';
import type { PageTools } from './mine-routes.js';
import { lookedUpCase, type MineDataDeps } from './mine-data.js';
import { LookupPage, type LookupPageState } from './pages/lookup.js';
import { tooLargePage } from './pages/errors.js';

export type LookupRouteDeps = CaseFollowDeps & MineDataDeps;

const EMPTY: LookupPageState = { caseId: '', attach: true, error: null, retryAfterSeconds: null, found: null };

/**
 * /cases/lookup, the page of shared/cases/lookup.ts: a form of case number and receipt code that
 * works without JavaScript. A case followed on this browser goes on to /me; one only looked at is
 * shown here, once, and never cached.
 */
export function lookupRoutes(
  app: Hono,
  deps: LookupRouteDeps,
  tools: Pick<PageTools, 'render' | 'voterOf' | 'fromThisSite'>,
) {
  const { render, voterOf, fromThisSite } = tools;
  const page = (c: Context, state: LookupPageState, status: 200 | 400 | 404 | 429 = 200) =>
    render(c, (ctx) => <LookupPage ctx={ctx} state={state} />, { status, personal: true });

  app.get(LOOKUP_PATH, (c) => page(c, EMPTY));

  app.post(
    LOOKUP_PATH,
    fromThisSite,
    bodyLimit({ maxSize: 4096, onError: tooLargePage(render, '4 KiB') }),
    async (c) => {
      const body = await c.req.parseBody();
      const text = (name: string) => (typeof body[name] === 'string' ? body[name].trim() : '');
      const attach = body.attach === 'yes';
      const typed = { caseId: text('caseId'), code: text('code') };
      const back: Omit<LookupPageState, 'error' | 'retryAfterSeconds'> = { caseId: typed.caseId, attach, found: null };
      const parsed = CaseLookupBody.safeParse(typed);
      if (!parsed.success) return page(c, { ...back, error: 'invalid', retryAfterSeconds: null }, 400);
      const voterId = voterOf(c);
      const attachTo = attach ? () => voterId ?? issueVoterCookie(c, deps)! : null;
      try {
        const found = await lookUpCase(deps, parsed.data, lookupClient(c, deps, voterId), attachTo);
        c.header('Cache-Control', 'no-store');
        if (attachTo !== null) return c.redirect(caseHref(found.caseId), 303);
        const code = normaliseReceiptCode(parsed.data.code)!;
        return page(c, { ...back, error: null, retryAfterSeconds: null, found: await lookedUpCase(deps, found, code) });
      } catch (error) {
        if (error instanceof NotFoundError)
          return page(c, { ...back, error: 'notFound', retryAfterSeconds: null }, 404);
        if (error instanceof RateLimitedError) {
          c.header('Retry-After', String(error.retryAfterSeconds));
          return page(c, { ...back, error: 'rateLimited', retryAfterSeconds: error.retryAfterSeconds }, 429);
        }
        throw error;
      }
    },
  );
}
