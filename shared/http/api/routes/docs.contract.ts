import { operation } from '../../../api/operation.js';
import { NoQuery } from '../../../api/schemas.js';
import { CACHE } from '../contract-parts.js';

/** This document and its reference page. */
export const docsContract = {
  openApi: operation({
    operationId: 'openApi',
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'About the API',
    summary: 'This document (OpenAPI 3.1)',
    description:
      'Redirects to the document’s current file, a static file named by its content hash (`/assets/api-docs/openapi.{hash}.json`, `application/json`, cached for a year). Follow the redirect; this address never changes.',
    query: NoQuery,
    responses: {
      302: {
        description: 'Where the document is.',
        noContent: true,
        headers: [{ name: 'Location', description: 'The document’s current file.' }, CACHE],
      },
    },
    problems: ['validation-failed'],
    examples: [{ name: 'document', summary: 'The document', status: 302 }],
  }),
  apiDocs: operation({
    operationId: 'apiDocs',
    method: 'get',
    path: '/api/docs',
    tag: 'About the API',
    summary: 'The interactive reference page of this document',
    query: NoQuery,
    responses: {
      200: {
        description: 'An HTML page; its scripts are served by gongping itself under /assets/api-docs/.',
        mediaType: 'text/html',
      },
    },
    problems: ['validation-failed'],
    examples: [{ name: 'page', summary: 'The page', status: 200 }],
  }),
};
