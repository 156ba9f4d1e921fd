/// <reference lib="dom" />
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, HAVE_CHROMIUM, PHONE, seriousViolations, useServerAndChromium } from './chromium.js';

/**
 * Words that agree, in headless Chromium against `npm start`: a citizen's new case reads 已受理，待核实
 * on /me and the help explains every state; the admin's audit log names each action in words with
 * the raw entry behind a toggle. Screenshots are kept as artefacts.
 */
const env = useServerAndChromium('words-states');
const { newContext } = env;

async function signIn(page: Page, path: string, name: string) {
  await page.goto(`${env.server.base}${path}`);
  await page.waitForURL(/\/dev-idp\/oauth2\/authorize\?/);
  await page.locator('#username').fill(name);
  await page.locator('input[name="roles"][value="admin"]').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${env.server.base}${path}`);
}

describe.skipIf(!HAVE_CHROMIUM)('states and actions in words, in headless Chromium', () => {
  it('explains the case states on /me and names the audit log’s actions in words', async () => {
    const citizen = await newContext({ viewport: PHONE, bypassCSP: true });
    await citizen.page.goto(`${env.server.base}/indicators/gdp`);
    await citizen.page.locator('label[for="rating-1"]').click();
    await citizen.page.locator('#comment').fill('统计数据更新太慢');
    await citizen.page.locator('#feedback-submit').click();
    await citizen.page.locator('#feedback-status:not([hidden])').waitFor();
    await citizen.page.goto(`${env.server.base}/me`);
    expect(await citizen.page.locator('.case .badge').first().innerText()).toBe('已受理，待核实');
    const help = citizen.page.locator('#case-states');
    expect(await help.locator('dd').first().isVisible()).toBe(false);
    await help.locator('summary').click();
    expect(await help.locator('dt').allInnerTexts()).toEqual([
      '已受理，待核实',
      '核实中',
      '整改中',
      '已答复',
      '已办结',
      '复核中',
    ]);
    await help.scrollIntoViewIfNeeded();
    await citizen.page.screenshot({ path: join(ARTIFACTS, 'words-me-states-phone.png'), fullPage: false });
    expect(await seriousViolations(citizen.page)).toEqual([]);
    await citizen.context.close();

    const { context, page } = await newContext({ bypassCSP: true });
    await signIn(page, '/staff/audit', 'zhao.admin');
    const opened = page.locator('#audit tr', { has: page.locator('td[data-action="case.open"]') }).first();
    expect(await opened.locator('td[data-action]').innerText()).toBe('差评立案');
    const raw = opened.locator('details.audit-raw');
    expect(await raw.locator('code').last().isVisible()).toBe(false);
    await raw.locator('summary').click();
    expect(await raw.locator('code').first().innerText()).toBe('case.open');
    await page.screenshot({ path: join(ARTIFACTS, 'words-audit-zh.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 90_000);
});
