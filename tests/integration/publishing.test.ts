import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { json, testApp } from '../helpers/api.js';
import { testIdentity } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let publisher: Record<string, string>;
let now = Date.parse('2026-03-02T02:00:00Z');
const project = readPlanFile().projects[0]!;

type Body = Record<string, any>;
const call = async (path: string, headers: Record<string, string> = {}, body?: unknown) => {
  const res = await app.request(`/api/v1${path}`, body === undefined ? { headers } : json(body, headers));
  now += 60_000;
  return { status: res.status, body: (await res.json()) as Body };
};

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  const identity = await testIdentity();
  ({ app } = testApp(store.current, { staffAuth: identity.verifier, clock: () => new Date(now) }));
  publisher = await identity.bearer(['publisher'], { name: 'zhou.stats', sub: 'sub-zhou' });
});

describe('publishing an indicator value', () => {
  it('changes the indicator’s status on the public answer and page as soon as the 2025 GDP value is in', async () => {
    const page = async () => (await app.request('/indicators/gdp', { headers: { 'Accept-Language': 'zh-CN' } })).text();
    const pageBefore = await page();
    expect(pageBefore).toContain('无法评估');
    expect(pageBefore).not.toContain('已实现');
    const before = await call('/indicators/gdp');
    expect(before.body.progress.status).toBe('not_assessable');
    expect(before.body.latest).toBeNull();

    const published = await call('/publisher/indicators/gdp/observations', publisher, {
      year: 2025,
      value: 662.5,
      source: '2025年鲤城区国民经济和社会发展统计公报',
    });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      outcome: 'new',
      observation: { year: 2025, value: 662.5, revision: 1, recordedBy: 'zhou.stats (sub-zhou)' },
    });

    const after = await call('/indicators/gdp');
    expect(after.body.latest).toEqual({ year: 2025, value: 662.5 });
    expect(after.body.progress.status).toBe('achieved'); // 662.5 ≥ the 2025 target of 650
    const list = await call('/indicators?status=achieved');
    expect(list.body.items.map((i: Body) => i.id)).toContain('gdp');
    expect((await call('/plan')).body.counts.statuses.achieved).toBeGreaterThanOrEqual(1);
    expect(await page()).toContain('已实现');
  });

  it('keeps every value: a correction is a new revision that must say why, and the same value again changes nothing', async () => {
    const noReason = await call('/publisher/indicators/gdp/observations', publisher, { year: 2025, value: 640.1 });
    expect(noReason.status).toBe(400);
    const corrected = await call('/publisher/indicators/gdp/observations', publisher, {
      year: 2025,
      value: 640.1,
      reason: '统计局年报修订：核减服务业增加值',
    });
    expect(corrected.body).toMatchObject({
      outcome: 'correction',
      observation: { revision: 2, value: 640.1, source: '2025年鲤城区国民经济和社会发展统计公报' },
    });
    const same = await call('/publisher/indicators/gdp/observations', publisher, { year: 2025, value: 640.1 });
    expect(same).toMatchObject({ status: 200, body: { outcome: 'unchanged' } });
    const detail = await call('/indicators/gdp');
    expect(detail.body.latest).toEqual({ year: 2025, value: 640.1 });
    // The system's reason is kept as its code, a publisher's as typed.
    expect(detail.body.revisions.map((r: Body) => [r.revision, r.value, r.reason, r.reasonCode])).toEqual([
      [1, 662.5, 'first-publication', 'first-publication'],
      [2, 640.1, '统计局年报修订：核减服务业增加值', null],
    ]);
    expect(detail.body.progress.status).not.toBe('not_assessable');
    // Only the indicator's own years: the 14th plan's GDP from its baseline 2020 to its target 2025.
    for (const year of [2019, 2026, 2040]) {
      const outside = await call('/publisher/indicators/gdp/observations', publisher, { year, value: 1 });
      expect(outside.status).toBe(400);
      expect(outside.body.errors).toEqual([{ path: 'year', message: `a year from 2020 to 2025, not "${year}"` }]);
    }
    expect(
      (await call('/publisher/indicators/no-such-thing/observations', publisher, { year: 2025, value: 1 })).status,
    ).toBe(404);
  });
});

