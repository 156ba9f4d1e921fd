import { createHash } from 'node:crypto';

/**
 * The static files of the API contract: the OpenAPI document, and the interactive reference page's
 * scripts (swagger-ui-dist's bundle and style sheet, and our initializer, an external script so that
 * the page holds under `script-src 'self'`).
 *
 * None of them is part of the Lambda bundle. `npm run build:openapi` copies them under
 * content-hashed names into web/dist/assets/api-docs/, which the deployment uploads with the rest of
 * web/dist/assets to the assets bucket, served by CloudFront under /assets/ (cached for a year: a
 * changed file gets a new name). GET /api/v1/openapi.json redirects to the document's current file.
 * The local server reads the same files from their sources (shared/http/api/routes/docs.ts).
 * docs-assets.json, committed, names the hashed files: the only part the function carries.
 */

export const DOCS_ASSETS_PATH = '/assets/api-docs/';

/** Where the document is; the initializer reads it from the page, so the script never changes with it. */
export const OPENAPI_PATH = '/api/v1/openapi.json';

/** Logical name → file in node_modules/swagger-ui-dist. */
export const SWAGGER_UI_FILES = {
  'swagger-ui-bundle.js': 'swagger-ui-bundle.js',
  'swagger-ui.css': 'swagger-ui.css',
} as const;

/**
 * The document itself is a static file too: GET /api/v1/openapi.json redirects to it, so the API
 * function carries neither the generator nor the document (150 KB), only the name of its file.
 */
export type DocsAsset = keyof typeof SWAGGER_UI_FILES | 'api-docs.js' | 'openapi.json';
export const DOCS_ASSETS: readonly DocsAsset[] = [
  'swagger-ui-bundle.js',
  'swagger-ui.css',
  'api-docs.js',
  'openapi.json',
];

/**
 * Starts Swagger UI on `#swagger-ui` with the document named in its `data-spec-url`. No validator
 * (it would send the document to validator.swagger.io), no top bar, requests only to this origin.
 */
export const INITIALIZER_JS = `'use strict';
window.addEventListener('DOMContentLoaded', function () {
  var root = document.getElementById('swagger-ui');
  if (!root || typeof window.SwaggerUIBundle !== 'function') return;
  window.ui = window.SwaggerUIBundle({
    url: root.getAttribute('data-spec-url'),
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    defaultModelsExpandDepth: 0,
    displayOperationId: true,
    tryItOutEnabled: false,
    supportedSubmitMethods: ['get', 'head', 'post']
  });
});
`;

export interface DocsAssetsManifest {
  swaggerUiVersion: string;
  /** Logical name → content-hashed file name under DOCS_ASSETS_PATH. */
  files: Record<DocsAsset, string>;
}

/** `swagger-ui-bundle.js` → `swagger-ui-bundle.3f9c2a1b0d.js` (first 10 hex digits of the SHA-256). */
export function hashedName(name: string, content: Uint8Array | string): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

export const DOCS_CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * The page's own policy: its scripts and styles from this origin only, no inline anything. Swagger
 * UI's icons are data: images in its style sheet. CloudFront sets the site-wide policy in AWS,
 * which allows the same.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function docsPageHtml(manifest: DocsAssetsManifest): string {
  const asset = (name: DocsAsset) => `${DOCS_ASSETS_PATH}${manifest.files[name]}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gongping API reference · 共评接口说明</title>
<link rel="stylesheet" href="${asset('swagger-ui.css')}">
<script defer src="${asset('swagger-ui-bundle.js')}"></script>
<script defer src="${asset('api-docs.js')}"></script>
</head>
<body>
<noscript><p>The interactive reference needs JavaScript. The document itself is at <a href="${OPENAPI_PATH}">${OPENAPI_PATH}</a> (OpenAPI 3.1); the open data and its dictionary are at <a href="/open-data">/open-data</a>.</p></noscript>
<div id="swagger-ui" data-spec-url="${OPENAPI_PATH}"></div>
</body>
</html>
`;
}
