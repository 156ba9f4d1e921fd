import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { ROUTES, type AppFunctionName } from '../../infra/constructs/api.js';
import { createApp } from '../../functions/api/app.js';
import { citizenPart } from '../../functions/api/citizen.js';
import { withCommonMiddleware, type AppPart } from '../../functions/api/common.js';
import { apiDeps } from '../../functions/api/deps.js';
import { sitePart } from '../../functions/api/site.js';
import { staffPart } from '../../functions/api/staff-api.js';
import { createDocumentClient } from '../../shared/store/client.js';
import { TEST_SECRET } from '../helpers/api.js';

// Routes are only listed here, never called: the store is never reached.
const deps = apiDeps(
  { client: createDocumentClient({ region: 'local', endpoint: 'http://127.0.0.1:9' }), tableName: 'unused' },
  { planId: 'licheng-14th', cookieSecure: true, voterTokenSecret: TEST_SECRET },
  { logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }) },
);

/** An app's routes (not its middleware) as `METHOD path` with every parameter and wildcard filled in. */
const keysOf = (app: { routes: { method: string; path: string }[] }) =>
  [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:\w+(\{[^}]*\})?/g, 'x').replace(/\*/g, 'x')}`))].sort();
const routesOf = (parts: AppPart[]) => keysOf(withCommonMiddleware(deps, parts));

/** The function API Gateway invokes for a path: an exact route first, else the greedy route with the longest prefix. */
function functionFor(path: string): AppFunctionName {
  const candidates = (Object.entries(ROUTES) as [AppFunctionName, readonly string[]][]).flatMap(([name, patterns]) =>
    patterns.map((pattern) => ({ name, pattern, greedy: pattern.endsWith('{proxy+}'), prefix: pattern.replace(/\{proxy\+\}$/, '') })),
  );
  const exact = candidates.find((c) => !c.greedy && c.pattern === path);
  if (exact) return exact.name;
  const greedy = candidates.filter((c) => c.greedy && path.startsWith(c.prefix) && path.length > c.prefix.length).sort((a, b) => b.prefix.length - a.prefix.length);
  return greedy[0]!.name;
}

describe('API Gateway sends every route of the app to the function that serves it', () => {
  it.each([
    ['api', citizenPart],
    ['staff', staffPart],
    ['web', sitePart],
  ] as const)('routes every path of the %s part to the %s function', (name, part) => {
    const routes = routesOf([part(deps)]);
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) expect(functionFor(route.split(' ')[1]!), route).toBe(name);
  });

  it('composes the parts into createApp, each route in exactly one part', () => {
    const parts = [citizenPart(deps), staffPart(deps), sitePart(deps)].map((part) => routesOf([part]));
    expect(new Set(parts.flat()).size).toBe(parts.flat().length);
    expect(keysOf(createApp(deps))).toEqual(parts.flat().sort());
  });
});
