import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readBuiltInPlan, parsePlan } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/**
 * The citizen pages of two plans side by side: the 14th plan (2021–2025) and the synthetic sample
 * 15th plan (2026–2030), with the same indicator id `gdp` in both. Each plan's pages show its own
 * indicators and years, every link stays in the plan shown, the unscoped addresses are the current
 * plan's, /plans lists both, and a closed plan takes no ratings.
 */
const store = useStore();
const fourteenth = readBuiltInPlan();
const sample = parsePlan(JSON.parse(readFileSync('tests/fixtures/plans/sample-15th.json', 'utf8')));
const draft = { ...sample, id: 'draft-plan', titleZh: '草稿规划', titleEn: 'A draft plan' };
/** In 2027 the sample plan is in force, so it is the current plan. */
const NOW = Date.parse('2027-05-01T04:00:00Z');

let tick = 0;
const clock = () => new Date(NOW + 1000 * tick++);
const site = (overrides: Parameters<typeof testApp>[1] = {}) => testApp(store.current, { clock, ...overrides });

beforeAll(async () => {
  await loadPlan(store.current, fourteenth);
  await loadPlan(store.current, sample);
  await loadPlan(store.current, draft, { status: 'draft' });
});

const get = async (path: string, overrides: Parameters<typeof testApp>[1] = {}) => {
  const res = await site(overrides).app.request(path, { headers: { Cookie: 'lang=zh-CN' } });
  return { res, html: await res.text() };
};

