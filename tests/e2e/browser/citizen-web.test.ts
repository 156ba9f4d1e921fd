/// <reference lib="dom" />
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FEEDBACK_ID } from '../../helpers/api.js';
import { loadPlan as readPlanFile } from '../../../shared/plan/load.js';
import { ARTIFACTS, DESKTOP, HAVE_CHROMIUM, PHONE, seriousViolations, useServerAndChromium } from './chromium.js';
import { aggregate, staffToken } from './server.js';

/**
 * The citizen pages in a real browser: Debian's Chromium, headless, driven by playwright-core,
 * against `npm start` on a fresh data folder. One browser and one server for the whole file.
 */

const plan = readPlanFile();
const PROJECT = plan.projects.find((p) => p.goals.length > 0)!;

/** Every kind of page, by a short name for its screenshot. */
const PAGES: Array<[string, string]> = [
  ['home', '/'],
  ['indicators', '/indicators'],
  ['indicators-filtered', '/indicators?category=%E7%94%9F%E6%80%81%E6%96%87%E6%98%8E&q=%E7%8E%87'],
  ['indicator-gdp', '/indicators/gdp'],
  ['indicator-fixed-asset', '/indicators/fixed-asset-investment-growth'],
  ['projects', '/projects'],
  ['project', `/projects/${PROJECT.id}`],
  ['method', '/method'],
  ['mine', '/me'],
  ['not-found', '/no-such-page'],
  ['plans', '/plans'],
  ['indicator-scoped', `/plans/${plan.id}/indicators/gdp`],
];

/** Whether a canvas holds any drawn pixel: Chart.js ran and drew, under the CSP. */
const env = useServerAndChromium('browser');
const { newContext } = env;

