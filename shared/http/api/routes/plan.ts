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

/** What the plan, indicator and project routes read. */
export type PlanRouteDeps = Pick<AppDeps, 'planId' | 'plans' | 'progress' | 'ratings' | 'minRatings'>;

/** The plan, its indicators and its projects: public, read-only. */
export function planRoutes(deps: PlanRouteDeps) {
  const snapshot = async (): Promise<PlanSnapshot> => {
    const found = await deps.plans.snapshot(deps.planId);
    // The plan is loaded before the API serves; its absence is an operations fault, not a 404.
    if (!found) throw new ProblemError('service-unavailable', { detail: 'the plan has not been loaded' });
    return found;
  };

  /** The all-time rating brief of each target, from the one published all-time document. */
  const briefs = async () => {
    const document = await deps.ratings.periodSummaries('all');
    const minRatings = document?.minRatings ?? deps.minRatings;
    return (targetType: TargetType, id: string) =>
      briefOf(scopeSummaryIn(document, targetScope(targetType, id), minRatings));
  };

  return new Hono()
    .get('/plan', async (c) => {
      queryParams(c, NoQuery);
      const [plan, progress] = await Promise.all([snapshot(), deps.progress.listAll(deps.planId)]);
      // Project statuses as last reported by a publisher, not as the plan (which states none) has them.
      return c.json(planView({ ...plan, projects: plan.projects.map((p) => projectWithProgress(p, progress)) }));
    })
    .get('/indicators', async (c) => {
      const filter = queryParams(c, IndicatorFilter);
      const [{ indicators, observations }, ratingOf] = await Promise.all([snapshot(), briefs()]);
      const items = indicators
        .filter(
          (i) =>
            (!filter.category || i.category === filter.category) &&
            (!filter.attribute || i.attribute === filter.attribute),
        )
        .map((i) => ({ ...indicatorView(i, observations), ratings: ratingOf('indicator', i.id) }))
        .filter((i) => !filter.status || i.progress.status === filter.status);
      return c.json({ items, count: items.length });
    })
    .get('/indicators/:id', async (c) => {
      queryParams(c, NoQuery);
      const id = pathParam(IndicatorId, c.req.param('id'), 'indicator');
      const [indicator, revisions, history, ratingOf] = await Promise.all([
        deps.plans.getIndicator(deps.planId, id),
        deps.plans.listObservations(deps.planId, id),
        deps.plans.listHistory(deps.planId),
        briefs(),
      ]);
      if (!indicator) throw new ProblemError('not-found', { detail: `no indicator ${id}` });
      return c.json({ ...indicatorDetailView(indicator, revisions, history), ratings: ratingOf('indicator', id) });
    })
    .get('/projects', async (c) => {
      const filter = queryParams(c, ProjectFilter);
      const [{ projects }, ratingOf, progress] = await Promise.all([
        snapshot(),
        briefs(),
        deps.progress.listAll(deps.planId),
      ]);
      const items = projects
        .map((p) => projectWithProgress(p, progress))
        .filter((p) => (!filter.box || p.box === filter.box) && (!filter.status || p.status === filter.status))
        .map((p) => ({ ...p, ratings: ratingOf('project', p.id) }));
      return c.json({ items, count: items.length });
    })
    .get('/projects/:id', async (c) => {
      queryParams(c, NoQuery);
      const id = pathParam(ProjectId, c.req.param('id'), 'project');
      const [project, ratingOf, progress] = await Promise.all([
        deps.plans.getProject(deps.planId, id),
        briefs(),
        deps.progress.list(deps.planId, id),
      ]);
      if (!project) throw new ProblemError('not-found', { detail: `no project ${id}` });
      return c.json({ ...projectWithProgress(project, progress), ratings: ratingOf('project', id) });
    });
}