/** A rating form as a browser posts it from a plan's page, served a minute ago. */
const postRating = (
  { app, deps }: ReturnType<typeof site>,
  planId: string,
  fields: { targetId: string; rating: string },
) =>
  app.request(`/plans/${planId}/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
    body: new URLSearchParams({
      issued: deps.formStamps.issue(new Date(NOW - 60_000)),
      targetType: 'indicator',
      ...fields,
    }).toString(),
  });

/** Every address a page leads to: its links and its forms' actions. */
const addressesOf = (html: string) =>
  [...html.matchAll(/\s(?:href|action)="([^"]*)"/g)].map(([, address]) => address!.replace(/&amp;/g, '&'));

/** The addresses of a plan's own pages, wherever they appear: they must carry the plan's prefix. */
const PLAN_PAGE = /^\/(?:$|[?#]|(?:indicators|projects|method|feedback|open-data)(?:[/?#]|$))/;

/** A plan-scoped page leads only to that plan's pages, or to what belongs to no plan. */
function expectLinksInside(html: string, planId: string) {
  const base = `/plans/${planId}`;
  const addresses = addressesOf(html).filter((a) => a.startsWith('/'));
  expect(addresses.length).toBeGreaterThan(5);
  for (const address of addresses) {
    expect(PLAN_PAGE.test(address), `${address} leaves ${base}`).toBe(false);
    const other = /^\/plans\/([^/?#]+)\/(?:indicators|projects|method|feedback)/.exec(address);
    if (other) expect(other[1], address).toBe(planId);
    // Feeds and downloads are the plan's own too; the API reference belongs to no plan.
    if (address.startsWith('/api/') && address !== '/api/docs') expect(address).toMatch(`/api/v1${base}/`);
  }
  expect(addresses.filter((a) => a.startsWith(`${base}/indicators`)).length).toBeGreaterThan(0);
}

describe('the citizen pages of many plans', () => {
  it('show each plan its own indicator under /plans/{planId}, with that plan’s years', async () => {
    const sampleGdp = await get('/plans/sample-15th/indicators/gdp');
    expect(sampleGdp.res.status).toBe(200);
    expect(sampleGdp.html).toContain('地区生产总值（示例）');
    expect(sampleGdp.html).toContain('目标值（2030年）');
    expect(sampleGdp.html).toContain('基期值（2025年）');
    expect(sampleGdp.html).toContain('800 亿元');
    expect(sampleGdp.html).not.toContain('2020年');

    const fourteenthGdp = await get('/plans/licheng-14th/indicators/gdp');
    expect(fourteenthGdp.res.status).toBe(200);
    expect(fourteenthGdp.html).toContain('目标值（2025年）');
    expect(fourteenthGdp.html).toContain('基期值（2020年）');
    expect(fourteenthGdp.html).toContain('650 亿元');
    expect(fourteenthGdp.html).not.toContain('（示例）');
  });

  it('list each plan’s own indicators and projects, and say its own period on the method page', async () => {
    const sampleList = await get('/plans/sample-15th/indicators');
    const fourteenthList = await get('/plans/licheng-14th/indicators');
    const count = (html: string) => (html.match(/<li class="card">/g) ?? []).length;
    expect(count(sampleList.html)).toBe(sample.indicators.length);
    expect(count(fourteenthList.html)).toBe(fourteenth.indicators.length);
    const projects = await get('/plans/sample-15th/projects');
    expect(projects.html).toContain('滨江公园建设（示例）');
    expect(projects.html).not.toContain(fourteenth.projects[0]!.titleZh);

    const method = await get('/plans/sample-15th/method');
    expect(method.html).toContain('规划从 2025 年（基期）到 2030 年（目标年）');
    const english = await site().app.request('/plans/licheng-14th/method', { headers: { Cookie: 'lang=en' } });
    expect(await english.text()).toContain('The plan runs from 2020 (the base year) to 2025 (the target year)');
  });

  it('keep every link of a plan’s pages inside that plan', async () => {
    for (const planId of ['sample-15th', 'licheng-14th']) {
      for (const page of [
        '',
        '/indicators',
        '/projects',
        '/method',
        '/indicators/gdp',
        '/projects/p01-riverside-park',
      ]) {
        const { res, html } = await get(`/plans/${planId}${page}`);
        if (res.status === 404) continue; // a project of the other plan
        expect(res.status, `${planId}${page}`).toBe(200);
        expectLinksInside(html, planId);
      }
    }
  });

  it('lead from a plan’s pages to its own feeds and downloads, which answer', async () => {
    const { html } = await get('/plans/sample-15th/indicators/gdp');
    const own = addressesOf(html).filter((a) => a.startsWith('/api/v1/') || a.endsWith('/open-data'));
    expect(own).toEqual(
      expect.arrayContaining([
        '/plans/sample-15th/open-data',
        '/api/v1/plans/sample-15th/feeds/plan.atom',
        '/api/v1/plans/sample-15th/feeds/indicators/gdp.atom',
        '/api/v1/plans/sample-15th/open-data/plan.json',
      ]),
    );
    const { app } = site();
    for (const address of new Set(own)) expect((await app.request(address)).status, address).toBe(200);
    const planFile = (await (await app.request('/api/v1/plans/sample-15th/open-data/plan.json')).json()) as {
      id?: string;
      plan?: { id: string };
    };
    expect(planFile.id ?? planFile.plan?.id).toBe('sample-15th');
  });

  it('serve the current plan at the unscoped addresses, or the configured one', async () => {
    const home = await get('/');
    expect(home.html).toContain(sample.titleZh);
    const gdp = await get('/indicators/gdp');
    expect(gdp.html).toContain('地区生产总值（示例）');
    // At the alias the links stay at the alias: the current plan's pages need no prefix.
    expect(addressesOf(gdp.html)).toContain('/indicators');
    expect(addressesOf(gdp.html).some((a) => a.startsWith('/plans/sample-15th/indicators'))).toBe(false);

    const configured = await get('/indicators/gdp', { currentPlanId: 'licheng-14th' });
    expect(configured.html).toContain('目标值（2025年）');
    const earlier = await get('/', { clock: () => new Date('2023-03-01T00:00:00Z') });
    expect(earlier.html).toContain(fourteenth.titleZh);
  });

  it('say on a plan that is not the current one which one is, and offer a switcher of every public plan', async () => {
    const { html } = await get('/plans/licheng-14th');
    expect(html).toContain('您正在查看的不是当前规划');
    expect(html).toMatch(/<details class="plan-switch">/);
    expect(html).toContain('href="/plans/sample-15th"');
    expect(html).not.toContain('draft-plan');
    // The home page shows the plan and leads to the others.
    const home = await get('/');
    expect(home.html).toContain('其他规划');
    expect(home.html).toContain(`href="/plans/licheng-14th"`);
    expect(home.html).not.toContain('您正在查看的不是当前规划');
  });

  it('answer an unknown plan, a draft, or another plan’s target with the HTML 404 page', async () => {
    for (const path of [
      '/plans/no-such-plan',
      '/plans/draft-plan/indicators',
      '/plans/sample-15th/indicators/gdp-per-capita',
    ]) {
      const { res, html } = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(html).toContain('<!DOCTYPE html>');
    }
  });

  it('answer a store fault met while placing a page with the HTML error page, not a bare 500', async () => {
    const { deps } = site();
    const plans = {
      ...deps.plans,
      // The one read that places a page (its plan, the current one and the switcher's list) fails.
      listPlans: () => Promise.reject(new Error('store unreachable')),
    };
    const res = await site({ plans }).app.request('/plans/sample-15th/method');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('<!DOCTYPE html>');
  });

  it('list every public plan at /plans, the current first, with period and status', async () => {
    const { res, html } = await get('/plans');
    expect(res.status).toBe(200);
    const order = [...html.matchAll(/data-plan="([^"]+)"/g)].map(([, id]) => id);
    expect(order).toEqual(['sample-15th', 'licheng-14th']);
    expect(html).toContain('2026—2030年');
    expect(html).toContain('2021—2025年');
    expect(html).toContain('当前规划');
    expect(html).not.toContain('草稿规划');
  });

  it('say the list of plans, the switcher and the notices in English on English pages', async () => {
    const { app } = site();
    const english = async (path: string) => (await app.request(path, { headers: { Cookie: 'lang=en' } })).text();
    const list = await english('/plans');
    const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(list)![1]!;
    expect(main).toContain('Current plan');
    expect(main).toContain('2026–2030');
    expect(main).toContain(sample.titleEn);
    expect(main).not.toMatch(/[\u4e00-\u9fff]/);
    const page = await english('/plans/licheng-14th');
    expect(page).toContain('Switch plan');
    expect(page).toContain(`This is not the current plan. The current plan is: ${sample.titleEn}.`);
    expect(page).toContain('Other plans');
  });

  it('rate a target of the plan whose form it is, and come back to that plan’s page', async () => {
    const running = site();
    const { deps } = running;
    const res = await postRating(running, 'licheng-14th', { targetId: 'gdp', rating: '4' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/plans\/licheng-14th\/indicators\/gdp\?done=recorded/);
    const voter = /gp_voter=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
    const voterId = deps.voterTokens.verify(decodeURIComponent(voter));
    expect(voterId).not.toBeNull();
    expect(await deps.feedback.ballotsOf(voterId!, 'licheng-14th')).toHaveLength(1);
    expect(await deps.feedback.ballotsOf(voterId!, 'sample-15th')).toHaveLength(0);
  });

  it('show a closed plan readable, without the rating form, and refuse a rating posted to it', async () => {
    const running = site();
    const { deps } = running;
    await deps.plans.setStatus('licheng-14th', 'published', 'closed');
    try {
      const page = await get('/plans/licheng-14th/indicators/gdp');
      expect(page.res.status).toBe(200);
      expect(page.html).toContain('本规划已结束，不再接受评价和留言');
      expect(page.html).not.toMatch(/<form[^>]*action="\/plans\/licheng-14th\/feedback"/);
      expect(page.html).toContain('href="/plans/licheng-14th/evaluation"');
      const list = await get('/plans');
      expect(list.html).toContain('已结束');
      expect(list.html).toContain('href="/plans/licheng-14th/evaluation"');
      // The sample plan still takes ratings.
      expect((await get('/plans/sample-15th/indicators/gdp')).html).toMatch(
        /<form[^>]*action="\/plans\/sample-15th\/feedback"/,
      );

      const refused = await postRating(running, 'licheng-14th', { targetId: 'pm25-concentration', rating: '2' });
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain('本规划已结束');
      expect(refused.headers.get('set-cookie')).toBeNull();
    } finally {
      await deps.plans.setStatus('licheng-14th', 'closed', 'published');
    }
  });
});
