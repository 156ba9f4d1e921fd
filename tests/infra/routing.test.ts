import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ROUTES, type AppFunctionName } from '../../infra/constructs/api.js';
import { EdgeStack } from '../../infra/edge-stack.js';
import { createApp } from '../../functions/local/app.js';
import { citizenPart } from '../../shared/http/api/citizen.js';
import { withCommonMiddleware, type AppPart } from '../../shared/http/middleware.js';
import { citizenPagesPart } from '../../web/citizen/part.js';
import { downloadsPart } from '../../web/downloads.js';
import { staffPagesPart } from '../../web/staff/part.js';
import { staffPart } from '../../shared/http/api/staff.js';
import { createDocumentClient } from '../../shared/store/client.js';
import { testDeps } from '../helpers/api.js';

// Routes are only listed here, never called: the store is never reached.
const deps = testDeps({
  client: createDocumentClient({ region: 'local', endpoint: 'http://127.0.0.1:9' }),
  tableName: 'unused',
});

/** An app's routes (not its middleware) as `METHOD path` with every parameter and wildcard filled in. */
const keysOf = (app: { routes: { method: string; path: string }[] }) =>
  [
    ...new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:\w+(\{[^}]*\})?/g, 'x').replace(/\*/g, 'x')}`),
    ),
  ].sort();
const routesOf = (parts: AppPart[]) => keysOf(withCommonMiddleware(deps, parts));

/** The function API Gateway invokes for a path: an exact route first, else the greedy route with the longest prefix. */
function functionFor(path: string): AppFunctionName {
  const candidates = (Object.entries(ROUTES) as [AppFunctionName, readonly string[]][]).flatMap(([name, patterns]) =>
    patterns.map((pattern) => ({
      name,
      pattern,
      greedy: pattern.endsWith('{proxy+}'),
      // Path parameters match any segment; the app's paths name them x.
      prefix: pattern.replace(/\{proxy\+\}$/, '').replace(/\{\w+\}/g, 'x'),
    })),
  );
  const exact = candidates.find((c) => !c.greedy && c.pattern.replace(/\{\w+\}/g, 'x') === path);
  if (exact) return exact.name;
  const greedy = candidates
    .filter((c) => c.greedy && path.startsWith(c.prefix) && path.length > c.prefix.length)
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return greedy[0]!.name;
}

describe('API Gateway sends every route of the app to the function that serves it', () => {
  it.each([
    ['api', citizenPart],
    ['staff', staffPart],
    ['web', citizenPagesPart],
    ['downloads', downloadsPart],
    ['staffPages', staffPagesPart],
  ] as const)('routes every path of the %s part to the %s function', (name, part) => {
    const routes = routesOf([part(deps)]);
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) expect(functionFor(route.split(' ')[1]!), route).toBe(name);
  });

  it('composes the parts into createApp, each route in exactly one part', () => {
    const parts = [citizenPart, staffPart, downloadsPart, staffPagesPart, citizenPagesPart].map((part) =>
      routesOf([part(deps)]),
    );
    expect(new Set(parts.flat()).size).toBe(parts.flat().length);
    expect(keysOf(createApp(deps))).toEqual(parts.flat().sort());
  });
});

type WafStatement = {
  AndStatement?: { Statements: WafStatement[] };
  OrStatement?: { Statements: WafStatement[] };
  ByteMatchStatement?: {
    FieldToMatch: { Method?: object; UriPath?: object };
    PositionalConstraint: string;
    SearchString: string;
    TextTransformations: { Priority: number; Type: string }[];
  };
};

/** Whether a WAF statement matches a request, for the statements and transformations the web ACL uses (anything else throws). */
function wafMatches(statement: WafStatement, request: { method: string; path: string }): boolean {
  if (statement.AndStatement) return statement.AndStatement.Statements.every((s) => wafMatches(s, request));
  if (statement.OrStatement) return statement.OrStatement.Statements.some((s) => wafMatches(s, request));
  const match = statement.ByteMatchStatement;
  if (!match) throw new Error(`not modelled here: ${Object.keys(statement).join()}`);
  let value = match.FieldToMatch.Method ? request.method : match.FieldToMatch.UriPath ? request.path : undefined;
  if (value === undefined) throw new Error(`field not modelled here: ${Object.keys(match.FieldToMatch).join()}`);
  for (const { Type } of [...match.TextTransformations].sort((a, b) => a.Priority - b.Priority)) {
    value = { NONE: value, URL_DECODE: decodeURIComponent(value), LOWERCASE: value.toLowerCase() }[Type as 'NONE'];
    if (value === undefined) throw new Error(`transformation not modelled here: ${Type}`);
  }
  const search = match.SearchString;
  switch (match.PositionalConstraint) {
    case 'EXACTLY':
      return value === search;
    case 'STARTS_WITH':
      return value.startsWith(search);
    case 'ENDS_WITH':
      return value.endsWith(search);
    default:
      throw new Error(`constraint not modelled here: ${match.PositionalConstraint}`);
  }
}

describe('the WAF submission limit', () => {
  const edge = new EdgeStack(new App(), 'Edge', {
    env: { region: 'us-east-1' },
    feedbackLimit: 100,
    requestLimit: 3000,
    namePrefix: 'test',
  });
  const acl = Object.values(Template.fromStack(edge).findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
  const scopeDown = (
    acl.Rules as { Name: string; Statement: { RateBasedStatement: { ScopeDownStatement: WafStatement } } }[]
  ).find((r) => r.Name === 'FeedbackRatePerIp')!.Statement.RateBasedStatement.ScopeDownStatement;

  it('counts exactly the app routes that store a citizen submission: the JSON API, the form without JavaScript and comment flags', () => {
    const counted = keysOf(createApp(deps)).filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return wafMatches(scopeDown, { method, path });
    });
    expect(counted).toEqual(['POST /api/v1/comments/x/flags', 'POST /api/v1/feedback', 'POST /feedback']);
  });

  it('counts them however the path is encoded or cased', () => {
    for (const path of ['/api/v1/%66eedback', '/API/V1/FEEDBACK/', '/%46eedback', '/api/v1/comments/x/%46LAGS']) {
      expect(wafMatches(scopeDown, { method: 'POST', path }), path).toBe(true);
    }
    expect(wafMatches(scopeDown, { method: 'GET', path: '/feedback' })).toBe(false);
  });
});
