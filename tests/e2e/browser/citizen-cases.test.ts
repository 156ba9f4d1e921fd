/// <reference lib="dom" />
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_ID } from '../../helpers/api.js';
import { ARTIFACTS, HAVE_CHROMIUM, PHONE, seriousViolations, useServerAndChromium } from './chromium.js';
import { staffToken } from './server.js';

/**
 * The citizen's side of the 差评 loop in headless Chromium against `npm start`: a low rating whose
 * comment holds a phone number is masked and opens a case, the citizen finds the case on their
 * page, a monitor answers through the staff API, and the citizen reads the reply and rates it.
 */

const PHONE_NUMBER = '13912345678';

let monitor: Record<string, string>;
const env = useServerAndChromium('cases');
const { newContext } = env;

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  monitor = { 'Content-Type': 'application/json', Authorization: `Bearer ${await staffToken(env.dataDir, 'monitor')}` };
});

const text = (page: Page, selector: string) => page.locator(selector).innerText();

/** A monitor takes the case to an official reply, through the staff API. */
async function reply(caseId: string, department: string, answer: string) {
  for (const step of [
    { action: 'verify', department },
    { action: 'reply', department, text: answer },
  ]) {
    const res = await fetch(`${env.server.base}/api/v1/monitor/cases/${caseId}/steps`, {
      method: 'POST',
      headers: monitor,
      body: JSON.stringify(step),
    });
    expect(res.status, JSON.stringify(step)).toBe(200);
  }
}

/** The case the confirmation links to, by its link. */
async function caseLinked(page: Page): Promise<string> {
  // The confirmation's link to the case on /me (the receipt beside it links the look-up and the feed).
  const href = await page.locator('#feedback-status a[href^="/me#"]').getAttribute('href');
  expect(href).toMatch(new RegExp(`^/me#case-${FEEDBACK_ID}$`));
  return href!.slice('/me#case-'.length);
}

