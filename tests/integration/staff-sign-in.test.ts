import { beforeAll, describe, expect, it } from 'vitest';
import { devIdentityRoutes, DEV_CLIENT_ID } from '../../functions/local/dev-identity.js';
import { hostedSignIn } from '../../shared/config.js';
import { s256 } from '../../shared/auth/sign-in.js';
import type { Role } from '../../shared/auth/roles.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { testApp } from '../helpers/api.js';
import { testIdentity, TEST_ISSUER } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';

/**
 * Staff sign-in in the browser, end to end in-process: the app's /auth routes against the
 * development identity provider's browser endpoints (the same paths as Cognito's), on a real
 * dynalite. The site is http://localhost:3999, the provider's registered callback origin.
 */
const SITE = 'http://localhost:3999';
const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let identity: Awaited<ReturnType<typeof testIdentity>>;
let idp: ReturnType<typeof devIdentityRoutes>;

const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
const valueOf = (setCookie: string | undefined) => setCookie?.split(';')[0]!.split('=').slice(1).join('=') ?? '';
const sameSite = { Origin: SITE, 'Sec-Fetch-Site': 'same-origin' };
const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return body;
};

/** Starts a sign-in at the app: the transaction cookie and the provider's authorize URL. */
async function start(returnTo = '/staff') {
  const res = await app.request(`${SITE}/auth/sign-in?return=${encodeURIComponent(returnTo)}`);
  expect(res.status).toBe(302);
  return {
    tx: valueOf(cookieOf(res, 'gp_signin')),
    txCookie: cookieOf(res, 'gp_signin')!,
    authorize: new URL(res.headers.get('location')!),
  };
}

