import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPlanFile } from '../../shared/plan/file.js';
import { loadPlan } from '../../shared/plan/load.js';
import { SAMPLE_DATA_HEADER } from '../../shared/http/sample-data.js';
import { demoCounts, demoDataset } from '../../functions/local/demo/dataset.js';
import { loadDemo } from '../../functions/local/demo/load.js';
import { useStore } from '../helpers/store.js';
import { testApp, testDeps } from '../helpers/api.js';

const store = useStore();
const plan = loadPlan();
const checked = checkPlanFile(readFileSync('tests/fixtures/plans/sample-15th.json'));
if (!checked.ok) throw new Error('the sample plan fixture is invalid');
const sample = checked.plan;
/** Small, so the whole path (submit, moderation, flags, cases, aggregation) runs in seconds. */
const dataset = demoDataset(plan, sample, { seed: 'integration', ratings: 100 });

const BANNER_ZH = '示例数据';

describe('npm run demo, loaded into a real store and served marked as sample data', () => {
  it('writes the data set through the product: values, reports, ratings, moderated comments, cases, summaries', async () => {
    const report = await loadDemo(store.current, testDeps(store.current), [plan, sample], dataset);
    const counts = demoCounts(dataset);
    expect(report.plans).toEqual([plan.id, sample.id]);
    // Every rating and re-rating, and every moderation step, is a log entry the aggregation counted.
    expect(report.aggregation.entries).toBeGreaterThanOrEqual(counts.ratings + counts.reratings);

    const { app } = testApp(store.current, { sampleData: true, currentPlanId: plan.id });
    const gdp = (await (await app.request('/api/v1/indicators/gdp')).json()) as Record<string, unknown>;
    expect(JSON.stringify(gdp)).toContain(String(dataset.observations.find((o) => o.indicatorId === 'gdp')!.value));
    const ratings = await app.request('/api/v1/ratings');
    expect(ratings.status).toBe(200);
    expect(JSON.stringify(await ratings.json())).toMatch(/"count":[1-9]/);
    // The sample plan's few ratings count in its own summaries, apart from the 14th plan's.
    const sampleRatings = JSON.stringify(await (await app.request(`/api/v1/plans/${sample.id}/ratings`)).json());
    expect(sampleRatings).toContain(`"count":${counts.sampleRatings}`);
    expect(sampleRatings).not.toContain(`"count":${counts.ratings}`);
    // The 差评 cases are there, answered on time, late, or not at all.
    const stats = await app.request('/api/v1/cases/stats');
    expect(stats.status).toBe(200);
    expect(JSON.stringify(await stats.json())).toMatch(/"cases":[1-9]/);
    // Each answered by a department of the managed list, which the statistics by department count by id.
    const byDepartment = (await (await app.request('/api/v1/cases/stats?group=department')).json()) as {
      items: Array<{ key: string | null; department?: { id: string | null } | null }>;
    };
    expect(byDepartment.items.filter((row) => row.key !== null).length).toBeGreaterThan(0);
    expect(
      byDepartment.items.every((row) => row.department === null || row.department?.id?.startsWith('district-')),
    ).toBe(true);
    // The ended plan is closed, as a publisher would, audited: its evaluation is final.
    const evaluation = (await (await app.request(`/api/v1/plans/${plan.id}/evaluation`)).json()) as Record<
      string,
      unknown
    >;
    expect(evaluation.provisional).toBe(false);
    const audit = await testDeps(store.current).audit.list({ limit: 100 });
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'plan.close', subject: { type: 'plan', id: plan.id } }),
    );
  }, 60_000);

  it('marks every answer with the sample-data header, pages, API, errors and the staff pages alike, with a banner on every page', async () => {
    const { app } = testApp(store.current, { sampleData: true, currentPlanId: plan.id });
    const pages = ['/', '/indicators/gdp', '/projects', '/staff', '/open-data', '/api/docs', '/no-such-page'];
    for (const path of ['/api/v1/plan', '/api/v1/no-such-route', ...pages]) {
      const res = await app.request(path);
      expect(res.headers.get(SAMPLE_DATA_HEADER), path).toBe('true');
      if (pages.includes(path)) {
        expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
        const html = await res.text();
        expect(html, path).toContain('class="sample-banner"');
        expect(html, path).toContain(BANNER_ZH);
      }
    }
    const english = await (await app.request('/indicators/gdp', { headers: { 'Accept-Language': 'en' } })).text();
    expect(english).toContain('Sample data');
  });

  it('says nothing of sample data when the flag is off, as everywhere but the demo', async () => {
    const { app } = testApp(store.current);
    for (const path of ['/api/v1/plan', '/', '/staff']) {
      const res = await app.request(path);
      expect(res.headers.get(SAMPLE_DATA_HEADER), path).toBeNull();
      expect(await res.text(), path).not.toContain('sample-banner');
    }
  });
});
