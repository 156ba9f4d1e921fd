import { operation } from '../../../api/operation.js';
import {
  IndicatorDetail,
  IndicatorList,
  PlanList,
  PlanView,
  ProjectList,
  ProjectView,
} from '../../../api/plan-schemas.js';
import { IndicatorFilter, NoQuery, ProjectFilter } from '../../../api/schemas.js';
import { documentGet, EXAMPLE_PROJECT, GDP, IndicatorPath, json, ProjectPath } from '../contract-parts.js';

/** The plan, its indicators and its projects. */
export const planContract = {
  plans: operation(
    documentGet({
      operationId: 'plans',
      path: '/api/v1/plans',
      tag: 'Plan',
      summary: 'The plans: every published or closed plan, the current one first',
      answer: 'The plans',
      schema: PlanList,
    }),
  ),
  plan: operation(
    documentGet({
      operationId: 'plan',
      path: '/api/v1/plan',
      planScoped: true,
      tag: 'Plan',
      summary: 'The plan: title, period, source, categories with indicator, binding and status counts',
      answer: 'The plan',
      schema: PlanView,
    }),
  ),
  indicators: operation({
    operationId: 'indicators',
    method: 'get',
    path: '/api/v1/indicators',
    planScoped: true,
    tag: 'Indicators',
    summary: 'Every indicator with its current values, latest value, computed progress and ratings',
    description: 'Filters combine. Unknown parameters and unknown values are refused (400).',
    query: IndicatorFilter,
    responses: { 200: json('The indicators, in the plan’s order.', IndicatorList) },
    problems: ['validation-failed'],
    examples: [
      {
        name: 'binding-ecology',
        summary: 'Binding indicators of 生态文明',
        query: { category: '生态文明', attribute: 'binding' },
        status: 200,
      },
      { name: 'unknown-status', summary: 'A status that does not exist', query: { status: 'great' }, status: 400 },
    ],
  }),
  indicator: operation({
    operationId: 'indicator',
    method: 'get',
    path: '/api/v1/indicators/{id}',
    planScoped: true,
    tag: 'Indicators',
    summary: 'One indicator with the previous plan’s results for it and every revision of its values',
    pathParams: IndicatorPath,
    query: NoQuery,
    responses: { 200: json('The indicator.', IndicatorDetail) },
    problems: ['validation-failed', 'not-found'],
    examples: [
      { name: 'gdp', summary: 'GDP, with a corrected value (illustrative values)', params: { id: GDP }, status: 200 },
      { name: 'unknown', summary: 'An id the plan does not have', params: { id: 'no-such-indicator' }, status: 404 },
    ],
  }),
  projects: operation({
    operationId: 'projects',
    method: 'get',
    path: '/api/v1/projects',
    planScoped: true,
    tag: 'Projects',
    summary: 'Every project or measure, with its ratings',
    query: ProjectFilter,
    responses: { 200: json('The projects.', ProjectList) },
    problems: ['validation-failed'],
    examples: [{ name: 'box-4', summary: 'The projects of 专栏4', query: { box: '4' }, status: 200 }],
  }),
  project: operation({
    operationId: 'project',
    method: 'get',
    path: '/api/v1/projects/{id}',
    planScoped: true,
    tag: 'Projects',
    summary: 'One project or measure',
    pathParams: ProjectPath,
    query: NoQuery,
    responses: { 200: json('The project.', ProjectView) },
    problems: ['validation-failed', 'not-found'],
    examples: [{ name: 'project', summary: 'A project of 专栏4', params: { id: EXAMPLE_PROJECT }, status: 200 }],
  }),
};
