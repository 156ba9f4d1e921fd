/// <reference lib="dom" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEEDBACK_ID } from '../../helpers/api.js';
import { ARTIFACTS, HAVE_CHROMIUM, PHONE, seriousViolations, useServerAndChromium } from './chromium.js';

/**
 * A 差评 case's receipt in headless Chromium against `npm start`: filed in one browser, whose
 * confirmation and /me show the case number and code; opened in a fresh browser (another phone)
 * on /cases/lookup, with and without JavaScript, which then follows it on its own /me.
 */

const env = useServerAndChromium('receipt');
const { newContext } = env;
const CODE = /[0-9A-Z]{5}-[0-9A-Z]{5}/;

describe.skipIf(!HAVE_CHROMIUM)('a case receipt in headless Chromium', () => {
  it('is given on filing, shown on /me with copy and print, and opens the case on a fresh phone', async () => {
    const first = await newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const { page } = first;
    await page.goto(`${env.server.base}/indicators/gdp`);
    await page.locator('label[for="rating-1"]').click();
    await page.locator('#comment').fill('季度数据一直没有公布');
    await page.locator('#feedback-submit').click();
    await page.locator('#feedback-status:not([hidden])').waitFor();
    const status = await page.locator('#feedback-status').innerText();
    const code = CODE.exec(status)?.[0];
    const caseId = new RegExp(FEEDBACK_ID).exec(status)?.[0];
    expect(code, status).toBeTruthy();
    expect(caseId, status).toBeTruthy();

    await page.goto(`${env.server.base}/me#case-${caseId}`);
    const receipt = page.locator(`#receipt-${caseId}`);
    expect(await receipt.locator('.receipt__code').innerText()).toBe(code);
    expect(await receipt.locator('.receipt__actions').isVisible()).toBe(true);
    await receipt.locator('button[data-copy]').click();
    await receipt.getByText('已复制。').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(code!);
    await receipt.screenshot({ path: join(ARTIFACTS, 'receipt-me-desktop.png') });
    expect(first.problems).toEqual([]);
    await first.context.close();

    // Another phone: no cookie, no JavaScript needed.
    const phone = await newContext({ viewport: PHONE, javaScriptEnabled: false });
    await phone.page.goto(`${env.server.base}/cases/lookup`);
    await phone.page.locator('#lookup-case').fill(caseId!);
    await phone.page.locator('#lookup-code').fill('ZZZZZ-ZZZZZ');
    await phone.page.locator('#lookup-submit').click();
    expect(await phone.page.locator('#lookup-error').innerText()).toContain('没有找到');
    expect(await phone.page.locator('#lookup-case').inputValue()).toBe(caseId);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'lookup-wrong-code-phone.png'), fullPage: true });
    await phone.page.locator('#lookup-code').fill(code!.toLowerCase());
    await phone.page.locator('#lookup-submit').click();
    await phone.page.waitForURL(`${env.server.base}/me#case-${caseId}`);
    const card = phone.page.locator(`#case-${caseId}`);
    expect(await card.locator('.receipt__code').innerText()).toBe(code);
    expect(await card.innerText()).toContain('已受理');
    await phone.page.screenshot({ path: join(ARTIFACTS, 'lookup-followed-phone.png'), fullPage: true });
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });

  it('has no serious accessibility violations on the look-up page, in Chinese and English', async () => {
    const found: string[] = [];
    for (const locale of ['zh-CN', 'en']) {
      const { context, page } = await newContext({ bypassCSP: true, locale });
      await page.goto(`${env.server.base}/cases/lookup`);
      for (const violation of await seriousViolations(page)) found.push(`${locale}: ${violation}`);
      await page.screenshot({ path: join(ARTIFACTS, `lookup-${locale}-desktop.png`), fullPage: true });
      await context.close();
    }
    expect(found).toEqual([]);
  });
});
