import { Hono } from 'hono/tiny';
import { indicatorDetailView, indicatorView, planView } from '../../../plan/views.js';
import { IndicatorId } from '../../../plan/schema.js';
import { IndicatorFilter, NoQuery, ProjectFilter, ProjectId } from '../../../api/schemas.js';
import type { PlanSnapshot } from '../../../store/plan-repository.js';
import { projectWithProgress } from '../../../plan/progress.js';
import { targetScope } from '../../../ratings/scopes.js';
import { briefOf, scopeSummaryIn } from '../../../ratings/views.js';
import type { TargetType } from '../../../feedback/target.js';
import type { AppDeps } from '../../deps.js';
import { ProblemError } from '../../problem.js';
import { pathParam, queryParams } from '../../request.js';
import type { PlanScopedEnv } from '../../plan-scope.js';
import { responder } from '../respond.js';
import type { planContract } from './plan.contract.js';

const respond = responder<typeof planContract>();

/** What the plan, indicator and project routes read. */
export type PlanRouteDeps = Pick<AppDeps, 'plans' | 'progress' | 'ratings' | 'minRatings'>;

/** The request's plan, its indicators and its projects: public, read-only. */
export function planRoutes(deps: PlanRouteDeps) {
  const snapshot = async (planId: string): Promise<PlanSnapshot> => {
    const found = await deps.plans.snapshot(planId);
    // The registry lists the plan, so its partition is there; its absence is an operations fault, not a 404.
    if (!found) throw new ProblemError('service-unavailable', { detail: `plan ${planId} has not been loaded` });
    return found;
  };

  /** The all-time rating brief of each target of the plan, from its one published all-time document. */
  const briefs = async (planId: string) => {
    const document = await deps.ratings.periodSummaries(planId, 'all');
    const minRatings = document?.minRatings ?? deps.minRatings;
    return (targetType: TargetType, id: string) =>
      briefOf(scopeSummaryIn(document, targetScope(targetType, id), minRatings));
  };

  return new Hono<PlanScopedEnv>()
    .get('/plan', async (c) => {
      queryParams(c, NoQuery);
      const { id } = c.get('planScope').plan;
      const [plan, progress] = await Promise.all([snapshot(id), deps.progress.listAll(id)]);
      // Project statuses as last reported by a publisher, not as the plan (which states none) has them.
      return respond(
        c,
        'plan',
        200,
        planView({ ...plan, projects: plan.projects.map((p) => projectWithProgress(p, progress)) }),
      );
    })
    .get('/indicators', async (c) => {
      const filter = queryParams(c, IndicatorFilter);
      const { id: planId, categories } = c.get('planScope').plan;
      // Categories are each plan's own: a name the request's plan does not declare filters nothing, so it is refused.
      if (filter.category !== undefined && !categories.some((category) => category.id === filter.category)) {
        throw new ProblemError('validation-failed', {
          errors: [{ path: 'category', message: `not a category of plan ${planId}` }],
        });
      }
      const [{ indicators, observations }, ratingOf] = await Promise.all([snapshot(planId), briefs(planId)]);
      const items = indicators
        .filter(
          (i) =>
            (!filter.category || i.category === filter.category) &&
            (!filter.attribute || i.attribute === filter.attribute),
        )
        .map((i) => ({ ...indicatorView(i, observations), ratings: ratingOf('indicator', i.id) }))
        .filter((i) => !filter.status || i.progress.status === filter.status);
      return respond(c, 'indicators', 200, { items, count: items.length });
    })
    .get('/indicators/:id', async (c) => {
      queryParams(c, NoQuery);
      const id = pathParam(IndicatorId, c.req.param('id'), 'indicator');
      const { id: planId } = c.get('planScope').plan;
      const [indicator, revisions, history, ratingOf] = await Promise.all([
        deps.plans.getIndicator(planId, id),
        deps.plans.listObservations(planId, id),
        deps.plans.listHistory(planId),
        briefs(planId),
      ]);
      if (!indicator) throw new ProblemError('not-found', { detail: `no indicator ${id}` });
      return respond(c, 'indicator', 200, {
        ...indicatorDetailView(indicator, revisions, history),
        ratings: ratingOf('indicator', id),
      });
    })
    .get('/projects', async (c) => {
      const filter = queryParams(c, ProjectFilter);
      const { id: planId } = c.get('planScope').plan;
      const [{ projects }, ratingOf, progress] = await Promise.all([
        snapshot(planId),
        briefs(planId),
        deps.progress.listAll(planId),
      ]);
      const items = projects
        .map((p) => projectWithProgress(p, progress))
        .filter((p) => (!filter.box || p.box === filter.box) && (!filter.status || p.status === filter.status))
        .map((p) => ({ ...p, ratings: ratingOf('project', p.id) }));
      return respond(c, 'projects', 200, { items, count: items.length });
    })
    .get('/projects/:id', async (c) => {
      queryParams(c, NoQuery);
      const id = pathParam(ProjectId, c.req.param('id'), 'project');
      const { id: planId } = c.get('planScope').plan;
      const [project, ratingOf, progress] = await Promise.all([
        deps.plans.getProject(planId, id),
        briefs(planId),
        deps.progress.list(planId, id),
      ]);
      if (!project) throw new ProblemError('not-found', { detail: `no project ${id}` });
      return respond(c, 'project', 200, {
        ...projectWithProgress(project, progress),
        ratings: ratingOf('project', id),
      });
    });
}