describe('publishing project progress', () => {
  it('shows the current report and the history on the public project, and counts the status', async () => {
    expect((await call(`/projects/${project.id}`)).body).toMatchObject({
      status: 'unknown',
      progress: 0,
      progressReport: null,
      progressHistory: [],
    });
    const first = await call(`/publisher/projects/${project.id}/progress`, publisher, {
      status: 'in_progress',
      progress: 40,
      note: '主体工程完成40%',
      source: '区发改局2026年一季度调度',
    });
    expect(first.status).toBe(201);
    expect(
      (
        await call(`/publisher/projects/${project.id}/progress`, publisher, {
          status: 'in_progress',
          progress: 55,
          note: '完成55%',
        })
      ).status,
    ).toBe(400);
    await call(`/publisher/projects/${project.id}/progress`, publisher, {
      status: 'in_progress',
      progress: 35,
      note: '主体工程完成35%',
      reason: '更正：上次误报了计划进度',
    });
    const shown = await call(`/projects/${project.id}`);
    expect(shown.body).toMatchObject({
      status: 'in_progress',
      progress: 35,
      progressReport: { revision: 2, note: '主体工程完成35%' },
    });
    expect(shown.body.progressHistory.map((h: Body) => [h.revision, h.progress, h.reason, h.reasonCode])).toEqual([
      [1, 40, 'first-report', 'first-report'],
      [2, 35, '更正：上次误报了计划进度', null],
    ]);
    expect(JSON.stringify(shown.body)).not.toContain('zhou.stats');
    expect((await call('/projects?status=in_progress')).body.items.map((p: Body) => p.id)).toEqual([project.id]);
    expect((await call('/plan')).body.counts.projectStatuses.in_progress).toBe(1);
  });
});

describe('attribution', () => {
  it('leaves every publication in the audit log with who, when and why', async () => {
    const identity = await testIdentity();
    const { app: sameStore } = testApp(store.current, { staffAuth: identity.verifier });
    const admin = await identity.bearer(['admin']);
    const res = await sameStore.request('/api/v1/admin/audit?limit=50', { headers: admin });
    const entries = ((await res.json()) as Body).items as Body[];
    expect(entries.filter((e) => e.action === 'observation.publish').map((e) => [e.actor.name, e.reason])).toEqual([
      ['zhou.stats', '统计局年报修订：核减服务业增加值'],
      ['zhou.stats', null],
    ]);
    expect(entries.filter((e) => e.action === 'progress.publish')).toHaveLength(2);
  });
});

describe('reported project progress on the citizen pages', () => {
  it('shows the reported status and progress on the project page, the status filter and the home counts, as the API does', async () => {
    const reported = readPlanFile().projects[1]!;
    expect(
      (
        await call(`/publisher/projects/${reported.id}/progress`, publisher, {
          status: 'in_progress',
          progress: 35,
          note: '完成征地拆迁',
        })
      ).status,
    ).toBe(201);
    const page = async (path: string, lang: 'zh-CN' | 'en' = 'zh-CN') =>
      (await app.request(path, { headers: { Cookie: `lang=${lang}` } })).text();

    const zh = await page(`/projects/${reported.id}`);
    expect(zh).toContain('<span class="badge badge--project-in_progress">在建</span>');
    expect(zh).toMatch(/<meter min="0" max="100" value="35" aria-label="进度">35%<\/meter>/);
    expect(zh).not.toContain('未报告');
    const en = await page(`/projects/${reported.id}`, 'en');
    expect(en).toContain('<span class="badge badge--project-in_progress">In progress</span>');
    expect(en).not.toContain('Not reported');

    const cards = (html: string) =>
      [...html.matchAll(/<h2 class="card__title"><a href="\/projects\/([^"]+)">/g)].map((m) => m[1]);
    const api = (await call('/projects?status=in_progress')).body.items.map((p: Body) => p.id);
    expect(api).toContain(reported.id);
    expect(cards(await page('/projects?status=in_progress'))).toEqual(api);
    expect(cards(await page('/projects?status=in_progress', 'en'))).toEqual(api);

    // The home page counts projects by status exactly as the API's plan does.
    const counts = (html: string) => {
      const section = /<section class="panel" aria-labelledby="projects-heading">[\s\S]*?<\/section>/.exec(html)![0];
      return Object.fromEntries(
        [...section.matchAll(/badge--project-(\w+)">[^<]*<\/span> <strong class="count">(\d+)</g)].map((m) => [
          m[1],
          Number(m[2]),
        ]),
      );
    };
    const { projectStatuses } = (await call('/plan')).body.counts;
    expect(projectStatuses.in_progress).toBeGreaterThanOrEqual(1);
    expect(counts(await page('/'))).toEqual(
      Object.fromEntries(Object.entries(projectStatuses).filter(([, n]) => (n as number) > 0)),
    );
    expect(counts(await page('/', 'en'))).toEqual(counts(await page('/')));
  });
});