/** The developer at the provider's page: types a name, ticks roles; the provider redirects back with a code. */
async function consent(authorize: URL, username: string, roles: Role[]) {
  const page = await idp.request(authorize.pathname + authorize.search);
  expect(page.status).toBe(200);
  const res = await idp.request(authorize.pathname + authorize.search, {
    method: 'POST',
    body: form({ username, roles }),
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

const callback = (back: URL, tx: string) =>
  app.request(`${SITE}/auth/callback${back.search}`, { headers: { Cookie: `gp_signin=${tx}` } });

/** A whole sign-in; the session cookie's value. */
async function signIn(username: string, roles: Role[]) {
  const { tx, authorize } = await start();
  const res = await callback(await consent(authorize, username, roles), tx);
  expect(res.status).toBe(200);
  return valueOf(cookieOf(res, 'gp_staff'));
}

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  identity = await testIdentity();
  idp = devIdentityRoutes(identity.keys, () => TEST_ISSUER);
  ({ app, deps } = testApp(store.current, {
    staffAuth: identity.verifier,
    signIn: hostedSignIn(TEST_ISSUER, DEV_CLIENT_ID),
    providerFetch: async (url, init) => idp.request(new URL(url instanceof Request ? url.url : url).pathname, init),
  }));
});

describe('signing in through the provider (authorization code + PKCE)', () => {
  it('sends the browser to the authorize endpoint with state, nonce and an S256 challenge, and keeps them in a signed Lax cookie', async () => {
    const { txCookie, authorize } = await start('/staff/queue');
    expect(authorize.origin + authorize.pathname).toBe(`${TEST_ISSUER}/oauth2/authorize`);
    const p = authorize.searchParams;
    expect(Object.fromEntries(p)).toEqual({
      response_type: 'code',
      client_id: DEV_CLIENT_ID,
      redirect_uri: `${SITE}/auth/callback`,
      scope: 'openid profile',
      state: expect.stringMatching(/^[\w-]{32}$/),
      nonce: expect.stringMatching(/^[\w-]{32}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    expect(txCookie).toMatch(/HttpOnly/);
    expect(txCookie).toMatch(/SameSite=Lax/);
    expect(txCookie).toMatch(/Secure/);
    expect(txCookie).toMatch(/Max-Age=600/);
    // The verifier is not the challenge, and the state is not readable as anything else.
    expect(txCookie).not.toContain(p.get('code_challenge')!);
  });

  it('comes back signed in: an HttpOnly, Secure, SameSite=Strict session cookie expiring with the ID token, then to the page asked for', async () => {
    const { tx, authorize } = await start('/staff/queue?status=pending');
    const res = await callback(await consent(authorize, 'li.si', ['monitor']), tx);
    expect(res.status).toBe(200);
    const session = cookieOf(res, 'gp_staff')!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/Secure/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\//);
    const expires = Date.parse(/Expires=([^;]+)/.exec(session)![1]!);
    const payload = JSON.parse(Buffer.from(valueOf(session).split('.')[1]!, 'base64url').toString()) as {
      exp: number;
      nonce: string;
      'cognito:groups': string[];
    };
    expect(Math.abs(expires - payload.exp * 1000)).toBeLessThan(1000);
    expect(payload.nonce).toBe(authorize.searchParams.get('nonce'));
    expect(payload['cognito:groups']).toEqual(['monitor']);
    // The transaction is spent.
    expect(cookieOf(res, 'gp_signin')).toMatch(/Max-Age=0/);
    expect(await res.text()).toContain('url=/staff/queue?status=pending');
    const page = await app.request(`${SITE}/staff/queue`, { headers: { Cookie: `gp_staff=${valueOf(session)}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(await page.text()).toContain('li.si');
  });

  it('refuses a callback whose state is not the one it sent, and sets no session', async () => {
    const { tx, authorize } = await start();
    const back = await consent(authorize, 'li.si', ['monitor']);
    back.searchParams.set('state', 'forged-state-forged-state-forged');
    const res = await callback(back, tx);
    expect(res.status).toBe(400);
    expect(cookieOf(res, 'gp_staff')).toBeUndefined();
  });

  it('refuses a callback without its transaction cookie, or with a forged one', async () => {
    const { tx, authorize } = await start();
    const back = await consent(authorize, 'li.si', ['monitor']);
    expect((await app.request(`${SITE}/auth/callback${back.search}`)).status).toBe(400);
    const forged = `${tx.split('.')[0]}.${'A'.repeat(43)}`;
    const res = await callback(back, forged);
    expect(res.status).toBe(400);
    expect(cookieOf(res, 'gp_staff')).toBeUndefined();
  });

  it('refuses an ID token minted for another nonce (a token replayed into this sign-in)', async () => {
    const { tx, authorize } = await start();
    authorize.searchParams.set('nonce', 'another-nonce-another-nonce-1234');
    const res = await callback(await consent(authorize, 'li.si', ['monitor']), tx);
    expect(res.status).toBe(400);
    expect(cookieOf(res, 'gp_staff')).toBeUndefined();
  });

  it('refuses a code whose challenge is not its verifier’s: the provider’s token endpoint checks PKCE', async () => {
    const { tx, authorize } = await start();
    authorize.searchParams.set('code_challenge', s256('a-verifier-the-browser-never-had-a-verifier-xyz'));
    const res = await callback(await consent(authorize, 'li.si', ['monitor']), tx);
    expect(res.status).toBe(400);
    expect(cookieOf(res, 'gp_staff')).toBeUndefined();
  });
});

describe('the development provider’s endpoints', () => {
  const authorizeFor = (redirectUri: string, challenge: string) =>
    `/dev-idp/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: DEV_CLIENT_ID, redirect_uri: redirectUri, state: 's1', nonce: 'n1', code_challenge: challenge, code_challenge_method: 'S256' })}`;
  const verifier = 'v'.repeat(43);
  const codeFor = async (redirectUri = `${SITE}/auth/callback`) => {
    const res = await idp.request(authorizeFor(redirectUri, s256(verifier)), {
      method: 'POST',
      body: form({ username: 'dev', roles: ['admin'] }),
    });
    return new URL(res.headers.get('location')!).searchParams.get('code')!;
  };
  const redeem = (fields: Record<string, string>) =>
    idp.request('/dev-idp/oauth2/token', {
      method: 'POST',
      body: form({
        grant_type: 'authorization_code',
        client_id: DEV_CLIENT_ID,
        redirect_uri: `${SITE}/auth/callback`,
        ...fields,
      }),
    });

  it('issues an ID token for the code, its verifier and its redirect URI, once', async () => {
    const code = await codeFor();
    const res = await redeem({ code, code_verifier: verifier });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id_token: string };
    const identityOf = await identity.verifier.verify(body.id_token, { nonce: 'n1' });
    expect(identityOf).toMatchObject({ name: 'dev', roles: ['admin'], tokenUse: 'id' });
    expect((await redeem({ code, code_verifier: verifier })).status).toBe(400);
  });

  it('refuses a wrong verifier, and the code is spent', async () => {
    const code = await codeFor();
    const wrong = await redeem({ code, code_verifier: 'w'.repeat(43) });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await redeem({ code, code_verifier: verifier })).status).toBe(400);
  });

  it('refuses a redirect URI that is not registered, and a redemption with another redirect URI than the request’s', async () => {
    expect((await idp.request(authorizeFor('https://evil.example/auth/callback', s256(verifier)))).status).toBe(400);
    expect(
      (
        await idp.request(authorizeFor(`${SITE}/elsewhere`, s256(verifier)), {
          method: 'POST',
          body: form({ username: 'dev' }),
        })
      ).status,
    ).toBe(400);
    const code = await codeFor();
    const res = await redeem({ code, code_verifier: verifier, redirect_uri: `${SITE}/auth/callback?x=1` });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('signs out back to this site only', async () => {
    const ok = await idp.request(
      `/dev-idp/logout?client_id=${DEV_CLIENT_ID}&logout_uri=${encodeURIComponent(`${SITE}/`)}`,
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(`${SITE}/`);
    expect(
      (
        await idp.request(
          `/dev-idp/logout?client_id=${DEV_CLIENT_ID}&logout_uri=${encodeURIComponent('https://evil.example/')}`,
        )
      ).status,
    ).toBe(400);
  });
});

describe('the staff pages’ gate', () => {
  it('sends a visitor without a session to sign in, and back to the page afterwards', async () => {
    const res = await app.request(`${SITE}/staff/cases?view=overdue`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/auth/sign-in?return=${encodeURIComponent('/staff/cases?view=overdue')}`);
  });

  it('sends an expired session to sign in again, and clears it', async () => {
    const expired = await identity.token(['monitor'], { tokenUse: 'id', ttlSeconds: -3600 });
    const res = await app.request(`${SITE}/staff`, { headers: { Cookie: `gp_staff=${expired}` } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/auth/sign-in?return=%2Fstaff');
    expect(cookieOf(res, 'gp_staff')).toMatch(/Max-Age=0/);
    // A form posted on an expired session: after signing in, back to the page it was on.
    const posted = await app.request(`${SITE}/staff/publish/observation`, {
      method: 'POST',
      headers: { Cookie: `gp_staff=${expired}`, Origin: SITE, Referer: `${SITE}/staff/publish` },
      body: form({ indicator: 'gdp', year: '2024', value: '1' }),
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/auth/sign-in?return=%2Fstaff%2Fpublish');
  });

  it('answers 403 to a genuine session without the role', async () => {
    const publisher = await signIn('wang.wu', ['publisher']);
    const monitor = await signIn('li.si', ['monitor']);
    for (const [cookie, path] of [
      [publisher, '/staff/queue'],
      [publisher, '/staff/cases'],
      [monitor, '/staff/publish'],
      [monitor, '/staff/audit'],
      [monitor, '/staff/export/audit.csv'],
      [publisher, '/staff/export/cases.csv'],
    ] as const) {
      const res = await app.request(`${SITE}${path}`, { headers: { Cookie: `gp_staff=${cookie}` } });
      expect(res.status, path).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
    }
    const none = await signIn('nobody', []);
    expect((await app.request(`${SITE}/staff`, { headers: { Cookie: `gp_staff=${none}` } })).status).toBe(403);
  });

  it('refuses a cross-site form post even with the session cookie, and stores nothing', async () => {
    const publisher = await signIn('wang.wu', ['publisher']);
    const post = (headers: Record<string, string>) =>
      app.request(`${SITE}/staff/publish/observation`, {
        method: 'POST',
        headers: { Cookie: `gp_staff=${publisher}`, ...headers },
        body: form({ indicator: 'gdp', year: '2024', value: '700' }),
      });
    expect((await post({ 'Sec-Fetch-Site': 'cross-site', Origin: SITE })).status).toBe(403);
    expect((await post({ Origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect(await deps.plans.listObservations('licheng-14th', 'gdp')).toEqual([]);
    // The same post from this site goes through, attributed to the signed-in publisher.
    const ok = await post(sameSite);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/staff/publish?done=new');
    const [entry] = (await deps.audit.list({ limit: 1, action: 'observation.publish' })).items;
    expect(entry).toMatchObject({
      actor: { kind: 'staff', name: 'wang.wu', sub: 'dev|wang.wu', roles: ['publisher'] },
      subject: { type: 'indicator', id: 'gdp' },
    });
  });

  it('signs out: clears the session and sends the browser to the provider’s logout, back to this site', async () => {
    const monitor = await signIn('li.si', ['monitor']);
    const res = await app.request(`${SITE}/auth/sign-out`, {
      method: 'POST',
      headers: { Cookie: `gp_staff=${monitor}`, ...sameSite, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin + to.pathname).toBe(`${TEST_ISSUER}/logout`);
    expect(Object.fromEntries(to.searchParams)).toEqual({ client_id: DEV_CLIENT_ID, logout_uri: `${SITE}/` });
    expect(cookieOf(res, 'gp_staff')).toMatch(/Max-Age=0/);
    expect(
      (
        await app.request(`${SITE}/auth/sign-out`, {
          method: 'POST',
          headers: { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
          body: '',
        })
      ).status,
    ).toBe(403);
  });

  it('refuses every staff page when no sign-in is configured', async () => {
    const { app: bare } = testApp(store.current);
    expect((await bare.request(`${SITE}/staff`)).status).toBe(503);
    expect((await bare.request(`${SITE}/auth/sign-in`)).status).toBe(503);
  });
});
