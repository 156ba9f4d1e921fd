import { beforeAll, describe, expect, it } from 'vitest';
import { formStamps, FORM_STAMP_MAX_AGE_MS } from '../../shared/http/csrf.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { testApp, TEST_SECRET } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/**
 * The HTML rating form against bots and other sites: a honeypot field, a signed served-at time with
 * a least time to fill the form in (3 s by default), and posts from this site only (CSRF). Whatever
 * is refused leaves the table byte-for-byte as it was.
 */
const store = useStore();
const START = Date.parse('2026-06-15T04:00:00Z');
let now = START;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  ({ app, deps } = testApp(store.current, { clock: () => new Date(now) }));
});

const SAME_ORIGIN = { Origin: 'http://localhost' };

const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = SAME_ORIGIN) =>
  app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

/** The form as the page serves it now: its hidden stamp and the honeypot's markup. */
async function servedForm(path = '/indicators/gdp') {
  const html = await (await app.request(path)).text();
  const formHtml = /<form method="post" action="\/feedback"[\s\S]*?<\/form>/.exec(html)![0];
  const stamp = /<input type="hidden" name="issued" value="([^"]+)"\/>/.exec(formHtml)?.[1];
  return { formHtml, stamp: stamp! };
}

/** Posting must leave every item of the table exactly as it was. */
async function expectNothingStored(run: () => Response | Promise<Response>, status: number) {
  const before = JSON.stringify(await store.scanAll());
  const res = await run();
  expect(res.status).toBe(status);
  expect(res.headers.get('set-cookie')).toBeNull();
  expect(JSON.stringify(await store.scanAll())).toBe(before);
  return res;
}

describe('the honeypot and the least time to fill the form in', () => {
  it('serves a signed stamp and a honeypot hidden by the stylesheet, out of the tab order, labelled "leave empty"', async () => {
    const { formHtml, stamp } = await servedForm();
    expect(stamp).toMatch(/^[0-9a-z]+\.[\w-]{22}$/);
    expect(formHtml).toContain(
      '<div class="visually-hidden"><label for="feedback-website">请勿填写此栏</label><input type="text" id="feedback-website" name="website" value="" tabindex="-1" autocomplete="off"/></div>',
    );
    const en = await (await app.request('/indicators/gdp', { headers: { Cookie: 'lang=en' } })).text();
    expect(en).toContain('<label for="feedback-website">Leave this field empty</label>');
  });

  it('refuses a form submitted faster than 3 s with a friendly 400 page keeping what was typed, and takes it 3 s later', async () => {
    const { stamp } = await servedForm();
    now += 1500;
    const fields = { targetType: 'indicator', targetId: 'gdp', rating: '4', comment: '数据公开得及时', issued: stamp };
    const refused = await expectNothingStored(() => post('/feedback', fields), 400);
    const html = await refused.text();
    expect(html).toContain('这次提交没有被接受。请稍候几秒');
    expect(html).not.toContain('人工');
    expect(html).toContain('role="alert"');
    expect(html).toContain('>数据公开得及时</textarea>');
    expect(html).toMatch(/<input type="radio" name="rating" id="rating-4" value="4" checked=""/);
    expect(refused.headers.get('cache-control')).toBe('private, no-store');

    now += 1500; // 3 s after the form was served
    const taken = await post('/feedback', fields);
    expect(taken.status).toBe(303);
    expect(taken.headers.get('location')).toBe('/indicators/gdp?done=recorded&pending=1#feedback');
  });

  it('refuses a form whose honeypot is filled in, however slowly it was sent', async () => {
    const { stamp } = await servedForm('/indicators/forest-coverage');
    now += 60_000;
    const res = await expectNothingStored(
      () =>
        post('/feedback', {
          targetType: 'indicator',
          targetId: 'forest-coverage',
          rating: '5',
          website: 'http://spam.example',
          issued: stamp,
        }),
      400,
    );
    expect(await res.text()).toContain('这次提交没有被接受');
  });

  it('refuses a missing, forged, re-timed or expired stamp', async () => {
    const { stamp } = await servedForm('/indicators/forest-coverage');
    now += 10_000;
    const [issued, mac] = stamp.split('.') as [string, string];
    const earlier = (parseInt(issued, 36) - 3_600_000).toString(36);
    const forged = formStamps('another-secret-another-secret-0123456789').issue(new Date(now - 60_000));
    for (const bad of [
      undefined,
      '',
      'x',
      `${issued}.${'A'.repeat(22)}`,
      `${earlier}.${mac}`,
      forged,
      `${stamp}.${mac}`,
    ]) {
      const fields: Record<string, string> = {
        targetType: 'indicator',
        targetId: 'forest-coverage',
        rating: '5',
        ...(bad === undefined ? {} : { issued: bad }),
      };
      const res = await expectNothingStored(() => post('/feedback', fields), 400);
      expect(await res.text(), String(bad)).toContain('这个表单已过期或不是从本站页面提交的');
    }
    // A form left open for more than a day: submit again from the fresh form on the page that comes back.
    now += FORM_STAMP_MAX_AGE_MS;
    const expired = await expectNothingStored(
      () => post('/feedback', { targetType: 'indicator', targetId: 'forest-coverage', rating: '5', issued: stamp }),
      400,
    );
    const fresh = /name="issued" value="([^"]+)"/.exec(await expired.text())![1]!;
    now += 5000;
    expect(
      (await post('/feedback', { targetType: 'indicator', targetId: 'forest-coverage', rating: '5', issued: fresh }))
        .status,
    ).toBe(303);
  });

  it('takes its least time from the settings (FORM_MIN_SECONDS): 0 accepts a form at once', async () => {
    const quick = testApp(store.current, { clock: () => new Date(now), formStamps: formStamps(TEST_SECRET, 0) });
    const html = await (await quick.app.request('/indicators/gdp')).text();
    const stamp = /name="issued" value="([^"]+)"/.exec(html)![1]!;
    const res = await quick.app.request('/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN },
      body: new URLSearchParams({ targetType: 'indicator', targetId: 'gdp', rating: '2', issued: stamp }).toString(),
    });
    expect(res.status).toBe(303);
    expect(deps.formStamps.minSeconds).toBe(3);
    expect(quick.deps.formStamps.check(stamp, new Date(now))).toBe('ok');
  });
});

