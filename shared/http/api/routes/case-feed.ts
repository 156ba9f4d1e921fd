import { Hono } from 'hono/tiny';
import { CaseFeedQuery } from '../../../api/case-bodies.js';
import { CaseId } from '../../../api/schemas.js';
import { lookUpCase } from '../../../cases/lookup.js';
import { caseFeedPath } from '../../../cases/receipt.js';
import { caseAtomFeed } from '../../../feeds/case-feed.js';
import { namedTargets } from '../../../feedback/target-kinds.js';
import type { AppDeps } from '../../deps.js';
import { pathParam, queryParams } from '../../request.js';
import { ATOM_CONTENT_TYPE } from './feeds.js';
import { lookupClient } from './case-follow.js';

export type CaseFeedDeps = Pick<
  AppDeps,
  'cases' | 'receipts' | 'lookupLimits' | 'hashAddress' | 'clock' | 'plans' | 'siteUrl'
>;

/**
 * A 差评 case's private Atom feed (shared/feeds/case-feed.ts), opened with its receipt code like a
 * look-up (the same check, counted per client and case), never cached or indexed.
 */
export function caseFeedRoutes(deps: CaseFeedDeps) {
  return new Hono().get('/feeds/cases/:caseId{[^/]+\\.atom}', async (c) => {
    c.header('Cache-Control', 'private, no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
    const caseId = pathParam(CaseId, c.req.param('caseId').replace(/\.atom$/, ''), 'case');
    const { code } = queryParams(c, CaseFeedQuery);
    const found = await lookUpCase(deps, { caseId, code }, lookupClient(c, deps, null), null, {
      kind: 'feed',
      caseId,
    });
    const snapshot = await deps.plans.snapshot(found.planId);
    const target = snapshot
      ? namedTargets(snapshot).find((t) => t.targetType === found.targetType && t.targetId === found.targetId)
      : undefined;
    const origin = new URL(deps.siteUrl ?? c.req.url);
    const feed = caseAtomFeed(
      found,
      {
        self: `${origin.origin}${caseFeedPath(caseId, code)}`,
        link: `${origin.origin}/cases/lookup`,
        tagAuthority: origin.hostname,
        targetZh: target?.nameZh ?? found.targetId,
        targetEn: target?.nameEn ?? found.targetId,
      },
      deps.clock(),
    );
    return c.body(feed, 200, { 'Content-Type': ATOM_CONTENT_TYPE });
  });
}
