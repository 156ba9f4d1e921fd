import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { json, testApp } from '../helpers/api.js';
import { testIdentity } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';

/**
 * gongping's own reasons for a revision read in the page's language on the indicator page, whether
 * stored as a code (now) or as the English sentence older revisions kept; a publisher's reason is
 * shown as typed.
 */
const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let now = Date.parse('2026-03-02T02:00:00Z');

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  const identity = await testIdentity();
  ({ app } = testApp(store.current, { staffAuth: identity.verifier, clock: () => new Date(now) }));
  const publisher = await identity.bearer(['publisher'], { name: 'zhou.stats', sub: 'sub-zhou' });
  // A revision written before the codes, with the English sentence it kept then.
  await planRepository(store.current).appendObservation(
    'licheng-14th',
    { indicatorId: 'gdp', year: 2023, value: 600, recordedBy: 'zhou.stats (sub-zhou)', reason: 'first publication' },
    new Date('2024-03-01T00:00:00Z'),
  );
  for (const body of [
    { year: 2025, value: 662.5 },
    { year: 2025, value: 640.1, reason: '统计局年报修订' },
  ]) {
    now += 60_000;
    const res = await app.request('/api/v1/publisher/indicators/gdp/observations', json(body, publisher));
    expect(res.status).toBeLessThan(300);
  }
});

/** The reasons column of the revisions table, row by row. */
async function reasons(lang: string) {
  const html = await (await app.request('/indicators/gdp', { headers: { 'Accept-Language': lang } })).text();
  const table = /<section class="panel" aria-labelledby="revisions-heading">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...table.matchAll(/<tr>[\s\S]*?<\/tr>/g)].slice(1).map((row) => {
    const cells = [...row[0].matchAll(/<td>([\s\S]*?)<\/td>/g)];
    return cells
      .at(-1)![1]!
      .replace(/<[^>]+>/g, '')
      .trim();
  });
}

describe('the reasons of an indicator’s revisions', () => {
  it('are in Chinese on the Chinese page, the old stored sentence included', async () => {
    const shown = await reasons('zh-CN');
    expect(shown).toEqual(['首次公布', '首次公布', '统计局年报修订']);
    expect(shown.join()).not.toMatch(/first/i);
  });

  it('are in English on the English page, and a publisher’s reason as typed', async () => {
    expect(await reasons('en')).toEqual(['First publication', 'First publication', '统计局年报修订']);
  });

  it('are given by the API with the system’s code, the old sentence read as its code', async () => {
    const body = (await (await app.request('/api/v1/indicators/gdp')).json()) as {
      revisions: Array<{ year: number; reason: string; reasonCode: string | null }>;
    };
    expect(body.revisions.map((r) => [r.year, r.reason, r.reasonCode])).toEqual([
      [2023, 'first publication', 'first-publication'],
      [2025, 'first-publication', 'first-publication'],
      [2025, '统计局年报修订', null],
    ]);
  });
});

describe('the reasons in the indicator’s Atom feed', () => {
  it('are gongping’s in both languages, the old stored sentence included, and a publisher’s as typed', async () => {
    const xml = await (await app.request('https://gongping.example.org/api/v1/feeds/indicators/gdp.atom')).text();
    const reasons = [...xml.matchAll(/原因 \/ Reason: ([^<&]*)/g)].map((m) => m[1]);
    expect(reasons.sort()).toEqual(
      ['统计局年报修订', '首次公布 / First publication', '首次公布 / First publication'].sort(),
    );
  });
});
