import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { historyRowName, indicatorChart, type IndicatorChartData } from '../../web/citizen/chart-data.js';
import { indicatorDetailView } from '../../shared/plan/views.js';
import { Comments } from '../../web/citizen/components/feedback.js';
import { messages } from '../../web/i18n.js';
import { webAssets } from '../../web/assets.js';
import { PAGE_CSP } from '../../web/citizen/routes.js';
import { json, testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/**
 * The citizen pages through app.request(), as a browser without JavaScript gets them: complete
 * HTML, a plain form that works, no inline script or style, the right language and headers.
 */
const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let distDir = '';
const plan = readPlanFile();
const NOW = Date.parse('2026-06-15T04:00:00Z');

beforeAll(async () => {
  // The pages link the built bundles: build them once into a folder of this test's own.
  distDir = await mkdtemp(join(tmpdir(), 'gongping-web-'));
  await buildWeb({ distDir });
  process.env.WEB_DIST_DIR = distDir;
  await loadPlan(store.current, plan);
  let tick = 0;
  ({ app, deps } = testApp(store.current, { clock: () => new Date(NOW + 1000 * tick++), minRatings: 10 }));
});

afterAll(async () => {
  delete process.env.WEB_DIST_DIR;
  await rm(distDir, { recursive: true, force: true });
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers });
  return { res, html: await res.text() };
};

/** A form as a browser posts it from the page: from this origin, with the stamp of a form served a minute ago. */
const form = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', ...headers },
  body: new URLSearchParams({ issued: deps.formStamps.issue(new Date(NOW - 60_000)), ...fields }).toString(),
});

const voterCookie = (res: Response) => /gp_voter=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

/** Every <script> either loads a file from this site or is a JSON data block: nothing inline runs. */
function scriptsOf(html: string) {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attributes, body]) => ({
    attributes: attributes!,
    body: body!,
  }));
}

/** Text a reader sees, plus the attributes read aloud, with elements marked lang="zh-CN" (plan data) left out. */
function visibleEnglishText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<option\b[^>]*>[^<]*<\/option>/g, ' ') // a box title exists only in Chinese, and an option cannot mark part of its text
    .replace(/<(\w+)\b[^>]*\blang="zh-CN"[^>]*>[^<]*<\/\1>/g, ' ')
    .replace(/\b(?:aria-label|title|alt|placeholder|content)="([^"]*)"/g, ' $1 ')
    .replace(/<[^>]+>/g, ' ');
}

const PAGES = [
  '/',
  '/indicators',
  '/indicators/gdp',
  '/indicators/fixed-asset-investment-growth',
  '/projects',
  `/projects/${plan.projects[0]!.id}`,
  '/method',
];

