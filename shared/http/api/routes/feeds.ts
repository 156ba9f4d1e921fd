import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { NoQuery, ProjectId } from '../../../api/schemas.js';
import { atomFeed, MAX_ENTRIES, type FeedScope, type FeedSite } from '../../../feeds/atom.js';
import {
  indicatorTarget,
  observationEvents,
  type CaseClosedEvent,
  type FeedEvent,
  type FeedTarget,
  type ReplyEvent,
} from '../../../feeds/events.js';
import type { FollowUpCase } from '../../../cases/case.js';
import type { PublishedComment } from '../../../feedback/record.js';
import { commentsByTarget } from '../../../feedback/comment-order.js';
import type { Indicator, Project } from '../../../plan/schema.js';
import { IndicatorId } from '../../../plan/schema.js';
import type { PlanSnapshot } from '../../../store/plan-repository.js';
import type { AppDeps } from '../../deps.js';
import { ProblemError } from '../../problem.js';
import { pathParam, queryParams } from '../../request.js';
import type { PlanScopedEnv } from '../../plan-scope.js';
import { kindNamedBy, namedTarget, namedTargets } from '../../../feedback/target-kinds.js';
import type { TargetType } from '../../../feedback/target.js';

/** Feeds change when a value is published or a reply lands; readers poll, the edge absorbs them. */
export const FEED_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=600';
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/** What a feed is about (in which plan), with what the route has already read for it. */
export type ResolvedScope = { planId: string } & (
  | { kind: 'plan'; snapshot: PlanSnapshot }
  | { kind: 'indicator'; indicator: Indicator; target: FeedTarget }
  | { kind: 'project'; project: Project; target: FeedTarget }
);

/** What the Atom feeds read: values, official replies and closed cases. */
export type FeedDeps = Pick<AppDeps, 'plans' | 'feedback' | 'cases' | 'calendar' | 'siteUrl'>;

/**
 * A source of feed events. Sources run in parallel and their events are merged; each returns only
 * what it holds for the scope (all targets for the plan).
 * DEFAULT_FEED_SOURCES: new values and status changes, official replies, closed 差评 cases.
 */
export type FeedSource = (deps: FeedDeps, scope: ResolvedScope) => Promise<FeedEvent[]>;

/** New official values and the status changes they cause. */
export const observationSource: FeedSource = async (deps, scope) => {
  switch (scope.kind) {
    case 'plan':
      return scope.snapshot.indicators.flatMap((indicator) =>
        observationEvents(indicator, scope.snapshot.observations),
      );
    case 'indicator':
      return observationEvents(scope.indicator, await deps.plans.listObservations(scope.planId, scope.indicator.id));
    case 'project':
      // Projects have no yearly values; their news comes from replies and cases.
      return [];
  }
};

/** The targets a scope covers, with their names. */
function targetsOf(scope: ResolvedScope): FeedTarget[] {
  return scope.kind === 'plan' ? namedTargets(scope.snapshot) : [scope.target];
}

/** How each kind's feed finds its target: the id as its schema reads it, and the plan's record. */
const FEED_TARGETS: {
  [T in TargetType]: {
    id(raw: string): string;
    load(deps: FeedDeps, planId: string, id: string): Promise<ResolvedScope | null>;
  };
} = {
  indicator: {
    id: (raw) => pathParam(IndicatorId, raw, 'indicator'),
    load: async (deps, planId, id) => {
      const indicator = await deps.plans.getIndicator(planId, id);
      return indicator && { planId, kind: 'indicator', indicator, target: indicatorTarget(indicator) };
    },
  },
  project: {
    id: (raw) => pathParam(ProjectId, raw, 'project'),
    load: async (deps, planId, id) => {
      const project = await deps.plans.getProject(planId, id);
      return project && { planId, kind: 'project', project, target: namedTarget('project', project) };
    },
  },
};

/** Pages read per target and per feed: a feed shows at most MAX_ENTRIES entries anyway. */
const PAGE = 100;
const MAX_PAGES = 2;

/** A target's published comments, newest first, as many pages as a feed may show. */
async function targetComments(deps: FeedDeps, planId: string, target: FeedTarget): Promise<PublishedComment[]> {
  const comments: PublishedComment[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, nextCursor } = await deps.feedback.publishedComments(
      { planId, targetType: target.targetType, targetId: target.targetId },
      { limit: PAGE, cursor },
    );
    comments.push(...items);
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return comments;
}

/**
 * Official replies to published comments, read through the feedback store's published comments
 * (only published comments, only what the public page shows: the department, the text, when):
 * the plan's feed from the plan's index of replied comments (the few queries that hold its newest
 * MAX_ENTRIES replies, whatever the number of targets), a target's feed from the target's list.
 * Replies are appended, never rewritten, so a reply's position identifies it.
 */
