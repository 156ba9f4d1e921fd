import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { Operation } from '../../shared/api/operation.js';
import { EXAMPLE_PROJECT } from '../../shared/http/api/contract-parts.js';
import { OPERATIONS } from '../../shared/http/api/operations.js';
import { DOCS_ASSETS, DOCS_ASSETS_PATH, INITIALIZER_JS } from '../../shared/api/docs-assets.js';
import { Problem } from '../../shared/api/service-schemas.js';
import { ProgressStatusFilter } from '../../shared/api/schemas.js';
import { STATUSES } from '../../shared/plan/views.js';
import { exampleRequest, expectedArtefacts, OUTPUTS, scenario } from '../../scripts/build-openapi.js';
import { ensureTable } from '../../shared/store/bootstrap.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
let world: Awaited<ReturnType<typeof scenario>>;
let app: typeof world.app;
const committed = JSON.parse(await readFile(OUTPUTS.openapi, 'utf8')) as OpenApi;

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  examples?: Record<string, { value: unknown }>;
}
interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses: Record<
    string,
    { content?: Record<string, { schema: unknown; examples?: Record<string, { value: unknown }> }> }
  >;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown> };
}

// As the build does: a plan-scoped operation's scoped path is sent its examples in a scenario of its own.
let inPlanWorld: typeof world;
beforeAll(async () => {
  world = await scenario(store.current);
  ({ app } = world);
  const second = { client: store.current.client, tableName: `openapi-in-plan-${randomUUID()}` };
  await ensureTable(second);
  inPlanWorld = await scenario(second);
});

/**
 * A Hono route path in OpenAPI form, expanded: `/:collection{indicators|projects}/:id/comments`
 * is two paths, `/:id{[^/]+\.atom}` is `/{id}.atom`, `:id` is `{id}`.
 */
function openApiPaths(honoPath: string): string[] {
  let paths = [''];
  // Split on the slashes between segments, not on those inside a parameter's {pattern}.
  for (const segment of honoPath.match(/(?<=\/)(?:[^/{]|\{[^}]*\})+/g) ?? []) {
    const param = /^:(\w+)(?:\{(.+)\})?$/.exec(segment);
    let options: string[];
    if (!param) options = [segment];
    else if (param[2] && /^[\w-]+(\|[\w-]+)+$/.test(param[2])) options = param[2].split('|');
    else if (param[2] && /\\\.(\w+)$/.test(param[2])) options = [`{${param[1]}}.${/\\\.(\w+)$/.exec(param[2])![1]}`];
    else options = [`{${param[1]}}`];
    paths = paths.flatMap((p) => options.map((o) => `${p}/${o}`));
  }
  return paths;
}

/** Every method and path the app answers under /api/, from the app's own route table. */
function answeredRoutes(): string[] {
  const routes = app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    .flatMap((r) => openApiPaths(r.path).map((p) => `${r.method.toLowerCase()} ${p}`));
  return [...new Set(routes)].sort();
}