describe('pages without JavaScript', () => {
  it('answers every page as complete HTML under the strict CSP: no inline script, no inline style', async () => {
    for (const path of PAGES) {
      const { res, html } = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
      // An indicator or project page gives a browser without one its voter cookie, so it is never shared.
      const withForm = /^\/(indicators|projects)\/./.test(path);
      expect(res.headers.get('cache-control')).toBe(withForm ? 'private, no-store' : 'public, max-age=60');
      expect(res.headers.has('set-cookie')).toBe(withForm);
      expect(html.startsWith('<!DOCTYPE html><html lang="zh-CN"')).toBe(true);
      for (const script of scriptsOf(html)) {
        const external = /\bsrc="\/assets\/[\w.-]+\.js"/.test(script.attributes) && script.body === '';
        const data = /\btype="application\/json"/.test(script.attributes);
        expect(external || data, `${path}: <script${script.attributes}>`).toBe(true);
      }
      expect(html).not.toMatch(/\sstyle=/);
      expect(html).not.toMatch(/<style\b/);
      expect(html).not.toMatch(/\son[a-z]+=/); // no inline event handlers either
      expect(html).not.toMatch(/https?:\/\/(?!localhost)/); // nothing from another origin
      expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/main\.[A-Z0-9]+\.css"\/>/);
    }
  });

  it('renders an indicator with the rate-and-comment form as a plain POST', async () => {
    const { html } = await get('/indicators/gdp');
    const formHtml = /<form method="post" action="\/feedback"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    expect(formHtml).not.toBe('');
    expect(formHtml).toContain('<input type="hidden" name="targetType" value="indicator"/>');
    expect(formHtml).toContain('<input type="hidden" name="targetId" value="gdp"/>');
    const levels = [
      ...formHtml.matchAll(
        /<input type="radio" name="rating" id="rating-(\d)" value="(\d)"[^>]*\/><label for="rating-\d">([^<]+)<\/label>/g,
      ),
    ];
    expect(levels.map(([, , value, label]) => [value, label])).toEqual([
      ['5', '非常满意'],
      ['4', '满意'],
      ['3', '基本满意'],
      ['2', '不满意'],
      ['1', '非常不满意'],
    ]);
    expect(formHtml).toMatch(/<textarea id="comment" name="comment" rows="4" maxlength="2000"/);
    expect(html).toMatch(/<script type="module" src="\/assets\/charts\.[A-Z0-9]+\.js"><\/script>/);
    expect(html).toMatch(/<script type="module" src="\/assets\/feedback\.[A-Z0-9]+\.js"><\/script>/);
  });

  it('shows the status and the numbers behind it in words, the chart as data, a summary and a table', async () => {
    const { html } = await get('/indicators/gdp');
    expect(html).toContain('无法评估');
    expect(html).toContain('2020年以后尚无官方数据');
    expect(html).toContain('复合增长法');
    expect(html).toContain('8.21% / 年'); // (650 / 438.08)^(1/5) − 1, as docs/status-method.md works it out
    expect(html).toContain('<caption>数据表（单位：亿元）</caption>');
    expect(html).toContain('265.99 亿元（2015年）'); // 专栏1, in words
    expect(html).toMatch(/<th scope="row">2015<\/th><td>265\.99<\/td>/); // and in the table
    const data = JSON.parse(
      /<script type="application\/json" id="indicator-chart-data">([\s\S]*?)<\/script>/.exec(html)![1]!,
    ) as IndicatorChartData;
    const series = Object.fromEntries(data.series.map((s) => [s.key, s.points]));
    expect(series.history).toEqual([
      { x: 2015, y: 265.99 },
      { x: 2020, y: 438.08 },
    ]);
    expect(series.target).toEqual([{ x: 2025, y: 650 }]);
    expect(series.stretch).toEqual([{ x: 2025, y: 800 }]);
    expect(series.path!.map((p) => p.x)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(series.path![0]!.y).toBeCloseTo(438.08, 6);
    expect(series.path![5]!.y).toBeCloseTo(650, 6);
  });

  it('does not plot the fixed-asset stretch goal, an amount on a growth-rate indicator, but says it in words', async () => {
    const { html } = await get('/indicators/fixed-asset-investment-growth');
    const data = JSON.parse(
      /<script type="application\/json" id="indicator-chart-data">([\s\S]*?)<\/script>/.exec(html)![1]!,
    ) as IndicatorChartData;
    expect(data.series.map((s) => s.key)).not.toContain('stretch');
    expect(data.series.find((s) => s.key === 'path')?.points).toEqual(
      [2021, 2022, 2023, 2024, 2025].map((x) => ({ x, y: 10 })),
    );
    expect(html).toContain('奋斗目标：“固定投资额达到200亿元”');
    expect(html).toContain('不能画在同一坐标上');
  });

  it('answers in English by Accept-Language or by the lang cookie, which wins; <html lang> follows', async () => {
    expect((await get('/indicators/gdp', { 'Accept-Language': 'en-GB,en;q=0.9' })).html).toMatch(
      /^<!DOCTYPE html><html lang="en">/,
    );
    const { html } = await get('/indicators/gdp', { 'Accept-Language': 'en-GB', Cookie: 'lang=zh-CN' });
    expect(html).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/);
    const english = await get('/', { Cookie: 'lang=en' });
    expect(english.html).toContain('The plan at a glance');
    expect(english.res.headers.get('vary')).toBe('Cookie, Accept-Language');
  });

  it('names the previous plan’s series by its English name on English pages', async () => {
    const { html } = await get('/indicators/gdp', { Cookie: 'lang=en' });
    expect(html).toContain('Previous plan’s actual: Gross domestic product (GDP)');
    expect(html).toContain('In the previous plan (Gross domestic product (GDP)): 265.99');
    expect(html).not.toContain('Previous plan’s actual: <span lang="zh-CN">');
    // A row in another unit is named under the chart instead of plotted, in English too.
    const gdp = plan.indicators.find((i) => i.id === 'gdp')!;
    const inYuan = { ...plan.history.find((h) => h.id === 'h13-01')!, unit: '元' };
    const chart = indicatorChart(indicatorDetailView(gdp, [], [inYuan]), 'en', messages('en'));
    expect(chart.unplotted.map((u) => u.note)).toEqual(['in “元”, not this indicator’s unit, so not plotted']);
    expect(historyRowName(inYuan, 'en')).toBe('Gross domestic product (GDP)');
    expect(historyRowName(inYuan, 'zh-CN')).toBe('地区生产总值');
    expect(historyRowName({ ...inYuan, nameEn: undefined }, 'en')).toBe('地区生产总值');
  });

  it('leaves no Chinese on English pages except plan data marked lang="zh-CN"', async () => {
    for (const path of [
      ...PAGES,
      '/indicators?q=forest',
      '/indicators/industrial-energy-intensity-reduction',
      '/indicators/pm25-concentration',
      '/no-such-page',
    ]) {
      const { html } = await get(path, { Cookie: 'lang=en' });
      const stray = visibleEnglishText(html).match(/[^\s]*\p{Script=Han}[^\s]*/gu);
      expect(stray, path).toBeNull();
    }
  });

  it('turns on the elder-friendly mode with a form that sets a cookie, and keeps it', async () => {
    const res = await app.request(
      '/settings',
      form({ elder: 'on', back: '/indicators?category=%E7%BB%8F%E6%B5%8E%E8%B4%A8%E6%95%88' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/indicators?category=%E7%BB%8F%E6%B5%8E%E8%B4%A8%E6%95%88');
    expect(res.headers.get('set-cookie')).toMatch(/^elder=on; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    const { html } = await get('/', { Cookie: 'elder=on' });
    expect(html).toMatch(/^<!DOCTYPE html><html lang="zh-CN" class="elder">/);
    expect(html).toMatch(/<input type="hidden" name="elder" value="off"\/>/);
    expect(html).toContain('aria-pressed="true"');
  });

  it('sends the settings forms of a form’s error page back to the page the form was on, not to the POST address', async () => {
    const res = await app.request(
      '/feedback',
      form(
        { targetType: 'indicator', targetId: 'gdp', comment: '没选评分' },
        { Referer: 'http://localhost/indicators/gdp' },
      ),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('name="back" value="/indicators/gdp"');
    expect(html).not.toContain('name="back" value="/feedback"');
    const blind = await (await app.request('/feedback', form({ targetType: 'indicator', targetId: 'gdp' }))).text();
    expect(blind).toContain('name="back" value="/"');
  });

  it('switches the language with a form, and sends the browser back to this site only', async () => {
    const res = await app.request('/settings', form({ lang: 'en', back: '/method' }));
    expect(res.headers.get('location')).toBe('/method');
    expect(res.headers.get('set-cookie')).toMatch(/^lang=en;/);
    for (const back of [
      '//evil.example/',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      '/x\r\nSet-Cookie: a=b',
    ]) {
      expect((await app.request('/settings', form({ lang: 'en', back }))).headers.get('location'), back).toBe('/');
    }
    expect((await app.request('/settings', form({ lang: 'fr', back: '/' }))).headers.get('set-cookie')).toBeNull();
    expect(
      (await app.request('/settings', form({ lang: 'en', back: '/' }, { 'Sec-Fetch-Site': 'cross-site' }))).status,
    ).toBe(403);
  });

  it('searches on the server by Chinese or English name, with filters that ignore values they do not know', async () => {
    const names = (html: string) =>
      [...html.matchAll(/<h2 class="card__title"><a href="\/indicators\/([a-z0-9-]+)">/g)].map((m) => m[1]);
    expect(names((await get('/indicators?q=人均地区')).html)).toEqual(['gdp-per-capita']);
    expect(names((await get('/indicators?q=FOREST')).html)).toEqual(['forest-coverage']);
    expect(names((await get('/indicators?q=GDP&category=经济质效')).html)).toEqual([
      'gdp',
      'gdp-per-capita',
      'services-share-of-gdp',
    ]);
    expect(names((await get('/indicators?attribute=binding')).html)).toHaveLength(6);
    expect(names((await get('/indicators?status=bogus&category=nope')).html)).toHaveLength(31);
    expect((await get('/indicators?q=无此指标')).html).toContain('没有符合条件的项目');
    const projects = await get('/projects?box=19');
    expect([...projects.html.matchAll(/<h2 class="card__title">/g)].length).toBe(
      plan.projects.filter((p) => p.box === 19).length,
    );
  });

  it('shows the filters a list was asked for as chosen, and every other choice as not', async () => {
    const selected = (html: string, name: string) => {
      const select = new RegExp(`<select id="f-${name}" name="${name}">([\\s\\S]*?)</select>`).exec(html)![1]!;
      return [...select.matchAll(/<option value="([^"]*)"( selected="")?>/g)].filter((m) => m[2]).map((m) => m[1]);
    };
    const indicators = (await get('/indicators?category=经济质效&attribute=binding')).html;
    expect(selected(indicators, 'category')).toEqual(['经济质效']);
    expect(selected(indicators, 'attribute')).toEqual(['binding']);
    expect(selected(indicators, 'status')).toEqual([]);
    const projects = (await get('/projects?box=19')).html;
    expect(selected(projects, 'box')).toEqual(['19']);
    expect(selected(projects, 'status')).toEqual([]);
  });

  it('shows a site of one plan without a plan switcher or notice, and lists that plan alone at /plans', async () => {
    // The 14th plan ended in 2025: it is current as the latest public plan, and its pages are also under its id.
    for (const path of ['/', '/indicators/gdp', `/plans/${plan.id}/indicators/gdp`]) {
      const { res, html } = await get(path);
      expect(res.status, path).toBe(200);
      expect(html, path).not.toContain('plan-switch');
      expect(html, path).not.toContain('plan-notice');
    }
    const { html } = await get('/plans');
    expect([...html.matchAll(/data-plan="([^"]+)"/g)].map(([, id]) => id)).toEqual([plan.id]);
    expect(html).toContain('当前规划');
  });

  it('answers an unknown page or target with an HTML 404, and leaves the API its problem documents', async () => {
    for (const path of ['/indicators/no-such', '/projects/no-such', '/indicators/NOT_AN_ID', '/nothing/here']) {
      const { res, html } = await get(path);
      expect(res.status, path).toBe(404);
      expect(html).toContain('没有找到这个页面');
    }
    const api = await app.request('/api/v1/no-such');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers a fault of ours with an HTML error page that is never cached and shows no trace', async () => {
    const broken = testApp(store.current, {
      plans: {
        ...deps.plans,
        snapshot: () => Promise.reject(new Error('secret internals')),
      },
      logger: deps.logger,
    }).app;
    const res = await broken.request('/indicators');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('出了点问题');
    expect(html).not.toContain('secret internals');
    const unloaded = testApp(store.current, {
      plans: { ...deps.plans, snapshot: () => Promise.resolve(null) },
      logger: deps.logger,
    }).app;
    expect((await unloaded.request('/')).status).toBe(503);
  });

  it('serves the hashed bundles itself, cached for a year, and nothing else from that folder', async () => {
    const assets = webAssets(distDir);
    const url = assets.url('charts.js')!;
    const res = await app.request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await app.request(assets.url('main.css')!)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const path of ['/assets/manifest.json', '/assets/..%2Fmanifest.json', '/assets/charts.js'])
      expect((await app.request(path)).status, path).toBe(404);
  });
});

describe('rating and commenting with the plain form', () => {
  it('re-renders the form with messages, what was typed, and no cookie when a level is missing', async () => {
    const res = await app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'gdp', comment: '请公布2024年的数据' }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('请选择一个满意度等级。');
    expect(html).toContain('>请公布2024年的数据</textarea>');
    expect(html).toContain('role="alert"');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('refuses a comment over 2,000 characters with a message, never a 500', async () => {
    const res = await app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'gdp', rating: '3', comment: '长'.repeat(2001) }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('留言最多 2000 字。');
    expect(
      (await app.request('/feedback', form({ targetType: 'indicator', targetId: 'no-such', rating: '3' }))).status,
    ).toBe(404);
    expect((await app.request('/feedback', form({ targetType: 'thing', targetId: 'gdp', rating: '3' }))).status).toBe(
      404,
    );
    expect(
      (await app.request('/feedback', form({ targetType: 'indicator', targetId: 'gdp', rating: '9' }))).status,
    ).toBe(400);
    expect(
      (
        await app.request(
          '/feedback',
          form({ targetType: 'indicator', targetId: 'gdp', rating: '3', comment: 'x'.repeat(70_000) }),
        )
      ).status,
    ).toBe(413);
    expect(
      (
        await app.request(
          '/feedback',
          form({ targetType: 'indicator', targetId: 'gdp', rating: '3' }, { 'Sec-Fetch-Site': 'cross-site' }),
        )
      ).status,
    ).toBe(403);
  });

  it('records a rating, issues the voter cookie as the API does, and redirects back with what was recorded', async () => {
    const res = await app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'forest-coverage', rating: '4', comment: '绿化很好' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/indicators/forest-coverage?done=recorded&pending=1#feedback');
    expect(res.headers.get('set-cookie')).toMatch(
      /^gp_voter=v1\.[\w-]+\.[\w-]+; Max-Age=34560000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(res.headers.get('x-voter-token')).toBe(voterCookie(res));
    const cookie = `gp_voter=${voterCookie(res)}`;

    // The page after the redirect: the confirmation, the voter's own rating, and never a shared cache.
    const after = await get('/indicators/forest-coverage?done=recorded&pending=1', { Cookie: cookie });
    expect(after.res.headers.get('cache-control')).toBe('private, no-store');
    expect(after.html).toContain('您的评价已计入。');
    expect(after.html).toContain('您的留言已收到，审核后公开。');
    expect(after.html).toContain('您2026年的评价：满意');
    expect(after.html).toContain('<span class="pill">待审核</span>');
    expect(after.html).toMatch(/<input type="radio" name="rating" id="rating-4" value="4" checked=""/);
    expect(after.html).toContain('修改我的评价');

    // The same cookie is the API's voter: one voter, whichever way they rated.
    const mine = (await (await app.request('/api/v1/me/feedback', { headers: { Cookie: cookie } })).json()) as {
      items: Array<{ targetId: string; rating: number }>;
    };
    expect(mine.items).toMatchObject([{ targetId: 'forest-coverage', rating: 4 }]);

    // Changing it replaces this year's rating and says so.
    const again = await app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'forest-coverage', rating: '2' }, { Cookie: cookie }),
    );
    expect(again.headers.get('location')).toBe('/indicators/forest-coverage?done=replaced#feedback');
    expect(again.headers.get('set-cookie')).toBeNull();
    const changed = await get('/indicators/forest-coverage?done=replaced', { Cookie: cookie });
    expect(changed.html).toContain('您的评价已更新');
    expect(changed.html).toContain('您2026年的评价：不满意');

    // A shared confirmation link shows nothing to someone else (who gets a voter cookie of their own).
    const stranger = await get('/indicators/forest-coverage?done=recorded&pending=1');
    expect(stranger.html).toContain('<div id="feedback-status" class="notice" role="status" hidden=""></div>');
    expect(stranger.html).toContain('<div id="yours" class="yours" hidden="">');
    expect(voterCookie(stranger.res)).not.toBe(voterCookie(res));
    expect(stranger.res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('gives a browser its voter cookie with the page that shows the form, before its first rating', async () => {
    const page = await get('/indicators/green-coverage');
    expect(page.res.status).toBe(200);
    expect(page.res.headers.get('set-cookie')).toMatch(
      /^gp_voter=v1\.[\w-]+\.[\w-]+; Max-Age=34560000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    // For the browser only: no token in a header that a script could read.
    expect(page.res.headers.get('x-voter-token')).toBeNull();
    // An answer that sets a cookie is never kept in a shared cache, or every reader would get this voter.
    expect(page.res.headers.get('cache-control')).toBe('private, no-store');
    const token = voterCookie(page.res)!;
    const voterId = deps.voterTokens.verify(token);
    expect(voterId).not.toBeNull();
    const cookie = `gp_voter=${token}`;

    // The form posts as that voter: nothing new is issued.
    const posted = await app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'green-coverage', rating: '4' }, { Cookie: cookie }),
    );
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/indicators/green-coverage?done=recorded#feedback');
    expect(posted.headers.get('set-cookie')).toBeNull();
    expect(posted.headers.get('x-voter-token')).toBeNull();

    // Its answer lost, the browser sends the form again: the same voter, whose rating replaces itself.
    const retried = await app.request(
      '/feedback',
      form({ targetType: 'indicator', targetId: 'green-coverage', rating: '4' }, { Cookie: cookie }),
    );
    expect(retried.headers.get('location')).toBe('/indicators/green-coverage?done=replaced#feedback');
    expect(retried.headers.get('set-cookie')).toBeNull();
    const mine = (await (await app.request('/api/v1/me/feedback', { headers: { Cookie: cookie } })).json()) as {
      items: Array<{ targetId: string; revisions: number }>;
    };
    expect(mine.items).toMatchObject([{ targetId: 'green-coverage', revisions: 2 }]);
    const recorded = await deps.feedback.ballotsOf(voterId!, plan.id, {
      targetType: 'indicator',
      targetId: 'green-coverage',
    });
    expect(recorded).toHaveLength(1);

    // The page's script posts to the API with the same cookie: nothing new either.
    const scripted = await app.request('/api/v1/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: 'http://localhost' },
      body: JSON.stringify({ targetType: 'project', targetId: plan.projects[5]!.id, rating: 3 }),
    });
    expect(scripted.status).toBe(201);
    expect(scripted.headers.get('set-cookie')).toBeNull();
    expect(scripted.headers.get('x-voter-token')).toBeNull();

    // A browser that has its cookie keeps it; a forged one is replaced; pages without the form set none.
    expect((await get('/indicators/green-coverage', { Cookie: cookie })).res.headers.get('set-cookie')).toBeNull();
    expect(
      voterCookie((await get(`/projects/${plan.projects[5]!.id}`, { Cookie: 'gp_voter=v1.forged.forged' })).res),
    ).toMatch(/^v1\./);
    for (const path of ['/', '/indicators', '/projects', '/method', '/indicators/no-such']) {
      expect((await get(path)).res.headers.get('set-cookie'), path).toBeNull();
    }
  });

  it('rates a project the same way', async () => {
    const project = plan.projects[3]!;
    const res = await app.request('/feedback', form({ targetType: 'project', targetId: project.id, rating: '5' }));
    expect(res.headers.get('location')).toBe(`/projects/${project.id}?done=recorded#feedback`);
  });
});

describe('published verdicts on the pages', () => {
  beforeAll(async () => {
    // Ten voters each on two indicators: enough to rank. The aggregation publishes; pages only read.
    for (let i = 0; i < 10; i++) {
      for (const [targetId, rating] of [
        ['pm25-concentration', 1 + (i % 2)],
        ['gdp', 4 + (i % 2)],
      ] as const) {
        const res = await app.request(
          '/api/v1/feedback',
          json({ targetType: 'indicator', targetId, rating }, { 'X-Voter-Token': deps.voterTokens.issue().token }),
        );
        expect(res.status).toBe(201);
      }
    }
    await aggregationJob(store.current, { minRatings: 10, settleSeconds: 0, maxBatch: 1000 })();
  });

  it('shows a target summary: 满意率 with its interval, sample size, the five levels as chart data and a table', async () => {
    const { html } = await get('/indicators/gdp');
    expect(html).toContain('10 条评价');
    expect(html).toMatch(/100\.0%（95% 置信区间 72\.2%–100\.0%）/); // Wilson, 10 of 10
    const data = JSON.parse(
      /<script type="application\/json" id="ratings-chart-data">([\s\S]*?)<\/script>/.exec(html)![1]!,
    ) as { labels: string[]; counts: number[] };
    expect(data.labels).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(data.counts).toEqual([5, 5, 0, 0, 0]);
    expect(html).toMatch(/<th scope="row">非常满意<\/th><td>5<\/td><td>50\.0%<\/td>/);
    expect(html).toContain('排名');
  });

  it('flags a target with fewer ratings than the minimum as too few to rank', async () => {
    const { html } = await get('/indicators/forest-coverage');
    expect(html).toContain('1 条评价');
    expect(html).toContain('评价少于 10 条，不参与排名。');
  });

  it('lists the least satisfied targets on the home page, only those with enough ratings', async () => {
    const { html } = await get('/');
    const least = /<ol class="least">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
    expect([...least.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1])).toEqual([
      '/indicators/pm25-concentration',
      '/indicators/gdp',
    ]);
    expect(html).not.toMatch(/<ol class="least">[\s\S]*forest-coverage/);
    expect(html).toMatch(/总体满意度[\s\S]*?\d+ 条评价/);
  });

  it('shows published comments, newest first, with official replies when a comment carries them', async () => {
    const t = messages('zh-CN');
    const html = String(
      await Comments({
        ctx: { lang: 'zh-CN', t, elder: false, path: '/', assets: webAssets(distDir) },
        basePath: '/indicators/gdp',
        comments: {
          items: [
            {
              feedbackId: 'f1',
              planId: 'licheng-14th',
              targetType: 'indicator',
              targetId: 'gdp',
              rating: 2,
              comment: '数据太旧\n请更新',
              recordedAt: '2026-06-01T00:00:00.000Z',
              publishedAt: '2026-06-02T00:00:00.000Z',
              replies: [
                { text: '2025年数据将于7月公布。', publishedAt: '2026-06-03T00:00:00.000Z', department: '区统计局' },
              ],
            },
            {
              feedbackId: 'f2',
              planId: 'licheng-14th',
              targetType: 'indicator',
              targetId: 'gdp',
              rating: 5,
              comment: '很好',
              recordedAt: '2026-05-01T00:00:00.000Z',
              publishedAt: '2026-05-02T00:00:00.000Z',
            },
          ],
          nextCursor: 'abc',
        },
      }),
    );
    expect(html).toContain('评价：不满意');
    expect(html).toContain('数据太旧\n请更新');
    expect(html).toContain('官方回复');
    expect(html).toContain('区统计局');
    expect(html).toContain('2025年数据将于7月公布。');
    expect(html.match(/官方回复/g)).toHaveLength(1);
    expect(html).toContain('href="/indicators/gdp?comments=abc#comments"');
  });

  it('marks what citizens and departments wrote in Chinese as Chinese on an English page, and leaves English words alone', async () => {
    const html = String(
      await Comments({
        ctx: { lang: 'en', t: messages('en'), elder: false, path: '/', assets: webAssets(distDir) },
        basePath: '/indicators/gdp',
        comments: {
          items: [
            {
              feedbackId: 'f1',
              planId: 'licheng-14th',
              targetType: 'indicator',
              targetId: 'gdp',
              rating: 2,
              comment: 'GDP 数据太旧',
              recordedAt: '2026-06-01T00:00:00.000Z',
              publishedAt: '2026-06-02T00:00:00.000Z',
              replies: [{ text: '将于7月公布', publishedAt: '2026-06-03T00:00:00.000Z', department: '区统计局' }],
            },
          ],
          nextCursor: null,
        },
      }),
    );
    expect(html).toContain('GDP <span lang="zh-CN">数据太旧</span>');
    expect(html).toContain('<span lang="zh-CN">将于</span>7<span lang="zh-CN">月公布</span>');
    expect(html).toContain('<span lang="zh-CN">区统计局</span>');
  });
});
