import { operation, type Operation } from '../../../api/operation.js';
import { NoQuery } from '../../../api/schemas.js';
import { CACHE, ETAG, EXAMPLE_PROJECT, GDP, IndicatorPath, ProjectPath } from '../contract-parts.js';

/** Every feed is a GET of the request's plan, without query, answering Atom: a feed declares only the rest. */
const feed = (declared: Pick<Operation, 'operationId' | 'path' | 'summary' | 'pathParams' | 'problems' | 'examples'>) =>
  operation({
    operationId: declared.operationId,
    method: 'get',
    path: declared.path,
    planScoped: true,
    tag: 'Feeds',
    summary: declared.summary,
    ...(declared.pathParams ? { pathParams: declared.pathParams } : {}),
    query: NoQuery,
    responses: {
      200: { description: 'The feed, newest first.', mediaType: 'application/atom+xml', headers: [CACHE, ETAG] },
    },
    problems: declared.problems,
    examples: declared.examples,
  });

/** Atom feeds. */
export const feedsContract = {
  planFeed: feed({
    operationId: 'planFeed',
    path: '/api/v1/feeds/plan.atom',
    summary: 'Atom feed of the whole plan: new values, status changes, official replies, closed 差评 cases',
    problems: ['validation-failed'],
    examples: [{ name: 'feed', summary: 'The plan’s feed', status: 200 }],
  }),
  indicatorFeed: feed({
    operationId: 'indicatorFeed',
    path: '/api/v1/feeds/indicators/{id}.atom',
    summary: 'Atom feed of one indicator',
    pathParams: IndicatorPath,
    problems: ['validation-failed', 'not-found'],
    examples: [
      { name: 'gdp', summary: 'GDP’s feed', params: { id: GDP }, status: 200 },
      {
        name: 'unknown',
        summary: 'An indicator the plan does not have',
        params: { id: 'no-such-indicator' },
        status: 404,
      },
    ],
  }),
  projectFeed: feed({
    operationId: 'projectFeed',
    path: '/api/v1/feeds/projects/{id}.atom',
    summary: 'Atom feed of one project',
    pathParams: ProjectPath,
    problems: ['validation-failed', 'not-found'],
    examples: [{ name: 'project', summary: 'A project’s feed', params: { id: EXAMPLE_PROJECT }, status: 200 }],
  }),
};
