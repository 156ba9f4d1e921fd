/// <reference lib="dom" />
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/auth/roles.js';
import { ARTIFACTS, DESKTOP, HAVE_CHROMIUM, PHONE, seriousViolations, useServerAndChromium } from './chromium.js';
import { aggregate } from './server.js';

/**
 * The done-means journey of the staff pages in a real browser (Debian's Chromium, headless,
 * playwright-core) against `npm start` on a fresh data folder: a citizen complains, a monitor signs
 * in through the development identity provider's page, clears the queue, replies and closes the
 * case before its deadline, and the public page shows the reply; a publisher adds the 2025 GDP
 * value and the public status changes; an admin finds every step attributed in the audit log.
 */

const COMPLAINT = '统计数据两年没有更新，希望尽快公布';
const REPLY = '2024年数据已于本月公布，2025年数据将在次年3月公布。';
const DEPARTMENT = '鲤城区统计局';
const DEPARTMENT_ID = 'licheng-stats';

const env = useServerAndChromium('staff-browser');
const { newContext } = env;

/** Signs in the way a developer does: a staff page sends the browser to the provider's page; a name and roles; back. */
async function signIn(page: Page, path: string, name: string, roles: Role[]) {
  await page.goto(`${env.server.base}${path}`);
  await page.waitForURL(/\/dev-idp\/oauth2\/authorize\?/);
  await page.locator('#username').fill(name);
  for (const role of roles) await page.locator(`input[name="roles"][value="${role}"]`).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${env.server.base}${path}`);
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();

/** The public indicator page as a new visitor sees it (no cookies, no cache). */
async function publicGdp() {
  const { context, page } = await newContext();
  await page.goto(`${env.server.base}/indicators/gdp`);
  const seen = {
    status: await page.locator('.status-panel .badge').getAttribute('class'),
    panel: await text(page, '.status-panel'),
    comments: await text(page, '#comments'),
  };
  await context.close();
  return seen;
}

describe.skipIf(!HAVE_CHROMIUM)('the staff pages in headless Chromium', () => {
  it('a complaint is moderated, answered and closed before its deadline by a monitor, and the public page shows the reply', async () => {
    // A citizen rates GDP 2 (不满意) with a comment.
    const citizen = await newContext();
    await citizen.page.goto(`${env.server.base}/indicators/gdp`);
    await citizen.page.locator('label[for="rating-2"]').click();
    await citizen.page.locator('#comment').fill(COMPLAINT);
    await citizen.page.locator('#feedback-submit').click();
    await citizen.page.locator('#feedback-status:not([hidden])').waitFor();
    await citizen.context.close();

    // An administrator adds the department that answers to the managed list.
    const admin = await newContext();
    await signIn(admin.page, '/staff/departments', 'zhao.admin', ['admin']);
    await admin.page.locator('#n-id').fill(DEPARTMENT_ID);
    await admin.page.locator('#n-zh').fill(DEPARTMENT);
    await admin.page.locator('#n-en').fill('Licheng District Statistics Bureau');
    await admin.page.locator('#n-aliases').fill('统计局');
    await admin.page.locator('#department-add button').click();
    await admin.page.waitForURL(/\/staff\/departments\?done=added$/);
    expect(await text(admin.page, '#departments')).toContain(DEPARTMENT);
    await admin.context.close();

    // A monitor opens the staff site, signs in through the provider's page, and lands on the dashboard.
    const { context, page, problems } = await newContext();
    await signIn(page, '/staff', 'li.si', ['monitor']);
    expect(await text(page, 'h1')).toBe('工作概况');
    expect(await text(page, '#queue-size')).toBe('1');
    expect(await text(page, '#cases-open')).toBe('1');
    expect(await text(page, '.staff-user')).toContain('li.si');
    const session = (await context.cookies()).find((c) => c.name === 'gp_staff')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    // Clears the queue: ticks the comment and approves it.
    await page.getByRole('navigation').getByRole('link', { name: '审核队列' }).click();
    await page.waitForURL(/\/staff\/queue$/);
    expect(await text(page, '#queue')).toContain(COMPLAINT);
    await page.locator('#queue input[type="checkbox"]').check();
    await page.locator('#bulk-action').selectOption('publish');
    await page.locator('#bulk-apply').click();
    await page.waitForURL(/\/staff\/queue\?done=1&failed=0$/);
    expect(await text(page, '[role="status"]')).toContain('已处理 1 条');
    expect(await page.locator('#queue-empty').isVisible()).toBe(true);

    // Works the case: verifying → rectifying → replied (the official reply) → closed.
    await page.getByRole('navigation').getByRole('link', { name: '差评办理' }).click();
    await page.locator('#cases tbody a').first().click();
    await page.waitForURL(/\/staff\/cases\/[\w-]+$/);
    expect(await text(page, '#case-status')).toBe('待核实');
    expect(await text(page, '#case-due')).toContain('未到期');
    await page.locator('#s-verify-department').selectOption(DEPARTMENT_ID);
    await page.locator('#step-verify button').click();
    await page.waitForURL(/\?done=step$/);
    expect(await text(page, '#case-status')).toBe('核实中');
    await page.locator('#s-rectify-note').fill('已督促统计局更新数据发布计划');
    await page.locator('#step-rectify button').click();
    await page.waitForURL(/\?done=step$/);
    expect(await text(page, '#case-status')).toBe('整改中');
    // Answers from the comment's page: it shows the case, and its reply form is the case's reply step.
    const caseUrl = page.url().replace(/\?done=step$/, '');
    await page.goto(caseUrl.replace('/staff/cases/', '/staff/comments/'));
    expect(await page.locator('#comment-case a').first().getAttribute('href')).toBe(new URL(caseUrl).pathname);
    expect(await text(page, '#comment-case')).toContain('整改中');
    // The department is chosen from the list (the one verification assigned is preselected).
    await page.locator('#r-department').selectOption({ label: DEPARTMENT });
    await page.locator('#r-text').fill(REPLY);
    await page.screenshot({ path: join(ARTIFACTS, 'staff-comment-case-reply-desktop-zh-CN.png'), fullPage: true });
    await page.locator('#case-reply button').click();
    await page.waitForURL(`${caseUrl}?done=step`);
    expect(await text(page, '#case-status')).toBe('已答复');
    await page.locator('#s-close-note').fill('已答复，群众未再反映');
    await page.locator('#step-close button').click();
    await page.waitForURL(/\?done=step$/);
    expect(await text(page, '#case-status')).toBe('已办结');
    // The page keeps the first reply's deadline, and says it was met.
    expect(await text(page, '#case-due')).toMatch(/前；.*答复，按期 \(已办结\)$/);
    expect(await text(page, '#case-history')).toContain('li.si');

    // Before its deadline: the cases export says the reply came on time.
    const csv = await (await page.request.get(`${env.server.base}/staff/export/cases.csv`)).text();
    const [header, row] = csv
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect([cell('status'), cell('answered_on_time'), cell('department')]).toEqual(['closed', '1', DEPARTMENT]);
    expect(problems).toEqual([]);

    // Signs out: the session is gone, and a staff page asks to sign in again.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${env.server.base}/`);
    expect((await context.cookies()).some((c) => c.name === 'gp_staff')).toBe(false);
    await page.goto(`${env.server.base}/staff`);
    await page.waitForURL(/\/dev-idp\/oauth2\/authorize\?/);
    await context.close();

    // The public page shows the comment with the department's reply.
    const seen = await publicGdp();
    expect(seen.comments).toContain(COMPLAINT);
    expect(seen.comments).toContain(REPLY);
    expect(seen.comments).toContain(DEPARTMENT);
  }, 120_000);

  it('a publisher adds the 2025 GDP value and the public indicator page shows it with a changed status', async () => {
    const before = await publicGdp();
    expect(before.status).toContain('badge--not_assessable');

    const { context, page, problems } = await newContext();
    await signIn(page, '/staff/publish', 'wang.wu', ['publisher']);
    // A publisher has no moderation pages: the navigation does not offer them, and they answer 403.
    expect(await page.getByRole('navigation').getByRole('link', { name: '审核队列' }).count()).toBe(0);
    await page.locator('#o-indicator').selectOption('gdp');
    await page.locator('#o-year').fill('2025');
    await page.locator('#o-value').fill('660.5');
    await page.locator('#o-source').fill('鲤城区2025年国民经济和社会发展统计公报');
    await page.locator('#observation-form button').click();
    await page.waitForURL(/\/staff\/publish\?done=new$/);
    expect(await text(page, '[role="status"]')).toBe('已发布新数值。');
    const forbidden = await page.goto(`${env.server.base}/staff/queue`);
    expect(forbidden!.status()).toBe(403);
    expect(problems).toEqual([]);
    await context.close();

    const after = await publicGdp();
    expect(after.panel).toContain('660.5');
    expect(after.status).toContain('badge--achieved');
  }, 90_000);

  it('an admin finds every step of both journeys attributed in the audit log', async () => {
    const { context, page } = await newContext();
    await signIn(page, '/staff/audit', 'zhao.admin', ['admin']);
    // The raw action codes are behind each entry's toggle: in the page, though not shown until opened.
    const log = (await page.locator('#audit').textContent()) ?? '';
    for (const [who, action] of [
      ['li.si', 'comment.publish'],
      ['li.si', 'case.verify'],
      ['li.si', 'case.rectify'],
      ['li.si', 'case.reply'],
      ['zhao.admin', 'department.change'],
      ['li.si', 'case.close'],
      ['wang.wu', 'observation.publish'],
    ]) {
      const row = page.locator('#audit tbody tr', { hasText: action });
      expect(await row.count(), action).toBeGreaterThan(0);
      expect(await row.first().innerText(), action).toContain(who);
    }
    expect(log).toContain('case.open');
    await page.locator('#a-action').selectOption('observation.publish');
    await page.getByRole('button', { name: '筛选' }).click();
    expect(await page.locator('#audit tbody tr').count()).toBe(1);
    const csv = await (
      await page.request.get(
        `${env.server.base}${await page.getByRole('link', { name: '导出 CSV（当前筛选）' }).getAttribute('href')}`,
      )
    ).text();
    expect(csv.trim().split('\r\n')).toHaveLength(2);
    expect(csv).toContain('wang.wu');
    await context.close();
  }, 90_000);

  it('has no serious or critical accessibility violations (axe-core) on any staff page, on a desktop and at 360 px, in both languages (and saves a screenshot of each)', async () => {
    await aggregate(env.dataDir);
    const found: string[] = [];
    for (const [viewport, lang] of [
      [DESKTOP, 'zh-CN'],
      [PHONE, 'zh-CN'],
      [DESKTOP, 'en'],
    ] as const) {
      // axe is injected as a script of its own, which the CSP would refuse: this context alone bypasses it.
      const { context, page } = await newContext({ viewport, bypassCSP: true });
      await context.addCookies([{ name: 'lang', value: lang, url: env.server.base }]);
      await signIn(page, '/staff', 'zhao.admin', ['admin']);
      const caseHref = await (async () => {
        await page.goto(`${env.server.base}/staff/cases?view=closed`);
        return page.locator('#cases tbody a').first().getAttribute('href');
      })();
      await page.goto(`${env.server.base}/staff/queue?status=published&target=indicator%3Agdp`);
      const commentHref = await page.locator('#queue tbody a[href^="/staff/comments/"]').first().getAttribute('href');
      const pages: Array<[string, string]> = [
        ['dashboard', '/staff'],
        ['queue', '/staff/queue'],
        ['queue-published', '/staff/queue?status=published&target=indicator%3Agdp'],
        ['comment', commentHref!],
        ['cases', '/staff/cases'],
        ['case', caseHref!],
        ['publish', '/staff/publish'],
        ['audit', '/staff/audit'],
        ['departments', '/staff/departments'],
      ];
      for (const [name, path] of pages) {
        await page.goto(`${env.server.base}${path}`);
        await page.screenshot({
          path: join(ARTIFACTS, `staff-${name}-${viewport === PHONE ? 'phone' : 'desktop'}-${lang}.png`),
          fullPage: true,
        });
        found.push(...(await seriousViolations(page)));
        // Nothing wider than the screen but the tables, which scroll in their own region.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
        if (viewport === PHONE && overflow) found.push(`${path}: the page is wider than 360 px`);
      }
      await context.close();
    }
    // A 403 page too.
    const { context, page } = await newContext({ bypassCSP: true });
    await signIn(page, '/staff', 'wang.wu', ['publisher']);
    await page.goto(`${env.server.base}/staff/audit`);
    found.push(...(await seriousViolations(page)));
    await context.close();
    expect(found).toEqual([]);
  }, 180_000);
});
