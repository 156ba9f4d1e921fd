import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/auth/roles.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { issueDevToken, loadDevKeys } from '../../functions/local/dev-identity.js';
import { testApp } from '../helpers/api.js';
import { TEST_ISSUER, testIdentity } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let identity: Awaited<ReturnType<typeof testIdentity>>;

/** Who may use which prefix: everything else is refused. */
const ALLOWED: Record<string, Role[]> = {
  monitor: ['monitor', 'admin'],
  publisher: ['publisher', 'admin'],
  admin: ['admin'],
};

/** Every staff route the app has, from the app itself, so a new route cannot escape the matrix. */
function protectedRoutes() {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.method !== 'ALL' && /^\/api\/v1\/(monitor|publisher|admin)\//.test(r.path))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => ({
      method: r.method,
      template: r.path,
      path: r.path
        .replace(':feedbackId', '00000000-0000-4000-8000-000000000000')
        .replace(':caseId', '00000000-0000-4000-8000-000000000000')
        .replace(/\/indicators\/:id/, '/indicators/gdp')
        .replace(/\/projects\/:id/, `/projects/${readPlanFile().projects[0]!.id}`),
      prefix: r.path.split('/')[3]!,
    }));
}

const request = (route: { method: string; path: string }, headers: Record<string, string> = {}) =>
  app.request(route.path, {
    method: route.method,
    headers: {
      ...(route.method === 'POST'
        ? { 'Content-Type': route.path.includes('/import/') ? 'text/csv' : 'application/json' }
        : {}),
      ...headers,
    },
    ...(route.method === 'POST' ? { body: route.path.includes('/import/') ? 'indicator_id,year,value\n' : '{}' } : {}),
  });

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  identity = await testIdentity();
  ({ app } = testApp(store.current, { staffAuth: identity.verifier }));
});

describe('the staff routes', () => {
  it('are all covered: monitor, publisher and admin routes exist', () => {
    const routes = protectedRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(15);
    for (const prefix of ['monitor', 'publisher', 'admin']) expect(routes.some((r) => r.prefix === prefix)).toBe(true);
  });

  it('answer every caller as the matrix says', async () => {
    const other = await loadDevKeys(mkdtempSync(join(tmpdir(), 'gongping-forger-')));
    const callers: Array<{
      who: string;
      headers: () => Promise<Record<string, string>>;
      expect: (prefix: string) => 'ok' | 401 | 403;
    }> = [
      { who: 'no token', headers: () => Promise.resolve({}), expect: () => 401 },
      {
        who: 'not a bearer token',
        headers: () => Promise.resolve({ Authorization: 'Basic YWRtaW46YWRtaW4=' }),
        expect: () => 401,
      },
      { who: 'garbage', headers: () => Promise.resolve({ Authorization: 'Bearer not.a.jwt' }), expect: () => 401 },
      // Signed by another key under the provider's key id: the signature does not verify.
      {
        who: 'bad signature',
        headers: async () => ({
          Authorization: `Bearer ${await issueDevToken({ ...other, kid: identity.keys.kid }, { issuer: TEST_ISSUER, roles: ['admin'] })}`,
        }),
        expect: () => 401,
      },
      { who: 'expired', headers: () => identity.bearer(['admin'], { ttlSeconds: -120 }), expect: () => 401 },
      {
        who: 'wrong audience (access token client_id)',
        headers: () => identity.bearer(['admin'], { audience: 'another-app' }),
        expect: () => 401,
      },
      {
        who: 'wrong audience (ID token aud)',
        headers: () => identity.bearer(['admin'], { audience: 'another-app', tokenUse: 'id' }),
        expect: () => 401,
      },
      {
        who: 'wrong issuer',
        headers: () =>
          identity.bearer(['admin'], { issuer: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_evil' }),
        expect: () => 401,
      },
      { who: 'a citizen (no groups)', headers: () => identity.bearer([]), expect: () => 403 },
      ...(['monitor', 'publisher', 'admin'] as const).map((role) => ({
        who: role,
        headers: () => identity.bearer([role]),
        expect: (prefix: string) => (ALLOWED[prefix]!.includes(role) ? ('ok' as const) : 403),
      })),
      {
        who: 'admin with an ID token',
        headers: () => identity.bearer(['admin'], { tokenUse: 'id' }),
        expect: () => 'ok',
      },
    ];
    const failures: string[] = [];
    for (const route of protectedRoutes()) {
      for (const caller of callers) {
        const res = await request(route, await caller.headers());
        const expected = caller.expect(route.prefix);
        const ok =
          expected === 'ok' ? ![401, 403, 503].includes(res.status) && res.status < 500 : res.status === expected;
        if (!ok)
          failures.push(`${route.method} ${route.template} as ${caller.who}: ${res.status}, expected ${expected}`);
        if (expected === 401 && res.status === 401) {
          expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="gongping-staff"/);
          expect(res.headers.get('content-type')).toBe('application/problem+json');
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuse unknown paths under a staff prefix before saying they do not exist', async () => {
    for (const path of ['/api/v1/monitor', '/api/v1/monitor/', '/api/v1/monitor/nothing-here', '/api/v1/admin/x/y']) {
      expect((await app.request(path)).status, path).toBe(401);
    }
    expect(
      (await app.request('/api/v1/monitor/nothing-here', { headers: await identity.bearer(['monitor']) })).status,
    ).toBe(404);
  });

  it('are never cached, answered or refused', async () => {
    const ok = await app.request('/api/v1/monitor/me', {
      headers: await identity.bearer(['monitor'], { name: 'li.lei' }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ name: 'li.lei', roles: ['monitor'], tokenUse: 'access' });
    expect(ok.headers.get('cache-control')).toBe('private, no-store');
    expect((await app.request('/api/v1/monitor/me')).headers.get('cache-control')).toBe('no-store');
  });

  it('refuse everyone when sign-in is not configured', async () => {
    const { app: unconfigured } = testApp(store.current, { staffAuth: null });
    const res = await unconfigured.request('/api/v1/admin/audit', { headers: await identity.bearer(['admin']) });
    expect(res.status).toBe(503);
  });
});