const documentedRoutes = () =>
  Object.entries(committed.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
    .sort();

describe('the OpenAPI document', () => {
  it('is up to date: regenerating it from the contract, the schemas and the app gives the committed files', async () => {
    const { outputs } = await expectedArtefacts();
    for (const [url, content] of outputs) {
      expect(await readFile(url, 'utf8'), `${url.pathname} is stale: run npm run build:openapi`).toBe(content);
    }
  }, 60_000);

  it('names every route the app answers under /api/, and nothing the app does not answer', () => {
    expect(openApiPaths('/api/v1/:collection{indicators|projects}/:id/comments')).toEqual([
      '/api/v1/indicators/{id}/comments',
      '/api/v1/projects/{id}/comments',
    ]);
    expect(openApiPaths('/api/v1/feeds/:collection{indicators|projects}/:id{[^/]+\\.atom}')).toEqual([
      '/api/v1/feeds/indicators/{id}.atom',
      '/api/v1/feeds/projects/{id}.atom',
    ]);
    const answered = answeredRoutes();
    const documented = documentedRoutes();
    expect(documented).toEqual(OPERATIONS.map((op) => `${op.method} ${op.path}`).sort());
    // Every route answered is documented: the staff and accountability routes included.
    expect(
      answered.filter((route) => !documented.includes(route)),
      'answered but not documented',
    ).toEqual([]);
    expect(
      documented.filter((route) => !answered.includes(route)),
      'documented but not answered',
    ).toEqual([]);
  });

  it('is OpenAPI 3.1, and every $ref in it resolves to a component', () => {
    expect(committed.openapi).toBe('3.1.0');
    const refs = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          if (key === '$ref') refs.add(String(child));
          else visit(child);
        }
      }
    };
    visit(committed);
    expect(refs.size).toBeGreaterThan(20);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\/\w+$/);
      expect(committed.components.schemas, ref).toHaveProperty(ref.split('/').pop()!);
    }
  });

  it('has example requests that the request schemas accept, for every operation that takes input', () => {
    let checked = 0;
    for (const op of OPERATIONS) {
      const documented = committed.paths[op.path]![op.method]!;
      const names = new Set<string>();
      for (const p of documented.parameters ?? []) for (const name of Object.keys(p.examples ?? {})) names.add(name);
      const bodyExamples = documented.requestBody?.content['application/json']?.examples ?? {};
      for (const name of Object.keys(bodyExamples)) names.add(name);
      for (const name of names) {
        const valueOf = (where: 'path' | 'query') =>
          Object.fromEntries(
            (documented.parameters ?? [])
              .filter((p) => p.in === where && p.examples?.[name])
              .map((p) => [p.name, p.examples![name]!.value]),
          );
        if (op.pathParams)
          expect(op.pathParams.safeParse(valueOf('path')).success, `${op.operationId}/${name} path`).toBe(true);
        if (op.query)
          expect(op.query.safeParse(valueOf('query')).error, `${op.operationId}/${name} query`).toBeUndefined();
        if (op.body)
          expect(op.body.safeParse(bodyExamples[name]?.value).error, `${op.operationId}/${name} body`).toBeUndefined();
        checked++;
      }
      // An operation with parameters or a body shows at least one request.
      if (op.pathParams || op.body || (op.query && Object.keys((op.query as z.ZodMiniObject).shape ?? {}).length > 0)) {
        expect(names.size, `${op.operationId} has no example request`).toBeGreaterThan(0);
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('has response examples that the response models accept', () => {
    for (const op of OPERATIONS) {
      const documented = committed.paths[op.path]![op.method]!;
      for (const [status, response] of Object.entries(documented.responses)) {
        for (const [mediaType, content] of Object.entries(response.content ?? {})) {
          const schema = mediaType === 'application/problem+json' ? Problem : op.responses[Number(status)]?.schema;
          if (!schema) continue;
          for (const [name, example] of Object.entries(content.examples ?? {})) {
            expect(schema.safeParse(example.value).error, `${op.operationId} ${status} ${name}`).toBeUndefined();
          }
        }
      }
    }
  });

  it('keeps the status filter identical to the statuses the method computes', () => {
    expect(ProgressStatusFilter.options).toEqual([...STATUSES]);
  });
});

describe('the app against the contract', () => {
  const request = (op: Operation, example: Operation['examples'][number]) =>
    exampleRequest(op.operationId.endsWith('InPlan') ? inPlanWorld : world, op, example);

  it.each(
    OPERATIONS.flatMap((op) =>
      op.examples.map((example) => [`${op.method.toUpperCase()} ${op.path} (${example.name})`, op, example] as const),
    ),
  )('%s answers as documented, in the documented shape', async (_label, op, example) => {
    const res = await request(op, example);
    expect(res.status).toBe(example.status);
    const spec = op.responses[res.status];
    const mediaType = (res.headers.get('content-type') ?? '').split(';')[0];
    if (res.status >= 400) {
      expect(mediaType).toBe('application/problem+json');
      expect(Problem.safeParse(await res.json()).error).toBeUndefined();
      return;
    }
    expect(spec).toBeDefined();
    if (spec!.noContent) return;
    expect(mediaType).toBe(spec!.mediaType ?? 'application/json');
    // Strict models: a field the document does not name fails here as much as a missing one.
    if (spec!.schema) expect(spec!.schema.safeParse(await res.json()).error).toBeUndefined();
  });

  it('serves the committed document at /api/v1/openapi.json, by a redirect to its content-hashed file', async () => {
    const res = await app.request('/api/v1/openapi.json');
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${DOCS_ASSETS_PATH}openapi\\.[0-9a-f]{10}\\.json$`));
    const file = await app.request(location);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(location).toContain(createHash('sha256').update(bytes).digest('hex').slice(0, 10));
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual(committed);
  });

  it('serves a paged comments walk that the models accept to the last page', async () => {
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await app.request(`/api/v1/indicators/gdp/comments?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(1);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect((await app.request(`/api/v1/projects/${EXAMPLE_PROJECT}/comments`)).status).toBe(200);
  });
});

describe('the reference page', () => {
  it('loads only its own scripts and styles, from external files, under a CSP without inline anything', async () => {
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const html = await res.text();
    // Every script has a src under /assets/api-docs/; no inline script, no inline style, no other origin.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(2);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(new RegExp(`src="${DOCS_ASSETS_PATH}[^"]+"`));
      expect(body).toBe('');
    }
    expect(html).not.toMatch(/<style|style="|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain('data-spec-url="/api/v1/openapi.json"');
  });

  it('serves each file it names, under its content hash, from the project itself', async () => {
    const html = await (await app.request('/api/docs')).text();
    const urls = [...html.matchAll(/(?:src|href)="(\/assets\/api-docs\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(DOCS_ASSETS.filter((a) => a !== 'openapi.json').length);
    for (const url of urls) {
      const res = await app.request(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^(text\/javascript|text\/css)/);
      expect(res.headers.get('cache-control')).toContain('immutable');
      const hash = createHash('sha256')
        .update(new Uint8Array(await res.arrayBuffer()))
        .digest('hex')
        .slice(0, 10);
      expect(url).toContain(`.${hash}.`);
    }
    expect((await app.request(`${DOCS_ASSETS_PATH}swagger-ui-bundle.0000000000.js`)).status).toBe(404);
  });

  it('starts Swagger UI from an external initializer that sends nothing to a third party', () => {
    expect(INITIALIZER_JS).toContain('validatorUrl: null');
    expect(INITIALIZER_JS).not.toMatch(/https?:|eval\(|new Function/);
  });
});
