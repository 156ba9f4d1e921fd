import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../shared/plan/load.js';
import { aggregationJob } from '../../shared/ratings/job.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { json } from '../helpers/api.js';
import { useStaffPages } from '../helpers/staff-pages.js';

/**
 * The staff pages of two plans on a real dynalite: the 14th plan (current) and the synthetic sample
 * 15th plan, with the same indicator id `gdp` in both. Every link a staff page gives to a public
 * page is that plan's own (`/plans/{planId}/…`), never the unscoped address, which shows the current plan.
 */
const pages = useStaffPages({ currentPlanId: 'licheng-14th' });
const { session, get } = pages;
const sample = parsePlan(JSON.parse(readFileSync('tests/fixtures/plans/sample-15th.json', 'utf8')));

/** A 差评 with a comment on `gdp` of a plan, through the plan's own API: it opens a case. */
const rateBadly = async (planId: string, comment: string) => {
  const res = await pages.app.request(
    `/api/v1/plans/${planId}/feedback`,
    json(
      { targetType: 'indicator', targetId: 'gdp', rating: 1, comment },
      { 'X-Voter-Token': pages.deps.voterTokens.issue().token },
    ),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { feedbackId: string }).feedbackId;
};

/** The public pages a staff page links to: indicators, projects, verdicts and plans. */
const publicLinks = (html: string) =>
  [...html.matchAll(/\shref="([^"]*)"/g)]
    .map(([, href]) => href!)
    .filter((href) => /^\/(?:plans\/|indicators|projects|verdicts|$)/.test(href));

let fourteenthId = '';
let sampleId = '';
beforeAll(async () => {
  await loadPlan(pages.store.current, sample);
  fourteenthId = await rateBadly('licheng-14th', '十四五的数据不全');
  sampleId = await rateBadly('sample-15th', '十五五的目标太低');
  await aggregationJob(pages.store.current, {
    minRatings: 1,
    settleSeconds: 0,
    maxBatch: 1000,
    verdictThresholds: { low: 0.5, high: 0.7 },
  })();
});

describe('the links of the staff pages to the public pages', () => {
  it('lead from a plan that is not the current one to its own targets and public site', async () => {
    const monitor = await session(['monitor'], 'li.si');
    for (const path of ['', '/queue', '/cases']) {
      const page = await get(`/staff/plans/sample-15th${path}`, monitor);
      expect(page.status).toBe(200);
      const links = publicLinks(page.html);
      expect(links).toContain('/plans/sample-15th');
      expect(links.every((href) => href.startsWith('/plans/sample-15th') || href === '/plans')).toBe(true);
    }
    const dashboard = await get('/staff/plans/sample-15th', monitor);
    expect(dashboard.html).toContain('href="/plans/sample-15th/indicators/gdp"');
    expect((await get('/staff/plans/sample-15th/queue', monitor)).html).toContain(
      'href="/plans/sample-15th/indicators/gdp"',
    );
  });

  it('lead from a comment and a case to the pages of the plan it belongs to, from any plan', async () => {
    const monitor = await session(['monitor'], 'li.si');
    for (const [id, planId] of [
      [sampleId, 'sample-15th'],
      [fourteenthId, 'licheng-14th'],
    ] as const) {
      for (const path of [`/staff/comments/${id}`, `/staff/cases/${id}`]) {
        const page = await get(path, monitor);
        expect(page.status).toBe(200);
        expect(page.html).toContain(`href="/plans/${planId}/indicators/gdp"`);
        expect(page.html).not.toContain('href="/indicators/gdp"');
      }
    }
  });

  it('name the current plan too, so they still hold when another plan becomes current', async () => {
    const monitor = await session(['monitor'], 'li.si');
    const dashboard = await get('/staff', monitor);
    expect(dashboard.html).toContain('href="/plans/licheng-14th/indicators/gdp"');
    expect(publicLinks(dashboard.html).filter((href) => /^\/(?:indicators|projects|verdicts)/.test(href))).toEqual([]);
  });
});
