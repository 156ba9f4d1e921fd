/// <reference lib="dom" />
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentObservations } from '../../../shared/plan/observation.js';
import { licheng14th, syntheticObservations } from '../../helpers/evaluation.js';
import { ARTIFACTS, HAVE_CHROMIUM, useServerAndChromium } from './chromium.js';
import { staffToken } from './server.js';

/**
 * The final evaluation page of the 14th plan in headless Chromium against `npm start`, with the
 * synthetic values of tests/fixtures/evaluation/ published through the staff import: read on
 * screen, then printed to PDF (one indicator per row, no navigation, page numbers from @page).
 */

const env = useServerAndChromium('evaluation');

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  // The current revision of each year, published as one file: what a statistics office would upload.
  // The fixture's value after the period (which the evaluation must ignore) is one the import refuses.
  const targetYears = new Map(licheng14th().indicators.map((i) => [i.id, i.targetYear]));
  const all = syntheticObservations().filter((o) => o.year <= (targetYears.get(o.indicatorId) ?? 0));
  const rows = [...new Set(all.map((o) => o.indicatorId))]
    .flatMap((id) => currentObservations(all.filter((o) => o.indicatorId === id)))
    .map((o) => `${o.indicatorId},${o.year},${o.value},SYNTHETIC test data`);
  const res = await fetch(`${env.server.base}/api/v1/publisher/import/observations`, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      Authorization: `Bearer ${await staffToken(env.dataDir, 'publisher')}`,
    },
    body: ['indicator_id,year,value,source', ...rows].join('\r\n'),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}, 60_000);

/** Pages of a PDF as Chromium writes it: one `/Type /Page` object each (the tree's root is `/Pages`). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe.skipIf(!HAVE_CHROMIUM)('the final evaluation page in headless Chromium', () => {
  it('shows each indicator’s verdict on screen, with the counts and the CSV download', async () => {
    const { page, problems } = await env.newContext();
    await page.goto(`${env.server.base}/plans/licheng-14th/evaluation`);
    const main = await page.locator('main').innerText();
    expect(main).toContain('规划终期评估');
    expect(main).toContain('无最终值');
    expect(main).toContain('期间年均 10.4%');
    expect(await page.locator('#evaluation-indicators-table tbody tr').count()).toBe(31);
    const gdp = await page.locator('#evaluation-indicators-table tbody tr').first().innerText();
    expect(gdp).toContain('已实现');
    expect(gdp).toContain('超出 10 亿元');
    expect(await page.locator('a[download]').getAttribute('href')).toBe('/api/v1/plans/licheng-14th/evaluation.csv');
    await page.screenshot({ path: join(ARTIFACTS, 'evaluation-screen.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('prints to PDF: navigation hidden, one row per indicator never split, several numbered pages', async () => {
    const { page, problems } = await env.newContext({ locale: 'en' });
    await page.goto(`${env.server.base}/plans/licheng-14th/evaluation`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-nav').isVisible()).toBe(false);
    expect(await page.locator('.evaluation__actions').isVisible()).toBe(false);
    const rules = await page.evaluate(() => {
      const row = document.querySelector('#evaluation-indicators-table tbody tr');
      const head = document.querySelector('#evaluation-indicators-table thead');
      return [getComputedStyle(row!).breakInside, getComputedStyle(head!).display];
    });
    expect(rules).toEqual(['avoid', 'table-header-group']);
    expect(await page.locator('main').innerText()).toContain('Final evaluation of the plan');
    await page.screenshot({ path: join(ARTIFACTS, 'evaluation-print.png'), fullPage: true });

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await writeFile(join(ARTIFACTS, 'evaluation.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // 31 rows, the counts, projects and citizens do not fit on one landscape A4 page.
    expect(pageCount(pdf)).toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });
});
