import { operation } from '../../../api/operation.js';
import { NoQuery } from '../../../api/schemas.js';
import { CACHE, ETAG, EXAMPLE_PROJECT, GDP, IndicatorPath, ProjectPath } from '../contract-parts.js';

/** Atom feeds. */
export const feedsContract = {
  planFeed: operation({
    operationId: 'planFeed',
    method: 'get',
    path: '/api/v1/feeds/plan.atom',
    planScoped: true,
    tag: 'Feeds',
    summary: 'Atom feed of the whole plan: new values, status changes, official replies, closed 差评 cases',
    query: NoQuery,
    responses: {
      200: { description: 'The feed, newest first.', mediaType: 'application/atom+xml', headers: [CACHE, ETAG] },
    },
    problems: ['validation-failed'],
    examples: [{ name: 'feed', summary: 'The plan’s feed', status: 200 }],
  }),
  indicatorFeed: operation({
    operationId: 'indicatorFeed',
    method: 'get',
    path: '/api/v1/feeds/indicators/{id}.atom',
    planScoped: true,
    tag: 'Feeds',
    summary: 'Atom feed of one indicator',
    pathParams: IndicatorPath,
    query: NoQuery,
    responses: {
      200: { description: 'The feed, newest first.', mediaType: 'application/atom+xml', headers: [CACHE, ETAG] },
    },
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
  projectFeed: operation({
    operationId: 'projectFeed',
    method: 'get',
    path: '/api/v1/feeds/projects/{id}.atom',
    planScoped: true,
    tag: 'Feeds',
    summary: 'Atom feed of one project',
    pathParams: ProjectPath,
    query: NoQuery,
    responses: {
      200: { description: 'The feed, newest first.', mediaType: 'application/atom+xml', headers: [CACHE, ETAG] },
    },
    problems: ['validation-failed', 'not-found'],
    examples: [{ name: 'project', summary: 'A project’s feed', params: { id: EXAMPLE_PROJECT }, status: 200 }],
  }),
};
