import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { aggregationJob } from '../../shared/ratings/job.js';
import {
  conditionalAnswers,
  PRIVATE_CACHE_CONTROL,
  PUBLIC_CACHE_CONTROL,
  PUBLIC_STALENESS_SECONDS,
} from '../../shared/http/caching.js';
import { cookieVoter, requestVoter } from '../../shared/http/voter.js';
import { json } from '../helpers/api.js';
import { useCitizenPages, voterCookie } from '../helpers/web-pages.js';

/**
 * HTTP caching end to end on the local app (dynalite): what CloudFront and browsers are told they
 * may keep, the validators they revalidate with, and that nothing carrying a voter's data is kept.
 */
const env = useCitizenPages();

const request = (path: string, headers: Record<string, string> = {}) => env.app.request(path, { headers });

/** A strong validator: quoted, without W/. */
const STRONG = /^"[\w-]{22}"$/;

const PUBLIC_READS = {
  page: '/',
  list: '/indicators',
  'plan-scoped page': '/plans/licheng-14th/projects',
  json: '/api/v1/plan',
  'json list': '/api/v1/indicators',
  'open data': '/api/v1/open-data/indicators.csv',
  feed: '/api/v1/feeds/plan.atom',
};

describe('public pages, JSON and open data', () => {
  it('are public for the staleness window, with a strong ETag that stays the same while nothing changes', async () => {
    expect(PUBLIC_CACHE_CONTROL).toBe(`public, max-age=${PUBLIC_STALENESS_SECONDS}`);
    for (const [what, path] of Object.entries(PUBLIC_READS)) {
      const first = await request(path);
      expect(first.status, what).toBe(200);
      expect(first.headers.get('cache-control'), what).toMatch(/^public, max-age=\d+/);
      expect(first.headers.get('etag'), what).toMatch(STRONG);
      expect(first.headers.has('set-cookie'), what).toBe(false);
      const again = await request(path);
      expect(again.headers.get('etag'), what).toBe(first.headers.get('etag'));
    }
    // Pages and JSON: the window; downloads keep their own, longer policy and get the same validator.
    for (const path of ['/', '/indicators', '/api/v1/plan', '/api/v1/indicators'])
      expect((await request(path)).headers.get('cache-control'), path).toBe(PUBLIC_CACHE_CONTROL);
  });

  it('answer 304 without a body to If-None-Match with the current tag, weak or strong, keeping the caching headers', async () => {
    for (const [what, path] of Object.entries(PUBLIC_READS)) {
      const first = await request(path);
      const tag = first.headers.get('etag')!;
      // CloudFront hands browsers W/"…" once it has compressed the answer; they send that back.
      for (const sent of [tag, `W/${tag}`, `"stale", ${tag}`]) {
        const res = await request(path, { 'If-None-Match': sent });
        expect(res.status, `${what} ${sent}`).toBe(304);
        expect(await res.text()).toBe('');
        expect(res.headers.get('etag')).toBe(tag);
        expect(res.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
        expect(res.headers.get('vary')).toBe(first.headers.get('vary'));
        // A browser takes the 304's headers for the stored page: a page keeps its own policy.
        expect(res.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
        expect(res.headers.has('content-disposition')).toBe(false);
      }
      const other = await request(path, { 'If-None-Match': '"something-else"' });
      expect(other.status, what).toBe(200);
    }
  });

  it('answers a HEAD with the same validator as the GET', async () => {
    const get = await request('/api/v1/plan');
    const head = await env.app.request('/api/v1/plan', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
  });

  it('gives each language of a page its own tag, and says the page varies by cookie and Accept-Language', async () => {
    const zh = await request('/');
    const en = await request('/', { 'Accept-Language': 'en' });
    const enByCookie = await request('/', { Cookie: 'lang=en' });
    expect(zh.headers.get('vary')).toBe('Cookie, Accept-Language');
    expect(en.headers.get('etag')).not.toBe(zh.headers.get('etag'));
    expect(enByCookie.headers.get('etag')).toBe(en.headers.get('etag'));
    expect((await request('/', { 'Accept-Language': 'en', 'If-None-Match': zh.headers.get('etag')! })).status).toBe(
      200,
    );
  });

  it('changes the tag once the data changes, and answers the old tag with the new content', async () => {
    const paths = ['/api/v1/indicators/gdp/ratings', '/api/v1/open-data/ratings.csv'];
    const before = await Promise.all(paths.map(async (path) => (await request(path)).headers.get('etag')!));
    for (let i = 0; i < 10; i++) {
      const res = await env.app.request(
        '/api/v1/feedback',
        json(
          { targetType: 'indicator', targetId: 'gdp', rating: 4 },
          { 'X-Voter-Token': env.deps.voterTokens.issue().token },
        ),
      );
      expect(res.status).toBe(201);
    }
    await aggregationJob(env.store.current, { minRatings: 10, settleSeconds: 0, maxBatch: 1000 })();
    for (const [i, path] of paths.entries()) {
      const after = await request(path, { 'If-None-Match': before[i]! });
      expect(after.status, path).toBe(200);
      expect(after.headers.get('etag'), path).toMatch(STRONG);
      expect(after.headers.get('etag'), path).not.toBe(before[i]);
    }
  });
});

describe("what carries a voter's own data", () => {
  const NO_STORE = 'private, no-store';

  it('is private, no-store, without a validator, and never answered 304', async () => {
    expect(PRIVATE_CACHE_CONTROL).toBe(NO_STORE);
    const token = env.deps.voterTokens.issue().token;
    const first = await request('/indicators/gdp');
    const cookie = `gp_voter=${voterCookie(first)!}`;
    const personal: Array<[string, Record<string, string>]> = [
      ['/me', {}],
      ['/me', { Cookie: cookie }],
      // A first visit is given its voter cookie; a return visit shows the voter's own rating.
      ['/indicators/gdp', {}],
      ['/indicators/gdp', { Cookie: cookie }],
      ['/plans/licheng-14th/indicators/gdp', { Cookie: cookie }],
      ['/api/v1/me/feedback', { 'X-Voter-Token': token }],
      ['/api/v1/me/cases', { 'X-Voter-Token': token }],
      ['/api/v1/plans/licheng-14th/me/feedback', { Cookie: cookie }],
    ];
    for (const [path, headers] of personal) {
      const res = await request(path, { ...headers, 'If-None-Match': '*' });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe(NO_STORE);
      expect(res.headers.has('etag'), path).toBe(false);
    }
  });

  it('keeps a public page public for a reader who holds a voter cookie: it does not read it', async () => {
    const cookie = `gp_voter=${voterCookie(await request('/projects/' + env.plan.projects[0]!.id))!}`;
    const res = await request('/indicators', { Cookie: cookie });
    expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
    expect(res.headers.get('etag')).toBe((await request('/indicators')).headers.get('etag'));
  });

  it('is never shared even when its route claims it public: reading the voter, or setting a cookie, decides', async () => {
    const deps = env.deps;
    const careless = new Hono()
      .use(conditionalAnswers())
      .get('/cookie', (c) => c.text(String(cookieVoter(c, deps)), 200, { 'Cache-Control': PUBLIC_CACHE_CONTROL }))
      .get('/token', (c) => c.text(String(requestVoter(c, deps)), 200, { 'Cache-Control': PUBLIC_CACHE_CONTROL }))
      .get('/sets-cookie', (c) => c.text('hi', 200, { 'Cache-Control': PUBLIC_CACHE_CONTROL, 'Set-Cookie': 'x=1' }))
      .get('/public', (c) => c.text('hi', 200, { 'Cache-Control': PUBLIC_CACHE_CONTROL }));
    const token = deps.voterTokens.issue().token;
    for (const [path, headers] of [
      ['/cookie', {}],
      ['/token', { 'X-Voter-Token': token }],
      ['/sets-cookie', {}],
    ] as const) {
      const res = await careless.request(path, { headers });
      expect(res.headers.get('cache-control'), path).toBe(NO_STORE);
      expect(res.headers.has('etag'), path).toBe(false);
    }
    expect((await careless.request('/public')).headers.get('etag')).toMatch(STRONG);
  });
});

describe('staff pages', () => {
  it('are never cached, signed in or not', async () => {
    for (const path of ['/staff', '/staff/queue']) {
      const res = await request(path, { 'If-None-Match': '*' });
      expect(res.status, path).not.toBe(304);
      expect(res.headers.get('cache-control') ?? '', path).toMatch(/no-store/);
      expect(res.headers.has('etag'), path).toBe(false);
    }
  });
});
