import { Hono } from 'hono/tiny';
import { TargetId, TargetType } from '../../../feedback/target.js';
import { categoryScope, granularityOf, planScope, PROJECTS_GROUP, targetScope } from '../../../ratings/scopes.js';
import { scopeSummaryIn } from '../../../ratings/views.js';
import { RatingsQuery, SeriesQuery, TargetRatingsQuery } from '../../../api/schemas.js';
import type { AppDeps } from '../../deps.js';
import { ProblemError } from '../../problem.js';
import { pathParam, queryParams } from '../../request.js';
import { kindNamedBy } from '../../../feedback/target-kinds.js';
import { responder } from '../respond.js';
import type { ratingsContract } from './ratings.contract.js';

const respond = responder<typeof ratingsContract>();
import type { PlanScopedEnv } from '../../plan-scope.js';

/** What the rating summaries read. */
export type RatingRouteDeps = Pick<AppDeps, 'plans' | 'ratings' | 'minRatings'>;

/** The published verdict of citizens' ratings of the request's plan: summaries, rankings and series, read as published. */
export function ratingRoutes(deps: RatingRouteDeps) {
  return new Hono<PlanScopedEnv>()
    .get('/:collection{indicators|projects}/:id/ratings', async (c) => {
      const { plan } = c.get('planScope');
      const targetType = kindNamedBy(c.req.param('collection')).type;
      const targetId = pathParam(TargetId, c.req.param('id'), targetType);
      const { period } = queryParams(c, TargetRatingsQuery);
      const [exists, document] = await Promise.all([
        deps.plans.targetExists(plan.id, targetType, targetId),
        deps.ratings.periodSummaries(plan.id, period),
      ]);
      if (!exists) throw new ProblemError('not-found', { detail: `no ${targetType} ${targetId}` });
      const minRatings = document?.minRatings ?? deps.minRatings;
      return respond(c, 'targetRatings', 200, {
        period,
        version: document?.version ?? 0,
        minRatings,
        prior: document?.prior ?? null,
        summary: scopeSummaryIn(document, targetScope(targetType, targetId), minRatings),
      });
    })
    .get('/ratings', async (c) => {
      const { plan } = c.get('planScope');
      const { group, period } = queryParams(c, RatingsQuery);
      const document = await deps.ratings.periodSummaries(plan.id, period);
      const minRatings = document?.minRatings ?? deps.minRatings;
      const base = { period, version: document?.version ?? 0, minRatings, prior: document?.prior ?? null };
      if (group === 'category') {
        // Every category of the plan appears, rated or not, ranked among the categories that have enough ratings.
        const categories = [...plan.categories.map((category) => category.id), PROJECTS_GROUP].map((id) =>
          scopeSummaryIn(document, categoryScope(id), minRatings),
        );
        categories.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.count - a.count);
        return respond(c, 'ratings', 200, { ...base, group, categories });
      }
      return respond(c, 'ratings', 200, {
        ...base,
        group,
        plan: scopeSummaryIn(document, planScope(plan.id), minRatings),
        ranking: document?.targets ?? [],
      });
    })
    .get('/ratings/series', async (c) => {
      const { plan } = c.get('planScope');
      const query = queryParams(c, SeriesQuery);
      const [kind, ...rest] = query.target.split(':');
      const id = rest.join(':');
      let scope: string;
      if (kind === 'plan') scope = planScope(plan.id);
      else if (kind === 'category') {
        if (!plan.categories.some((category) => category.id === id) && id !== PROJECTS_GROUP)
          throw new ProblemError('not-found', { detail: `no category ${id}` });
        scope = categoryScope(id);
      } else {
        // SeriesQuery lets only a kind of target through here (indicator:…, project:…).
        const targetType = TargetType.parse(kind);
        const targetId = pathParam(TargetId, id, targetType);
        if (!(await deps.plans.targetExists(plan.id, targetType, targetId)))
          throw new ProblemError('not-found', { detail: `no ${targetType} ${targetId}` });
        scope = targetScope(targetType, targetId);
      }
      const points = await deps.ratings.series(plan.id, scope);
      return respond(c, 'ratingSeries', 200, {
        target: query.target,
        granularity: query.granularity,
        points: points.filter((p) => granularityOf(p.period) === query.granularity),
      });
    });
}
