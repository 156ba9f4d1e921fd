/// <reference lib="dom" />
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_BANNER_CLASS, SAMPLE_DATA_HEADER } from '../../../shared/http/sample-data.js';
import { loadPlan } from '../../../shared/plan/load.js';
import { citizenPagePaths } from '../../helpers/page-paths.js';
import { startServer, type RunningServer } from '../../helpers/local-server.js';
import { ARTIFACTS, DESKTOP, HAVE_CHROMIUM, launchChromium, watch } from './chromium.js';

/**
 * `npm run demo` itself (functions/local/demo/cli.ts, a small data set in a folder of the test's own) in headless
 * Chromium: the home page and an indicator show the generated values and ratings, the 14th plan's final
 * evaluation prints to PDF, and every page, whichever plan and language, carries the sample-data banner.
 */

const plan = loadPlan();
let server: RunningServer;
let browser: Browser;
let folder = '';

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  folder = await mkdtemp(join(tmpdir(), 'gongping-demo-'));
  await mkdir(ARTIFACTS, { recursive: true });
  [server, browser] = await Promise.all([
    startServer({ AGGREGATE_EVERY: '0' }, ['functions/local/demo/cli.ts', '--folder', folder, '--ratings', '400']),
    launchChromium(),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
}, 60_000);

async function openPage(path: string, locale = 'zh-CN') {
  const context = await browser.newContext({ locale, viewport: DESKTOP });
  const { problems } = await watch(context);
  const page = await context.newPage();
  const response = await page.goto(`${server.base}${path}`);
  return { page, problems, response: response! };
}

describe.skipIf(!HAVE_CHROMIUM)('npm run demo in headless Chromium', () => {
  it('shows the generated data on the home page and an indicator, marked as sample data', async () => {
    const home = await openPage('/');
    expect(await home.page.locator(`.${SAMPLE_BANNER_CLASS}`).first().innerText()).toContain('示例数据');
    // Five years of synthetic values: the statuses are assessed, not all "not assessable".
    expect(await home.page.locator('main .badge--on_track, main .badge--achieved').count()).toBeGreaterThan(0);
    await home.page.screenshot({ path: join(ARTIFACTS, 'demo-home.png'), fullPage: true });

    const gdp = await openPage('/indicators/gdp', 'en');
    expect(await gdp.page.locator(`.${SAMPLE_BANNER_CLASS}`).first().innerText()).toContain('Sample data');
    const ratings = await gdp.page.locator('#ratings').innerText();
    expect(ratings).not.toContain('Nobody has rated this yet');
    await gdp.page.screenshot({ path: join(ARTIFACTS, 'demo-indicator.png'), fullPage: true });
    expect([...home.problems, ...gdp.problems]).toEqual([]);
  });

  it('prints the 14th plan’s final evaluation to PDF, the banner on it too', async () => {
    const { page, problems } = await openPage(`/plans/${plan.id}/evaluation`);
    expect(await page.locator('main').innerText()).toContain('规划终期评估');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator(`.${SAMPLE_BANNER_CLASS}`).first().isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-evaluation-print.png'), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await writeFile(join(ARTIFACTS, 'demo-evaluation.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(problems).toEqual([]);
  });

  it('puts the banner on every page, in both languages and for both plans, and the header on every answer', async () => {
    const paths = [
      ...citizenPagePaths(plan),
      '/plans',
      '/verdicts',
      '/me',
      '/open-data',
      '/api/docs',
      `/plans/${plan.id}/evaluation`,
      '/plans/sample-15th/indicators',
      '/no-such-page',
    ];
    for (const locale of ['zh-CN', 'en']) {
      const context = await browser.newContext({ locale, viewport: DESKTOP });
      const page = await context.newPage();
      for (const path of paths) {
        const response = await page.goto(`${server.base}${path}`);
        expect(await page.locator(`.${SAMPLE_BANNER_CLASS}`).count(), `${locale} ${path}`).toBeGreaterThan(0);
        expect(response!.headers()[SAMPLE_DATA_HEADER.toLowerCase()], `${locale} ${path}`).toBe('true');
      }
      await context.close();
    }
    const api = await fetch(`${server.base}/api/v1/plan`);
    expect(api.headers.get(SAMPLE_DATA_HEADER)).toBe('true');
  }, 120_000);
});
