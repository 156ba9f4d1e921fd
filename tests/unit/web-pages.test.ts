import { describe, expect, it } from 'vitest';
import { historyRowName, indicatorChart, type IndicatorChartData } from '../../web/citizen/chart-data.js';
import { indicatorDetailView } from '../../shared/plan/views.js';
import { messages } from '../../web/i18n.js';
import { webAssets } from '../../web/assets.js';
import { PAGE_CSP } from '../../web/citizen/routes.js';
import { PUBLIC_CACHE_CONTROL } from '../../shared/http/caching.js';
import { testApp } from '../helpers/api.js';
import { citizenPagePaths } from '../helpers/page-paths.js';
import { NOW, useCitizenPages } from '../helpers/web-pages.js';
import { LocalConfig, parseConfig } from '../../shared/config.js';
import type { Project } from '../../shared/plan/schema.js';

/**
 * The citizen pages through app.request(), as a browser without JavaScript gets them: complete
 * HTML, no inline script or style, the right language and headers.
 */
const env = useCitizenPages();
const { get, form, store, plan } = env;

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

const PAGES = citizenPagePaths(plan);

describe('pages without JavaScript', () => {
  it('answers every page as complete HTML under the strict CSP: no inline script, no inline style', async () => {
    for (const path of PAGES) {
      const { res, html } = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
      // An indicator or project page gives a browser without one its voter cookie, so it is never shared.
      const withForm = /^\/(indicators|projects)\/./.test(path);
      expect(res.headers.get('cache-control')).toBe(withForm ? 'private, no-store' : PUBLIC_CACHE_CONTROL);
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

  it('says amounts in 亿元 the English way on English pages, every printed digit kept', async () => {
    const { html } = await get('/indicators/gdp', { Cookie: 'lang=en' });
    expect(html).toContain('<dt>Baseline (2020)</dt><dd>43.808 billion yuan</dd>');
    expect(html).toContain('<dt>Target (2025)</dt><dd>65 billion yuan</dd>');
    expect(html).not.toMatch(/\d 100 million yuan/);
    const zh = await get('/indicators/gdp');
    expect(zh.html).toContain('438.08 亿元');
  });

  it('shows a project nobody has reported on as "—" (not known), and a reported one with its bar and percentage', async () => {
    const [unreported, reported] = plan.projects as [Project, Project, ...Project[]];
    await env.deps.progress.append(
      plan.id,
      {
        projectId: reported.id,
        status: 'in_progress',
        progress: 40,
        note: 'reported',
        reason: 'first report',
        recordedBy: 'test',
      },
      new Date(NOW),
    );
    const before = await get(`/projects/${unreported.id}`);
    expect(before.html).toContain('<span title="尚无进度报告">—</span>');
    expect(before.html).not.toContain('<meter');
    await new Promise((resolve) => setTimeout(resolve, 1000 * parseConfig(LocalConfig, {}).STALENESS_WINDOW_SECONDS));
    const after = await get(`/projects/${reported.id}`);
    expect(after.html).toMatch(/<meter min="0" max="100" value="40"[^>]*>40%<\/meter> 40%/);
  });

  it('names the previous plan’s series by its English name on English pages', async () => {
    const { html } = await get('/indicators/gdp', { Cookie: 'lang=en' });
    expect(html).toContain('Previous plan’s actual: Gross domestic product (GDP)');
    expect(html).toContain('In the previous plan (Gross domestic product (GDP)): 26.599 billion yuan (2015)');
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
    const res = await env.app.request(
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
    const res = await env.app.request(
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
    const blind = await (await env.app.request('/feedback', form({ targetType: 'indicator', targetId: 'gdp' }))).text();
    expect(blind).toContain('name="back" value="/"');
  });

  it('switches the language with a form, and sends the browser back to this site only', async () => {
    const res = await env.app.request('/settings', form({ lang: 'en', back: '/method' }));
    expect(res.headers.get('location')).toBe('/method');
    expect(res.headers.get('set-cookie')).toMatch(/^lang=en;/);
    for (const back of [
      '//evil.example/',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      '/x\r\nSet-Cookie: a=b',
    ]) {
      expect((await env.app.request('/settings', form({ lang: 'en', back }))).headers.get('location'), back).toBe('/');
    }
    expect((await env.app.request('/settings', form({ lang: 'fr', back: '/' }))).headers.get('set-cookie')).toBeNull();
    expect(
      (await env.app.request('/settings', form({ lang: 'en', back: '/' }, { 'Sec-Fetch-Site': 'cross-site' }))).status,
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
    const api = await env.app.request('/api/v1/no-such');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers a fault of ours with an HTML error page that is never cached and shows no trace', async () => {
    const broken = testApp(store.current, {
      plans: {
        ...env.deps.plans,
        snapshot: () => Promise.reject(new Error('secret internals')),
      },
      logger: env.deps.logger,
    }).app;
    const res = await broken.request('/indicators');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('出了点问题');
    expect(html).not.toContain('secret internals');
    const unloaded = testApp(store.current, {
      plans: { ...env.deps.plans, snapshot: () => Promise.resolve(null) },
      logger: env.deps.logger,
    }).app;
    expect((await unloaded.request('/')).status).toBe(503);
  });

  it('serves the hashed bundles itself, cached for a year, and nothing else from that folder', async () => {
    const assets = webAssets(env.distDir());
    const url = assets.url('charts.js')!;
    const res = await env.app.request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await env.app.request(assets.url('main.css')!)).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    for (const path of ['/assets/manifest.json', '/assets/..%2Fmanifest.json', '/assets/charts.js'])
      expect((await env.app.request(path)).status, path).toBe(404);
  });
});