export const replySource: FeedSource = async (deps, scope) => {
  const byTarget =
    scope.kind === 'plan'
      ? commentsByTarget(targetsOf(scope), await deps.feedback.planRepliedComments(scope.planId, MAX_ENTRIES))
      : [{ target: scope.target, comments: await targetComments(deps, scope.planId, scope.target) }];
  return byTarget.flatMap(({ target, comments }) =>
    comments.flatMap((comment) =>
      comment.replies.map((reply, index): ReplyEvent => ({
        kind: 'reply',
        target,
        at: reply.publishedAt,
        replyId: `${comment.feedbackId}-${index + 1}`,
        feedbackId: comment.feedbackId,
        department: reply.department,
        departmentEn: reply.departmentEn,
        text: reply.text,
      })),
    ),
  );
};

/**
 * Closed 差评 cases of the plan: that the case was answered, when, how long it took in working days
 * and whether on time. Nothing about the voter; the summary is the official reply (or the closing
 * note). Read from the plan's own closed cases, most recent first.
 */
export const closedCaseSource: FeedSource = async (deps, scope) => {
  const targets = new Map(targetsOf(scope).map((t) => [`${t.targetType}#${t.targetId}`, t]));
  const closed: FollowUpCase[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, nextCursor } = await deps.cases.list(scope.planId, 'closed', { limit: PAGE, cursor });
    closed.push(...items);
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return closed.flatMap((c): CaseClosedEvent[] => {
    const target = targets.get(`${c.targetType}#${c.targetId}`);
    if (!target || c.closedAt === null) return [];
    const answeredAt = c.firstReplyAt;
    const closeNote = [...c.history].reverse().find((h) => h.to === 'closed')?.note ?? null;
    return [
      {
        kind: 'case-closed',
        target,
        at: c.closedAt,
        caseId: c.caseId,
        outcome: c.resolution ?? 'explained',
        summary: c.reply ? `${c.reply.department}：${c.reply.text}` : (closeNote ?? ''),
        withinDeadline: answeredAt !== null && answeredAt <= c.firstDueAt,
        openedAt: c.openedAt,
        answeredAt,
        workingDays: deps.calendar.workingDaysBetween(new Date(c.openedAt), new Date(answeredAt ?? c.closedAt)),
        deadlineDays: c.deadlineDays,
      },
    ];
  });
};

export const DEFAULT_FEED_SOURCES: readonly FeedSource[] = [observationSource, replySource, closedCaseSource];

/** Links point to the origin the feed was requested from; ids use its host as the tag authority. */
function siteOf(c: Context, plan: { id: string; periodStart: number }, siteUrl: string | null): FeedSite {
  // Behind CloudFront the request's host is API Gateway's; links must name the public site.
  const url = new URL(siteUrl ?? c.req.url);
  return {
    origin: url.origin,
    tagAuthority: url.hostname,
    planId: plan.id,
    base: `/plans/${plan.id}`,
    // 00:00 on 1 January of the first plan year, China Standard Time.
    quietSince: new Date(Date.UTC(plan.periodStart, 0, 1) - 8 * 3600_000).toISOString(),
  };
}

/** Atom feeds of the request's plan, of each of its indicators and of each of its projects. */
export function feedRoutes(deps: FeedDeps, sources: readonly FeedSource[] = DEFAULT_FEED_SOURCES) {
  const answer = async (
    c: Context,
    scope: ResolvedScope,
    plan: { id: string; titleZh: string; titleEn: string; periodStart: number },
  ) => {
    const events = (await Promise.all(sources.map((source) => source(deps, scope)))).flat();
    const feedScope: FeedScope = scope.kind === 'plan' ? { kind: 'plan' } : { kind: 'target', target: scope.target };
    c.header('Cache-Control', FEED_CACHE_CONTROL);
    return c.body(atomFeed(siteOf(c, plan, deps.siteUrl), feedScope, events, plan), 200, {
      'Content-Type': ATOM_CONTENT_TYPE,
    });
  };

  return new Hono<PlanScopedEnv>()
    .get('/feeds/plan.atom', async (c) => {
      queryParams(c, NoQuery);
      const planId = c.get('planScope').plan.id;
      const snapshot = await deps.plans.snapshot(planId);
      if (!snapshot) throw new ProblemError('service-unavailable', { detail: `plan ${planId} has not been loaded` });
      return answer(c, { planId, kind: 'plan', snapshot }, snapshot.plan);
    })
    .get('/feeds/:collection{indicators|projects}/:id{[^/]+\\.atom}', async (c) => {
      queryParams(c, NoQuery);
      const raw = c.req.param('id').slice(0, -'.atom'.length);
      const kind = kindNamedBy(c.req.param('collection'));
      const feed = FEED_TARGETS[kind.type];
      const id = feed.id(raw);
      const { plan } = c.get('planScope');
      const scope = await feed.load(deps, plan.id, id);
      if (!scope) throw new ProblemError('not-found', { detail: `no ${kind.type} ${id}` });
      return answer(c, scope, plan);
    });
}
