import { operation } from '../../../api/operation.js';
import { Health } from '../../../api/service-schemas.js';

/** Health: whether the API can answer. */
export const healthContract = {
  health: operation({
    operationId: 'health',
    method: 'get',
    path: '/api/v1/health',
    tag: 'About the API',
    summary: 'Whether the API can answer: the store answers and the plan is loaded',
    responses: { 200: { description: 'Healthy.', schema: Health } },
    problems: [],
    examples: [{ name: 'healthy', summary: 'Healthy', status: 200 }],
  }),
};