describe('cross-site form posts (CSRF)', () => {
  const fields = async () => {
    const { stamp } = await servedForm('/indicators/gdp');
    now += 10_000;
    return { targetType: 'indicator', targetId: 'gdp', rating: '3', issued: stamp };
  };

  it('refuses a post from another origin with 403 and stores nothing', async () => {
    const body = await fields();
    const voter = deps.voterTokens.issue().token;
    const crossSite: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'https://evil.example', Cookie: `gp_voter=${voter}` },
      { Origin: 'null' },
      { Origin: 'http://localhost.evil.example' },
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' }, // a sibling subdomain is another site's page too
      { Origin: 'http://localhost', 'Sec-Fetch-Site': 'cross-site' }, // the browser's word wins
      {}, // neither header: no browser of this decade posts a form so
    ];
    for (const headers of crossSite) {
      const res = await expectNothingStored(() => post('/feedback', body, headers), 403);
      expect(await res.text(), JSON.stringify(headers)).toBe('Forms are accepted from this site only.');
    }
    // The settings form sets a cookie, so it is held to the same rule.
    await expectNothingStored(
      () => post('/settings', { lang: 'en', back: '/' }, { Origin: 'https://evil.example' }),
      403,
    );
    await expectNothingStored(
      () => post('/settings', { lang: 'en', back: '/' }, { 'Sec-Fetch-Site': 'cross-site' }),
      403,
    );
  });

  it('takes a post from this origin, or without Origin when Sec-Fetch-Site says same-origin', async () => {
    expect((await post('/feedback', await fields(), { Origin: 'http://localhost' })).status).toBe(303);
    expect((await post('/feedback', await fields(), { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(303);
    expect(
      (await post('/feedback', await fields(), { Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' })).status,
    ).toBe(303);
    const settings = await post('/settings', { lang: 'en', back: '/method' }, { 'Sec-Fetch-Site': 'same-origin' });
    expect(settings.status).toBe(303);
    expect(settings.headers.get('set-cookie')).toMatch(/^lang=en;/);
  });

  it('takes the public site (SITE_URL) as this site behind the CDN', async () => {
    const behindCdn = testApp(store.current, { clock: () => new Date(now), siteUrl: 'https://gongping.example.cn' });
    const send = (origin: string) =>
      behindCdn.app.request('/settings', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
        body: 'lang=en&back=%2F',
      });
    expect((await send('https://gongping.example.cn')).status).toBe(303);
    expect((await send('https://evil.example')).status).toBe(403);
  });

  it('leaves the JSON API to CORS: the API answers a JSON post without Origin as before', async () => {
    const res = await app.request('/api/v1/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ targetType: 'indicator', targetId: 'gdp', rating: 4 }),
    });
    expect(res.status).toBe(201);
  });
});
