import { beforeAll } from 'vitest';
import { DEV_CLIENT_ID } from '../../functions/local/dev-identity.js';
import type { Role } from '../../shared/auth/roles.js';
import { hostedSignIn } from '../../shared/config.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { testApp } from './api.js';
import { testIdentity, TEST_ISSUER } from './staff.js';
import { useStore } from './store.js';

/** The site the staff pages are asked for, and the Origin their forms post from. */
export const SITE = 'http://localhost:3999';

/** Form fields as a browser posts them: a field with several values is sent once per value. */
export function formFields(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return body;
}

/**
 * The staff pages of a fresh store with the plan loaded, for app.request(), signed in through the
 * development provider's hosted page: a session is an ID token of that provider in the session
 * cookie. `app`, `deps` and `identity` are set before the first test; `overrides` go to testApp.
 */
export function useStaffPages(overrides: Parameters<typeof testApp>[1] = {}) {
  const store = useStore();
  const env = {
    store,
    app: undefined as unknown as ReturnType<typeof testApp>['app'],
    deps: undefined as unknown as ReturnType<typeof testApp>['deps'],
    identity: undefined as unknown as Awaited<ReturnType<typeof testIdentity>>,
  };
  beforeAll(async () => {
    await loadPlan(store.current, readPlanFile());
    env.identity = await testIdentity();
    ({ app: env.app, deps: env.deps } = testApp(store.current, {
      ...overrides,
      staffAuth: env.identity.verifier,
      signIn: hostedSignIn(TEST_ISSUER, DEV_CLIENT_ID),
    }));
  });
  return Object.assign(env, {
    /** The session cookie of a staff member with these roles. */
    session: async (roles: Role[], name: string) =>
      `gp_staff=${await env.identity.token(roles, { tokenUse: 'id', name })}`,
    get: async (path: string, cookie: string, lang = 'zh-CN') => {
      const res = await env.app.request(`${SITE}${path}`, { headers: { Cookie: `${cookie}; lang=${lang}` } });
      return { status: res.status, html: await res.text(), res };
    },
    post: async (path: string, cookie: string, body: FormData | URLSearchParams, origin = SITE) => {
      const res = await env.app.request(`${SITE}${path}`, {
        method: 'POST',
        headers: { Cookie: cookie, Origin: origin },
        body,
      });
      return { status: res.status, location: res.headers.get('location'), html: await res.text() };
    },
  });
}
