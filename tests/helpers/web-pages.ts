import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildWeb } from '../../web/build.mjs';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { testApp } from './api.js';
import { useStore } from './store.js';

/** The moment the citizen page tests run at; each call of the app's clock is a second later. */
export const NOW = Date.parse('2026-06-15T04:00:00Z');

/**
 * The citizen pages of a fresh store with the plan loaded, for app.request(): the web bundles built
 * once into a folder of the test file's own (the pages link them), at least 10 ratings to publish a
 * summary. `app` and `deps` are set before the first test.
 */
export function useCitizenPages() {
  const store = useStore();
  const plan = readPlanFile();
  let distDir = '';
  const env = {
    store,
    plan,
    app: undefined as unknown as ReturnType<typeof testApp>['app'],
    deps: undefined as unknown as ReturnType<typeof testApp>['deps'],
  };
  beforeAll(async () => {
    distDir = await mkdtemp(join(tmpdir(), 'gongping-web-'));
    await buildWeb({ distDir });
    process.env.WEB_DIST_DIR = distDir;
    await loadPlan(store.current, plan);
    let tick = 0;
    ({ app: env.app, deps: env.deps } = testApp(store.current, {
      clock: () => new Date(NOW + 1000 * tick++),
      minRatings: 10,
    }));
  });
  afterAll(async () => {
    delete process.env.WEB_DIST_DIR;
    await rm(distDir, { recursive: true, force: true });
  });
  return Object.assign(env, {
    distDir: () => distDir,
    get: async (path: string, headers: Record<string, string> = {}) => {
      const res = await env.app.request(path, { headers });
      return { res, html: await res.text() };
    },
    /** A form as a browser posts it from the page: from this origin, with the stamp of a form served a minute ago. */
    form: (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', ...headers },
      body: new URLSearchParams({ issued: env.deps.formStamps.issue(new Date(NOW - 60_000)), ...fields }).toString(),
    }),
  });
}

export const voterCookie = (res: Response) => /gp_voter=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
