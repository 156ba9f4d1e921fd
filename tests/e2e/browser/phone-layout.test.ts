/// <reference lib="dom" />
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, HAVE_CHROMIUM, seriousViolations, useServerAndChromium } from './chromium.js';
import { aggregate, staffToken } from './server.js';

/**
 * The citizen pages on small phones (320 and 375 px wide) in headless Chromium against `npm start`:
 * in Chinese and English, normal and large text, with and without JavaScript. The header stays
 * compact, the page never scrolls sideways (a wide table scrolls in its own container instead),
 * no table cell is squeezed to a character or two per line, and axe finds nothing serious.
 * Screenshots of each page are kept in tests/e2e/browser/artifacts/.
 */

const env = useServerAndChromium('phone');

/** The most a phone's header may take: the first screen (about 640 px) is for the page's content. */
const HEADER_MAX = 120;
/** About three characters at the page's type size: a cell narrower than this wraps a word per letter. */
const CELL_MIN_EM = 3;

const PROJECT = 'b05-innovation-entity-cultivation';
const PAGES: Array<[string, string]> = [
  ['home', '/'],
  ['indicators', '/indicators'],
  ['indicator-revised', '/indicators/gdp'],
  ['project-timeline', `/projects/${PROJECT}`],
  ['mine', '/me'],
  ['evaluation', '/evaluation'],
  ['verdicts', '/verdicts'],
  ['open-data', '/open-data'],
];

const VARIANTS: Array<[string, { lang: 'zh-CN' | 'en'; elder: boolean }]> = [
  ['zh', { lang: 'zh-CN', elder: false }],
  ['en', { lang: 'en', elder: false }],
  ['zh-large', { lang: 'zh-CN', elder: true }],
  ['en-large', { lang: 'en', elder: true }],
];

let voterToken = '';

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  const publisher = {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${await staffToken(env.dataDir, 'publisher')}`,
  };
  const post = async (path: string, body: object, headers: Record<string, string> = publisher) => {
    const res = await fetch(`${env.server.base}/api/v1${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    expect(res.status, `${path} ${await res.clone().text()}`).toBeLessThan(300);
    return res;
  };
  // A value and its correction: the indicator's page shows a revision table.
  await post('/publisher/indicators/gdp/observations', { year: 2023, value: 560, source: '区统计局' });
  await post('/publisher/indicators/gdp/observations', {
    year: 2023,
    value: 565.4,
    source: '区统计局年报',
    note: 'Corrected after the annual statistical bulletin was published',
  });
  // Two progress reports: the project's page shows their timeline.
  await post(`/publisher/projects/${PROJECT}/progress`, { status: 'in_progress', progress: 30, note: '已完成选址' });
  await post(`/publisher/projects/${PROJECT}/progress`, {
    status: 'in_progress',
    progress: 55,
    note: '主体工程开工',
    reason: '季度报告',
  });
  // One low rating with a comment opens a case the /me page lists.
  const rated = await post(
    '/feedback',
    { targetType: 'indicator', targetId: 'gdp', rating: 1, comment: '数据更新太慢，希望按季度公布' },
    { 'Content-Type': 'application/json' },
  );
  voterToken = rated.headers.get('X-Voter-Token')!;
  await aggregate(env.dataDir);
}, 120_000);

async function phone(width: number, variant: { lang: string; elder: boolean }, options: BrowserContextOptions = {}) {
  const context = await env.browser.newContext({
    locale: variant.lang,
    viewport: { width, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
    ...options,
  });
  const url = env.server.base;
  await context.addCookies([
    { name: 'lang', value: variant.lang, url },
    { name: 'gp_voter', value: voterToken, url },
    ...(variant.elder ? [{ name: 'elder', value: 'on', url }] : []),
  ]);
  return { context, page: await context.newPage() };
}

/** What the layout checks measure on the page now shown. */
const measure = (page: Page) =>
  page.evaluate((minEm) => {
    // The data dictionary at /open-data is a plain page without the site's header.
    const header = document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0;
    // The brand's text ends before the settings begin: nothing in the header runs under anything else.
    const name = document.querySelector<HTMLElement>('.brand__name');
    const settings = document.querySelector('.settings')?.getBoundingClientRect();
    const box = name?.getBoundingClientRect();
    const textEnd =
      name && box && (getComputedStyle(name).overflowX === 'hidden' ? box.right : box.left + name.scrollWidth);
    const crowded = textEnd && settings ? textEnd > settings.left : false;
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    const squeezed: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>('main td, main th')) {
      if (!cell.innerText.trim()) continue;
      const em = parseFloat(getComputedStyle(cell).fontSize);
      if (cell.getBoundingClientRect().width < minEm * em) squeezed.push(cell.innerText.slice(0, 20));
    }
    return { header, overflow, squeezed, crowded };
  }, CELL_MIN_EM);