/** Whether the page scrolls sideways at its current width. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!HAVE_CHROMIUM)('a citizen following their 差评 in headless Chromium', () => {
  it('rates with a phone number in the comment, is told it was masked and a case opened, and follows the case to a reply it rates', async () => {
    const { context, page, problems } = await newContext();
    await page.goto(`${env.server.base}/me`);
    expect(await text(page, 'main')).toContain('这个浏览器还没有提交过评价');

    await page.goto(`${env.server.base}/indicators/pm25-concentration`);
    await page.locator('label[for="rating-2"]').click();
    await page.locator('#comment').fill(`冬季数据一直没有更新，请回电 ${PHONE_NUMBER}`);
    await page.locator('#feedback-submit').click();
    await page.locator('#feedback-status:not([hidden])').waitFor();
    const status = await text(page, '#feedback-status');
    expect(page.url()).toBe(`${env.server.base}/indicators/pm25-concentration`); // in place, by the script
    expect(status).toContain('您的留言里有个人信息（电话号码），保存前已经隐去');
    expect(status).toMatch(/这是一条差评，已立案办理：须在 \d{4}-\d{2}-\d{2} 前正式答复。/);
    const caseId = await caseLinked(page);

    await page.locator('#feedback-status a[href^="/me#"]').click();
    await page.waitForURL(`${env.server.base}/me#case-${caseId}`);
    const card = page.locator(`#case-${caseId}`);
    expect(await card.innerText()).toContain('已受理');
    expect(await card.innerText()).toMatch(/还有 \d+ 个工作日/);
    const ratings = await text(page, '#ratings');
    expect(ratings).toContain('【已隐去：电话】');
    expect(await page.content()).not.toContain(PHONE_NUMBER);
    expect(await card.locator('form').count()).toBe(0);

    await reply(caseId, '鲤城区生态环境分局', '已整改：冬季月度数据自下月起按时公布。');
    await page.reload();
    expect(await card.innerText()).toContain('已答复');
    expect(await card.locator('.reply').innerText()).toContain('鲤城区生态环境分局');
    expect(await card.locator('.reply').innerText()).toContain('已整改：冬季月度数据自下月起按时公布。');
    await page.screenshot({ path: join(ARTIFACTS, 'mine-replied-desktop.png'), fullPage: true });

    await card.locator(`label[for="reply-${caseId}-yes"]`).click();
    await card.getByRole('button', { name: '提交我对答复的评价' }).click();
    await page.waitForURL(`${env.server.base}/me?rated=${caseId}#case-${caseId}`);
    expect(await text(page, `#case-${caseId} .notice[role="status"]`)).toBe('您对答复表示满意，案件已办结。');
    expect(await card.innerText()).toContain('已办结');
    expect(await card.locator('form').count()).toBe(0); // once only
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('does the same without JavaScript: the confirmation page says what was masked and links the case', async () => {
    const { context, page } = await newContext({ javaScriptEnabled: false });
    await page.goto(`${env.server.base}/indicators/gdp`);
    await page.locator('label[for="rating-1"]').click();
    await page.locator('#comment').fill(`季度数据没有公布，邮件 wang.fang@example.com 电话 ${PHONE_NUMBER}`);
    await page.locator('#feedback-submit').click();
    await page.waitForURL(new RegExp(`/indicators/gdp\\?done=recorded&pending=1&case=${FEEDBACK_ID}#feedback$`));
    const status = await text(page, '#feedback-status');
    expect(status).toContain('您的留言里有个人信息（邮箱、电话号码），保存前已经隐去');
    const caseId = await caseLinked(page);

    await reply(caseId, '鲤城区统计局', '季度数据将于每季度结束后20日内公布。');
    await page.locator('#feedback-status a[href^="/me#"]').click();
    const card = page.locator(`#case-${caseId}`);
    expect(await card.innerText()).toContain('季度数据将于每季度结束后20日内公布。');
    await card.locator(`label[for="reply-${caseId}-no"]`).click();
    await card.locator(`#reply-${caseId}-note`).fill('没有说明为什么以前没有公布');
    await card.getByRole('button', { name: '提交我对答复的评价' }).click();
    await page.waitForURL(/\/me\?rated=/);
    expect(await card.innerText()).toContain('复核中');
    expect(await text(page, `#case-${caseId} .notice[role="status"]`)).toContain('案件已进入复核');
    await context.close();
  }, 90_000);

  it('fits a 360 px phone and has no serious or critical accessibility violations, in Chinese and English', async () => {
    // A voter with a case awaiting their verdict (the page at its fullest: a reply and the form), made through the API.
    const rated = await fetch(`${env.server.base}/api/v1/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        targetType: 'indicator',
        targetId: 'forest-coverage',
        rating: 2,
        comment: `森林覆盖率多年没有更新，住在历山路123号3单元501室，电话 ${PHONE_NUMBER}`,
      }),
    });
    expect(rated.status).toBe(201);
    const token = rated.headers.get('x-voter-token')!;
    const { followUpCase, personalDataMasked } = (await rated.json()) as {
      followUpCase: { caseId: string };
      personalDataMasked: Record<string, number>;
    };
    expect(personalDataMasked).toEqual({ address: 1, phone: 1 });
    await reply(followUpCase.caseId, '鲤城区自然资源局', '经核实，森林覆盖率每五年调查一次，下次公布在2026年。');

    const found: string[] = [];
    for (const [variant, locale] of [
      ['zh', 'zh-CN'],
      ['en', 'en-US'],
    ] as const) {
      const context = await env.browser.newContext({
        locale,
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        bypassCSP: true,
      });
      const page = await context.newPage();
      await page.goto(`${env.server.base}/me`);
      for (const violation of await seriousViolations(page)) found.push(`${variant} without a voter: ${violation}`);
      await context.addCookies([{ name: 'gp_voter', value: token, url: env.server.base }]);
      await page.goto(`${env.server.base}/me`);
      expect(await page.locator(`#case-${followUpCase.caseId} form`).count()).toBe(1);
      expect(await overflow(page), `${variant} at 360 px`).toBe(0);
      for (const violation of await seriousViolations(page)) found.push(`${variant} with a case: ${violation}`);
      await page.locator(`#case-${followUpCase.caseId} details summary`).tap();
      expect(await overflow(page), `${variant} at 360 px, steps open`).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, `mine-${variant}-phone.png`), fullPage: true });
      await context.close();
    }
    expect(found).toEqual([]);
  }, 90_000);
});
