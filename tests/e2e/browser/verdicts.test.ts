/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, HAVE_CHROMIUM, seriousViolations, useServerAndChromium } from './chromium.js';
import { aggregate, staffToken } from './server.js';

/**
 * The two verdicts' page in a real browser against `npm start`: official values published through
 * the publisher API, ratings through the citizen API, one `npm run aggregate`, then the page with
 * and without JavaScript, on a phone and a desktop, checked by axe. Screenshots go to /tmp.
 */

const env = useServerAndChromium('verdicts');

const PHONE_375 = { width: 375, height: 812 };

/** 2023 values: gdp and gdp-per-capita on track, tourism-revenue and tourist-visits behind. */
const VALUES: Array<[string, number]> = [
  ['gdp', 560],
  ['gdp-per-capita', 14],
  ['tourism-revenue', 80],
  ['tourist-visits', 560],
];
/** Ratings that put one indicator in each region: [id, how many, level]. */
const RATINGS: Array<[string, number, number]> = [
  ['gdp', 15, 1],
  ['gdp-per-capita', 15, 5],
  ['tourism-revenue', 15, 5],
  ['tourist-visits', 15, 2],
  ['forest-coverage', 3, 4],
];

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  const publisher = {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${await staffToken(env.dataDir, 'publisher')}`,
  };
  for (const [id, value] of VALUES) {
    const res = await fetch(`${env.server.base}/api/v1/publisher/indicators/${id}/observations`, {
      method: 'POST',
      headers: publisher,
      body: JSON.stringify({ year: 2023, value, source: 'test' }),
    });
    expect(res.status, id).toBe(201);
  }
  for (const [targetId, count, rating] of RATINGS) {
    for (let i = 0; i < count; i++) {
      // No voter token: each answer issues a new voter, as for a new browser.
      const res = await fetch(`${env.server.base}/api/v1/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ targetType: 'indicator', targetId, rating }),
      });
      expect(res.status).toBe(201);
    }
  }
  await aggregate(env.dataDir);
}, 120_000);

describe.skipIf(!HAVE_CHROMIUM)('the two verdicts’ page in headless Chromium', () => {
  it('shows the chart and the table with JavaScript, and a point of the chart leads to its indicator', async () => {
    const { context, page, problems } = await env.newContext({ viewport: DESKTOP });
    await page.goto(`${env.server.base}/verdicts`);
    expect(await page.locator('h1').innerText()).toBe('官方进展与群众满意度对照');
    const rowOf = (id: string) => page.locator(`tr[data-target="indicator:${id}"] td`).last().innerText();
    expect(await rowOf('gdp')).toBe('纸面进展');
    expect(await rowOf('tourism-revenue')).toBe('默默见效');
    expect(await rowOf('gdp-per-capita')).toBe('一致：进展良好');
    expect(await rowOf('tourist-visits')).toBe('一致：进展不足');
    expect(await rowOf('forest-coverage')).toBe('待定 — 官方进展无法评估');
    // Disagreements first.
    expect(await page.locator('tbody tr').first().getAttribute('data-target')).toBe('indicator:gdp');
    expect(await page.locator('svg.verdict-chart__svg a').count()).toBe(5);
    expect(await page.locator('svg .verdict-chart__region').count()).toBe(4);
    await page.screenshot({ path: '/tmp/verdicts-1280.png', fullPage: true });
    await page.locator('.verdict-chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/verdicts-1280-chart.png' });
    await page.locator('svg.verdict-chart__svg a[href="/indicators/gdp"]').click();
    await page.waitForURL(/\/indicators\/gdp$/);
    expect(await page.locator('.verdict-line').innerText()).toContain('纸面进展');
    expect(await page.locator('.verdict-trend svg').count()).toBe(2);
    await page.locator('.verdict-trend').screenshot({ path: '/tmp/verdicts-trend-1280.png' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works without JavaScript on a phone: the filter is a form, the table and the chart are in the page', async () => {
    const { context, page, problems } = await env.newContext({
      javaScriptEnabled: false,
      viewport: PHONE_375,
      locale: 'en',
    });
    await page.goto(`${env.server.base}/plans/licheng-14th/verdicts`);
    expect(await page.locator('h1').innerText()).toBe('Official progress and citizens’ satisfaction, side by side');
    await page.selectOption('#f-category', '经济质效');
    await page.locator('.filters--verdicts button[type="submit"]').click();
    await page.waitForURL(/category=/);
    const targets = await page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-target')));
    expect(targets.slice(0, 2)).toEqual(['indicator:gdp', 'indicator:gdp-per-capita']);
    expect(targets).not.toContain('indicator:tourism-revenue');
    expect(await page.locator('svg.verdict-chart__svg a').count()).toBe(2);
    // The page is no wider than the phone: the chart scrolls inside its own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: '/tmp/verdicts-375.png', fullPage: true });
    await page.screenshot({ path: '/tmp/verdicts-375-top.png' });
    await page.locator('.verdict-chart').screenshot({ path: '/tmp/verdicts-375-chart.png' });
    await page.goto(`${env.server.base}/verdicts?period=2025`);
    await page.screenshot({ path: '/tmp/verdicts-375-2025.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('has no serious accessibility violations (axe), in both languages', async () => {
    for (const locale of ['zh-CN', 'en']) {
      const { context, page } = await env.newContext({ bypassCSP: true, locale });
      await page.goto(`${env.server.base}/verdicts`);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