const drawn = (page: Page, selector: string) =>
  page.locator(selector).evaluate((canvas: HTMLCanvasElement) => {
    if (canvas.width === 0 || canvas.height === 0) return false;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) return true;
    return false;
  });

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describe.skipIf(!HAVE_CHROMIUM)('the citizen pages in headless Chromium', () => {
  it('browses home → an indicator, rates and comments in place with JavaScript, and finds the rating counted after an aggregation', async () => {
    const { context, page, problems } = await newContext();
    await page.goto(`${env.server.base}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await text(page, 'h1')).toBe(plan.titleZh);
    await page.getByRole('navigation').getByRole('link', { name: '指标', exact: true }).click();
    await page.waitForURL(/\/indicators$/);
    await page.locator('a[href="/indicators/gdp"]').click();
    await page.waitForURL(/\/indicators\/gdp$/);
    expect(await text(page, 'h1')).toBe('地区生产总值');
    expect(await drawn(page, 'canvas[data-chart="indicator-chart-data"]')).toBe(true);

    await page.locator('label[for="rating-4"]').click();
    await page.locator('#comment').fill('希望公布2024年的数据');
    await page.locator('#feedback-submit').click();
    await page.locator('#feedback-status:not([hidden])').waitFor();
    const status = await text(page, '#feedback-status');
    expect(status).toContain('您的评价已计入');
    expect(status).toContain('您的留言已收到，审核后公开');
    expect(page.url()).toBe(`${env.server.base}/indicators/gdp`); // submitted in place, no page load
    expect(await text(page, '#yours-current')).toMatch(/^您\d{4}年的评价：满意$/);
    expect(await text(page, '#feedback-submit')).toBe('修改我的评价');

    await aggregate(env.dataDir);
    await page.reload();
    expect(await text(page, '#ratings')).toContain('1 条评价');
    expect(await text(page, '#ratings')).toContain('评价少于 10 条，不参与排名');
    expect(await drawn(page, 'canvas[data-chart="ratings-chart-data"]')).toBe(true);
    expect(await page.locator('#rating-4').isChecked()).toBe(true);
    expect(await text(page, '#yours')).toContain('待审核');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('lists the plans, and keeps a reader who chose one inside it, down to rating in place through its own API', async () => {
    const { context, page, problems } = await newContext();
    await page.goto(`${env.server.base}/plans`);
    expect(await text(page, 'h1')).toBe('全部规划');
    expect(await text(page, `[data-plan="${plan.id}"]`)).toContain('当前规划');
    await page.locator(`[data-plan="${plan.id}"] h2 a`).click();
    await page.waitForURL(new RegExp(`/plans/${plan.id}$`));
    expect(await text(page, 'h1')).toBe(plan.titleZh);
    await page.getByRole('navigation').getByRole('link', { name: '指标', exact: true }).click();
    await page.waitForURL(new RegExp(`/plans/${plan.id}/indicators$`));
    await page.locator(`a[href="/plans/${plan.id}/indicators/pm25-concentration"]`).click();
    await page.waitForURL(new RegExp(`/plans/${plan.id}/indicators/pm25-concentration$`));
    expect(await drawn(page, 'canvas[data-chart="indicator-chart-data"]')).toBe(true);

    const posted = page.waitForRequest((request) => request.method() === 'POST');
    await page.locator('label[for="rating-5"]').click();
    await page.locator('#feedback-submit').click();
    expect((await posted).url()).toBe(`${env.server.base}/api/v1/plans/${plan.id}/feedback`);
    await page.locator('#feedback-status:not([hidden])').waitFor();
    expect(await text(page, '#feedback-status')).toContain('您的评价已计入');
    expect(page.url()).toBe(`${env.server.base}/plans/${plan.id}/indicators/pm25-concentration`);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('does the same with JavaScript disabled: the plain form posts, redirects and confirms, and mistakes come back with messages', async () => {
    const { context, page } = await newContext({ javaScriptEnabled: false });
    await page.goto(`${env.server.base}/`);
    await page.getByRole('navigation').getByRole('link', { name: '指标', exact: true }).click();
    await page.locator('a[href="/indicators/forest-coverage"]').click();
    await page.waitForURL(/\/indicators\/forest-coverage$/);
    expect(await page.locator('.chart').first().isHidden()).toBe(true); // no empty chart box without the script…
    expect(await page.locator('table.data-table').first().isVisible()).toBe(true); // …the table says it all

    await page.locator('#comment').fill('忘了选等级');
    await page.locator('#feedback-submit').click();
    await page.waitForLoadState();
    expect(await text(page, '#error-summary')).toContain('请选择一个满意度等级');
    expect(await page.locator('#comment').inputValue()).toBe('忘了选等级');

    await page.locator('label[for="rating-2"]').click();
    await page.locator('#feedback-submit').click();
    // A 不满意 with a comment is a 差评: it opens a follow-up case, named on the way back.
    await page.waitForURL(
      new RegExp(`/indicators/forest-coverage\\?done=recorded&pending=1&case=${FEEDBACK_ID}#feedback$`),
    );
    expect(await text(page, '#feedback-status')).toContain('您的评价已计入');
    expect(await text(page, '#feedback-status')).toContain('审核后公开');
    expect(await text(page, '#feedback-status')).toContain('已立案办理');
    expect(await text(page, '#yours-current')).toMatch(/^您\d{4}年的评价：不满意$/);

    // Changing it: the same form, the rating replaced.
    await page.locator('label[for="rating-3"]').click();
    await page.locator('#feedback-submit').click();
    await page.waitForURL(/done=replaced/);
    expect(await text(page, '#feedback-status')).toContain('您的评价已更新');

    await aggregate(env.dataDir);
    await page.goto(`${env.server.base}/indicators/forest-coverage`);
    expect(await text(page, '#ratings')).toContain('1 条评价');
    expect(await text(page, '#ratings')).toMatch(/基本满意\s+1/);
    await context.close();
  }, 90_000);

  it('switches the language with one button, keeps the choice, and sets <html lang>', async () => {
    const { context, page } = await newContext();
    await page.goto(`${env.server.base}/indicators/gdp`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(/\/indicators\/gdp$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await text(page, 'h1')).toBe('Gross domestic product (GDP)');
    expect(await page.locator('label[for="rating-5"]').innerText()).toBe('Very satisfied');
    await page.getByRole('navigation').getByRole('link', { name: 'Method' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await text(page, 'h1')).toBe('How the numbers are computed');
    await page.getByRole('button', { name: '中文' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await text(page, 'h1')).toBe('计算方法');
    await context.close();

    // A browser that prefers English gets English from the start.
    const english = await newContext({ locale: 'en-US' });
    await english.page.goto(`${env.server.base}/`);
    expect(await english.page.locator('html').getAttribute('lang')).toBe('en');
    // English text is drawn in a Latin face: a CJK face would make the apostrophe of "citizens’" a full-width gap.
    const widths = await english.page.locator('main').evaluate((main) => {
      const measure = (chars: string) => {
        const span = main.appendChild(document.createElement('span'));
        span.textContent = chars;
        const width = span.getBoundingClientRect().width;
        span.remove();
        return width;
      };
      return { apostrophe: measure('’'), ideograph: measure('中') };
    });
    expect(widths.apostrophe).toBeLessThan(widths.ideograph / 2);
    await english.context.close();
  }, 60_000);

  it('turns on the elder-friendly mode with one switch (larger type), keeps it, and turns it off', async () => {
    const { context, page } = await newContext();
    await page.goto(`${env.server.base}/indicators`);
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const before = await size();
    await page.getByRole('button', { name: '大字模式' }).click();
    await page.waitForURL(/\/indicators$/);
    expect(await page.locator('html').getAttribute('class')).toBe('elder');
    expect(await size()).toBeGreaterThanOrEqual(before * 1.2);
    expect(await page.getByRole('button', { name: '大字模式' }).getAttribute('aria-pressed')).toBe('true');
    await page.locator('a[href="/indicators/gdp"]').click();
    expect(await page.locator('html').getAttribute('class')).toBe('elder');
    await page.getByRole('button', { name: '大字模式' }).click();
    expect(await page.locator('html').getAttribute('class')).toBeNull();
    expect(await size()).toBe(before);
    await context.close();
  }, 60_000);

  it('fits a 360 px phone (and a 320 px one) without sideways scrolling, and rates a project by touch', async () => {
    const { context, page, problems } = await newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    for (const width of [360, 320]) {
      await page.setViewportSize({ width, height: PHONE.height });
      for (const [name, path] of PAGES) {
        await page.goto(`${env.server.base}${path}`);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${name} at ${width} px`).toBe(0);
      }
    }
    await page.setViewportSize(PHONE);
    await page.goto(`${env.server.base}/projects/${PROJECT.id}`);
    await page.locator('label[for="rating-5"]').tap();
    await page.locator('#feedback-submit').tap();
    await page.locator('#feedback-status:not([hidden])').waitFor();
    expect(await text(page, '#feedback-status')).toContain('您的评价已计入');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('runs every page under the strict CSP without a violation or a script error, and draws the charts', async () => {
    const { context, page, problems } = await newContext();
    for (const [, path] of PAGES) {
      // goto waits for the load event, which follows the module scripts (they run before DOMContentLoaded).
      const response = await page.goto(`${env.server.base}${path}`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    }
    await page.goto(`${env.server.base}/indicators/fixed-asset-investment-growth`);
    expect(await drawn(page, 'canvas[data-chart="indicator-chart-data"]')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('shows hostile comments, replies and department names as inert text: no script runs, no dialog opens', async () => {
    const payloads = [
      '<script>window.__xss = "script"</script>',
      '"><img src=x onerror="window.__xss = \'img\'">',
      '</textarea><svg onload="window.__xss = \'svg\'"></svg>',
      '<iframe srcdoc="<script>parent.__xss = 1</script>"></iframe>',
      '</script><script>window.__xss = "json"</script><!--',
      'javascript:alert(1)',
    ];
    const comment = payloads.join(' ');
    const posted = await fetch(`${env.server.base}/api/v1/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // 基本满意: no 差评 case, so the comment takes an official reply of its own, with a department typed freely.
      body: JSON.stringify({ targetType: 'indicator', targetId: 'tourism-revenue', rating: 3, comment }),
    });
    expect(posted.status).toBe(201);
    const { feedbackId } = (await posted.json()) as { feedbackId: string };
    const token = await staffToken(env.dataDir, 'monitor');
    const staff = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
    const published = await fetch(`${env.server.base}/api/v1/monitor/comments/${feedbackId}/moderation`, {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({ action: 'publish' }),
    });
    expect(published.status).toBe(200);
    const replied = await fetch(`${env.server.base}/api/v1/monitor/comments/${feedbackId}/replies`, {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({
        department: '<b onmouseover="window.__xss = 1">区统计局</b>',
        text: payloads.slice().reverse().join(' '),
      }),
    });
    expect(replied.status).toBe(201);

    const { context, page, problems } = await newContext();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(`${env.server.base}/indicators/tourism-revenue`);
    await page.mouse.move(10, 10);
    const shown = await page.locator('main').innerText();
    for (const payload of payloads) expect(shown).toContain(payload);
    expect(shown).toContain('<b onmouseover="window.__xss = 1">区统计局</b>');
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('main iframe, main svg, main img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('has no serious or critical accessibility violations (axe-core) on any page, in either language and mode', async () => {
    // axe is injected as a script of its own, which the CSP would refuse: this context alone bypasses it.
    const variants: Array<[string, BrowserContextOptions, string[]]> = [
      ['zh', { locale: 'zh-CN' }, []],
      ['en', { locale: 'en-US' }, []],
      ['elder', { locale: 'zh-CN' }, ['elder=on']],
    ];
    const found: string[] = [];
    for (const [variant, options, cookies] of variants) {
      const context = await env.browser.newContext({ ...options, viewport: DESKTOP, bypassCSP: true });
      if (cookies.length > 0) {
        await context.addCookies(
          cookies.map((cookie) => {
            const [name, value] = cookie.split('=') as [string, string];
            return { name, value, url: env.server.base };
          }),
        );
      }
      const page = await context.newPage();
      for (const [name, path] of variant === 'zh'
        ? PAGES
        : PAGES.filter(([n]) => ['home', 'indicator-gdp', 'project'].includes(n))) {
        await page.goto(`${env.server.base}${path}`);
        for (const violation of await seriousViolations(page)) found.push(`${variant} ${name}: ${violation}`);
      }
      await context.close();
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('saves a screenshot of every page on a desktop and on a phone', async () => {
    for (const [device, options] of [
      ['desktop', { viewport: DESKTOP }],
      ['phone', { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 }],
    ] as const) {
      const { context, page } = await newContext(options);
      for (const [name, path] of PAGES) {
        await page.goto(`${env.server.base}${path}`);
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${device}.png`), fullPage: true });
      }
      // The same indicator in English and in the elder-friendly mode.
      await context.addCookies([{ name: 'lang', value: 'en', url: env.server.base }]);
      await page.goto(`${env.server.base}/indicators/gdp`);
      await page.screenshot({ path: join(ARTIFACTS, `indicator-gdp-en-${device}.png`), fullPage: true });
      await context.addCookies([
        { name: 'lang', value: 'zh-CN', url: env.server.base },
        { name: 'elder', value: 'on', url: env.server.base },
      ]);
      await page.goto(`${env.server.base}/indicators/gdp`);
      await page.screenshot({ path: join(ARTIFACTS, `indicator-gdp-elder-${device}.png`), fullPage: true });
      await context.close();
    }
    for (const [name] of PAGES) {
      for (const device of ['desktop', 'phone'])
        expect((await stat(join(ARTIFACTS, `${name}-${device}.png`))).size).toBeGreaterThan(1000);
    }
  }, 120_000);
});
