import { Hono, type Context } from 'hono';
import { NoQuery, ProjectId } from '../../../shared/api/schemas.js';
import { atomFeed, type FeedScope, type FeedSite } from '../../../shared/feeds/atom.js';
import { indicatorTarget, observationEvents, type FeedEvent } from '../../../shared/feeds/events.js';
import type { Indicator, Project } from '../../../shared/plan/schema.js';
import { IndicatorId } from '../../../shared/plan/schema.js';
import type { PlanSnapshot } from '../../../shared/store/plan-repository.js';
import type { ApiDeps } from '../deps.js';
import { ProblemError } from '../problem.js';
import { pathParam, queryParams } from '../request.js';

/** Feeds change when a value is published or a reply lands; readers poll, the edge absorbs them. */
export const FEED_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=600';
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/** What a feed is about, with what the route has already read for it. */
export type ResolvedScope =
  | { kind: 'plan'; snapshot: PlanSnapshot }
  | { kind: 'indicator'; indicator: Indicator }
  | { kind: 'project'; project: Project };

/**
 * A source of feed events. Sources run in parallel and their events are merged; each returns only
 * what it holds for the scope (all targets for the plan).
 *
 * Official replies and closed 差评 cases plug in here: a source that reads published replies (or
 * closed cases) for the scope and maps each to a `ReplyEvent` (or `CaseClosedEvent`) from
 * shared/feeds/events.ts, added to DEFAULT_FEED_SOURCES. The builder already renders both.
 */
export type FeedSource = (deps: ApiDeps, scope: ResolvedScope) => Promise<FeedEvent[]>;

/** New official values and the status changes they cause. */
export const observationSource: FeedSource = async (deps, scope) => {
  switch (scope.kind) {
    case 'plan':
      return scope.snapshot.indicators.flatMap((indicator) => observationEvents(indicator, scope.snapshot.observations));
    case 'indicator':
      return observationEvents(scope.indicator, await deps.plans.listObservations(deps.planId, scope.indicator.id));
    case 'project':
      // Projects have no yearly values; their news comes from replies and cases.
      return [];
  }
};

export const DEFAULT_FEED_SOURCES: readonly FeedSource[] = [observationSource];

/** Links point to the origin the feed was requested from; ids use its host as the tag authority. */
function siteOf(c: Context, plan: { id: string; periodStart: number }, siteUrl: string | null): FeedSite {
  // Behind CloudFront the request's host is API Gateway's; links must name the public site.
  const url = new URL(siteUrl ?? c.req.url);
  return {
    origin: url.origin,
    tagAuthority: url.hostname,
    planId: plan.id,
    // 00:00 on 1 January of the first plan year, China Standard Time.
    quietSince: new Date(Date.UTC(plan.periodStart, 0, 1) - 8 * 3600_000).toISOString(),
  };
}

/** Atom feeds of the plan, of each indicator and of each project. */
export function feedRoutes(deps: ApiDeps, sources: readonly FeedSource[] = DEFAULT_FEED_SOURCES) {
  const planSummary = async () => {
    const plan = await deps.plans.getPlan(deps.planId);
    if (!plan) throw new ProblemError('service-unavailable', { detail: 'the plan has not been loaded' });
    return plan;
  };

  const answer = async (c: Context, scope: ResolvedScope, plan: { id: string; titleZh: string; titleEn: string; periodStart: number }) => {
    const events = (await Promise.all(sources.map((source) => source(deps, scope)))).flat();
    const feedScope: FeedScope =
      scope.kind === 'plan'
        ? { kind: 'plan' }
        : scope.kind === 'indicator'
          ? { kind: 'target', target: indicatorTarget(scope.indicator) }
          : { kind: 'target', target: { targetType: 'project', targetId: scope.project.id, nameZh: scope.project.titleZh, nameEn: scope.project.titleEn } };
    c.header('Cache-Control', FEED_CACHE_CONTROL);
    return c.body(atomFeed(siteOf(c, plan, deps.siteUrl), feedScope, events, plan), 200, { 'Content-Type': ATOM_CONTENT_TYPE });
  };

  return new Hono()
    .get('/feeds/plan.atom', async (c) => {
      queryParams(c, NoQuery);
      const snapshot = await deps.plans.snapshot(deps.planId);
      if (!snapshot) throw new ProblemError('service-unavailable', { detail: 'the plan has not been loaded' });
      return answer(c, { kind: 'plan', snapshot }, snapshot.plan);
    })
    .get('/feeds/:collection{indicators|projects}/:id{[^/]+\\.atom}', async (c) => {
      queryParams(c, NoQuery);
      const raw = c.req.param('id').slice(0, -'.atom'.length);
      if (c.req.param('collection') === 'indicators') {
        const id = pathParam(IndicatorId, raw, 'indicator');
        const [plan, indicator] = await Promise.all([planSummary(), deps.plans.getIndicator(deps.planId, id)]);
        if (!indicator) throw new ProblemError('not-found', { detail: `no indicator ${id}` });
        return answer(c, { kind: 'indicator', indicator }, plan);
      }
      const id = pathParam(ProjectId, raw, 'project');
      const [plan, project] = await Promise.all([planSummary(), deps.plans.getProject(deps.planId, id)]);
      if (!project) throw new ProblemError('not-found', { detail: `no project ${id}` });
      return answer(c, { kind: 'project', project }, plan);
    });
}