/** Every variant with JavaScript; without it, the two that differ most. */
const RUNS: Array<[string, { lang: 'zh-CN' | 'en'; elder: boolean }, boolean]> = [
  ...VARIANTS.map(([name, variant]): [string, typeof variant, boolean] => [name, variant, true]),
  ['zh-nojs', VARIANTS[0]![1], false],
  ['en-large-nojs', VARIANTS[3]![1], false],
];

describe.skipIf(!HAVE_CHROMIUM)('the citizen pages on a small phone in headless Chromium', () => {
  it('keeps the header compact, the page within the screen and table cells readable at 320 and 375 px, in both languages, large text, with and without JavaScript', async () => {
    const runs = await Promise.all(
      RUNS.map(async ([name, variant, javaScriptEnabled]) => {
        const found: string[] = [];
        const heights: string[] = [];
        const { context, page } = await phone(320, variant, { javaScriptEnabled });
        for (const [pageName, path] of PAGES) {
          await page.goto(`${env.server.base}${path}`);
          for (const width of [320, 375]) {
            await page.setViewportSize({ width, height: 740 });
            const { header, overflow, squeezed, crowded } = await measure(page);
            const where = `${width}px ${name} ${pageName}`;
            if (pageName === 'home') heights.push(`${width} ${name}: ${Math.round(header)}`);
            if (header > HEADER_MAX) found.push(`${where}: header ${Math.round(header)} px`);
            if (overflow > 0) found.push(`${where}: page ${overflow} px wider than the screen`);
            if (crowded) found.push(`${where}: the brand runs under the settings`);
            if (squeezed.length > 0) found.push(`${where}: squeezed cells ${squeezed.join(' | ')}`);
          }
          // The first screen of every page; the whole of the pages with tables, in Chinese and in English.
          const whole = ['zh', 'en'].includes(name) && !['home', 'indicators', 'verdicts'].includes(pageName);
          await page.screenshot({ path: join(ARTIFACTS, `phone-${pageName}-${name}-375.png`), fullPage: whole });
          if (name === 'en-large') {
            // Each table and timeline as a reader meets it, to look at.
            const parts = page.locator('main .table-wrap, main .timeline, main .steps');
            for (let i = 0; i < Math.min(await parts.count(), 4); i++)
              await parts.nth(i).screenshot({ path: join(ARTIFACTS, `phone-${pageName}-part${i}-${name}-375.png`) });
          }
          await page.setViewportSize({ width: 320, height: 740 });
        }
        await context.close();
        return { found, heights };
      }),
    );
    console.log(`header heights: ${runs.flatMap((r) => r.heights).join(', ')}`);
    expect(runs.flatMap((r) => r.found)).toEqual([]);
  }, 120_000);

  it('has no serious or critical accessibility violations at 320 px in English large text, the settings menu open, and a case’s closed steps show the latest', async () => {
    const { context, page } = await phone(320, { lang: 'en', elder: true }, { bypassCSP: true });
    const found: string[] = [];
    for (const [name, path] of PAGES.filter(([n]) =>
      ['indicator-revised', 'project-timeline', 'mine', 'open-data'].includes(n),
    )) {
      await page.goto(`${env.server.base}${path}`);
      if (name === 'mine') {
        // Closed, a case's steps still say how many there are and which came last.
        expect(await page.locator('.steps').first().getAttribute('open')).toBeNull();
        expect(await page.locator('.steps summary').first().innerText()).toMatch(
          /^Steps so far\s+1 step; latest: \d{4}-\d\d-\d\d \d\d:\d\d .+ → .+$/,
        );
      }
      if (name !== 'open-data') {
        await page.locator('.settings__toggle').click();
        await expect(page.getByRole('button', { name: 'Large text' }).isVisible()).resolves.toBe(true);
        await page.screenshot({ path: join(ARTIFACTS, `phone-${name}-settings-open-320.png`) });
      }
      for (const violation of await seriousViolations(page)) found.push(`${name}: ${violation}`);
    }
    await context.close();
    expect(found).toEqual([]);
  }, 60_000);
});
