import { readFile } from 'node:fs/promises';
import { Hono } from 'hono/tiny';
import docsAssets from '../../../api/docs-assets.json' with { type: 'json' };
import planFormatSchema from '../../../plan/plan-format.schema.json' with { type: 'json' };
import {
  DOCS_ASSETS_PATH,
  DOCS_CONTENT_TYPES,
  DOCS_CSP,
  docsPageHtml,
  INITIALIZER_JS,
  SWAGGER_UI_FILES,
  type DocsAsset,
} from '../../../api/docs-assets.js';
import { NoQuery } from '../../../api/schemas.js';
import { queryParams } from '../../request.js';

/**
 * The API contract: the OpenAPI document, generated at build time (scripts/build-openapi.ts) into
 * shared/http/api/openapi.json, and the interactive reference page. Both the document and the page's
 * scripts are static assets (shared/api/docs-assets.ts): the function knows their hashed names only.
 */

export const DOCS_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=600';
const manifest = docsAssets;
const OPENAPI_FILE = `${DOCS_ASSETS_PATH}${manifest.files['openapi.json']}`;

/**
 * GET /api/v1/openapi.json, mounted with the API: a redirect to the document's current file, which
 * CloudFront serves from the assets bucket (locally: the route below). Clients follow it as they
 * follow any redirect; the address itself never changes.
 */
export function openApiRoutes() {
  return new Hono().get('/openapi.json', (c) => {
    queryParams(c, NoQuery);
    c.header('Cache-Control', DOCS_CACHE_CONTROL);
    return c.redirect(OPENAPI_FILE, 302);
  });
}

/** Hashed file name → logical asset, for the local server. */
const byFileName = new Map(Object.entries(manifest.files).map(([asset, file]) => [file, asset as DocsAsset]));

/** Where the local server reads the files; absent in the Lambda, where CloudFront serves them from S3. */
const SWAGGER_UI_DIR = new URL('../../../../node_modules/swagger-ui-dist/', import.meta.url);
const OPENAPI_SOURCE = new URL('../openapi.json', import.meta.url);

/** The plan file format's JSON Schema, generated and committed (shared/plan/format.ts): 19 KB in the web function only. */
const PLAN_FORMAT_SCHEMA = `${JSON.stringify(planFormatSchema, null, 2)}\n`;

/** GET /api/docs, and locally the files it loads (GET /assets/api-docs/{file}); GET /docs/plan-format.schema.json. */
export function docsPages() {
  return new Hono()
    .get('/docs/plan-format.schema.json', (c) => {
      queryParams(c, NoQuery);
      c.header('Cache-Control', DOCS_CACHE_CONTROL);
      c.header('Access-Control-Allow-Origin', '*');
      return c.body(PLAN_FORMAT_SCHEMA, 200, { 'Content-Type': 'application/schema+json; charset=utf-8' });
    })
    .get('/api/docs', (c) => {
      queryParams(c, NoQuery);
      c.header('Cache-Control', DOCS_CACHE_CONTROL);
      c.header('Content-Security-Policy', DOCS_CSP);
      return c.html(docsPageHtml(manifest));
    })
    .get('/assets/api-docs/:file', async (c) => {
      const asset = byFileName.get(c.req.param('file'));
      if (!asset) return c.notFound();
      let body: string | Uint8Array<ArrayBuffer>;
      if (asset === 'api-docs.js') body = INITIALIZER_JS;
      else {
        try {
          body = new Uint8Array(
            await readFile(
              asset === 'openapi.json' ? OPENAPI_SOURCE : new URL(SWAGGER_UI_FILES[asset], SWAGGER_UI_DIR),
            ),
          );
        } catch {
          return c.notFound();
        }
      }
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      return c.body(body, 200, { 'Content-Type': DOCS_CONTENT_TYPES[asset.split('.').pop()!]! });
    });
}
