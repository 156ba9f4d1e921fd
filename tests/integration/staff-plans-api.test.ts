import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/auth/roles.js';
import { json } from '../helpers/api.js';
import { useStaffPages } from '../helpers/staff-pages.js';

/**
 * The staff plans API and plan-scoped staff work on a real dynalite, beside the 14th plan: a
 * publisher uploads a plan file as a draft (a bad one refused with every problem, nothing written),
 * publishes, closes and reopens it, each change audited; values go to the plan the address names
 * (a draft too), never to a closed plan; the unscoped addresses follow the current plan.
 */
const pages = useStaffPages();
const SAMPLE = readFileSync('tests/fixtures/plans/sample-15th.json', 'utf8');

type Body = Record<string, any>;
let auth: Record<'publisher' | 'admin' | 'monitor', Record<string, string>>;
beforeAll(async () => {
  const bearer = (roles: Role[], name: string) => pages.identity.bearer(roles, { name, sub: `sub-${name}` });
  auth = {
    publisher: await bearer(['publisher'], 'wang.wu'),
    admin: await bearer(['admin'], 'zhao.admin'),
    monitor: await bearer(['monitor'], 'li.si'),
  };
});

const call = async (path: string, init: RequestInit = {}) => {
  const res = await pages.app.request(`/api/v1${path}`, init);
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: (type.includes('json') ? JSON.parse(text) : text) as Body, text };
};
const upload = (
  content: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string>,
  type = 'application/json',
) => call('/publisher/plans', { method: 'POST', headers: { 'Content-Type': type, ...headers }, body: content });
const changeStatus = (planId: string, body: unknown, headers = auth.publisher) =>
  call(`/publisher/plans/${planId}/status`, json(body, headers));
const planIds = async () => (await pages.deps.plans.listPlans()).map((p) => p.id).sort();

describe('the staff plans API', () => {
  it('is for publishers and admins, with a token', async () => {
    expect((await call('/publisher/plans')).status).toBe(401);
    expect((await call('/publisher/plans', { headers: auth.monitor })).status).toBe(403);
    expect((await upload(SAMPLE, auth.monitor)).status).toBe(403);
    expect((await changeStatus('licheng-14th', { to: 'closed' }, auth.monitor)).status).toBe(403);
    const listed = await call('/publisher/plans', { headers: auth.admin });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      items: [expect.objectContaining({ id: 'licheng-14th', status: 'published', current: true })],
      current: 'licheng-14th',
    });
    expect(await planIds()).toEqual(['licheng-14th']);
  });

  it('refuses a bad plan file with every problem at its JSON path, and writes nothing', async () => {
    const bad = JSON.parse(SAMPLE) as Body;
    bad.indicators[0].category = '科技';
    delete bad.titleZh;
    const refused = await upload(JSON.stringify(bad), auth.publisher);
    expect(refused.status).toBe(400);
    expect(refused.body.type).toMatch(/validation-failed$/);
    expect(refused.body.errors.map((e: Body) => e.path).sort()).toEqual(['indicators[0].category', 'titleZh']);

    const notUtf8 = await upload(new Uint8Array([0x7b, 0xc0, 0xaf, 0x7d]), auth.publisher);
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.body.errors[0].message).toMatch(/not UTF-8/);
    expect((await upload('{"id": ', auth.publisher)).body.errors[0].message).toMatch(/^not JSON/);
    expect((await upload(new Uint8Array(3 * 1024 * 1024).fill(0x20), auth.publisher)).status).toBe(413);
    expect((await upload(SAMPLE, auth.publisher, 'text/plain')).status).toBe(415);
    expect(await planIds()).toEqual(['licheng-14th']);
    expect((await pages.deps.audit.forSubject('plan', 'sample-15th')).length).toBe(0);
  });

  it('stores a draft, then publishes, closes and reopens it as the lifecycle allows, each change audited', async () => {
    const stored = await upload(SAMPLE, auth.publisher);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({
      outcome: 'stored',
      plan: { id: 'sample-15th', status: 'draft', loadedBy: 'upload', current: false },
      indicators: JSON.parse(SAMPLE).indicators.length,
    });
    expect(await upload(SAMPLE, auth.publisher)).toMatchObject({ status: 200, body: { outcome: 'unchanged' } });
    // Citizens never see a draft.
    expect((await call('/plans/sample-15th/plan')).status).toBe(404);

    const refused = await changeStatus('sample-15th', { to: 'closed' });
    expect(refused.status).toBe(409);
    expect(refused.body.planStatus).toBe('draft');
    expect((await changeStatus('no-such-plan', { to: 'published' })).status).toBe(404);
    expect((await changeStatus('Not An Id', { to: 'published' })).status).toBe(404);
    expect((await changeStatus('sample-15th', { to: 'archived' })).status).toBe(400);

    const published = await changeStatus('sample-15th', { to: 'published', reason: '审核完毕' });
    expect(published).toMatchObject({ status: 200, body: { plan: { id: 'sample-15th', status: 'published' } } });
    // Its period holds this year: it is now the current plan, which the unscoped addresses stand for.
    expect((await call('/publisher/plans', { headers: auth.publisher })).body.current).toBe('sample-15th');
    expect((await changeStatus('sample-15th', { to: 'closed', reason: '规划期结束' }, auth.admin)).status).toBe(200);
    expect((await changeStatus('sample-15th', { to: 'draft' })).status).toBe(409);
    expect((await changeStatus('sample-15th', { to: 'published', reason: '误关闭' })).status).toBe(200);
    // A public plan's file is replaced by an operator's import, never by an upload.
    expect((await upload(SAMPLE.replace('"titleEn": "', '"titleEn": "New '), auth.publisher)).status).toBe(409);

    const log = await pages.deps.audit.forSubject('plan', 'sample-15th');
    expect(log.map((e) => [e.action, e.actor.name, e.reason])).toEqual([
      ['plan.upload', 'wang.wu', null],
      ['plan.publish', 'wang.wu', '审核完毕'],
      ['plan.close', 'zhao.admin', '规划期结束'],
      ['plan.reopen', 'wang.wu', '误关闭'],
    ]);
  });
});

describe('plan-scoped staff work', () => {
  const observation = (planId: string | null, body: unknown) =>
    call(`/publisher${planId ? `/plans/${planId}` : ''}/indicators/gdp/observations`, json(body, auth.publisher));
  const exported = async (planId: string | null, file: string) =>
    (await call(`/publisher${planId ? `/plans/${planId}` : ''}/export/${file}`, { headers: auth.publisher })).text;

  it('publishes to the plan the address names, and the unscoped address to the current plan', async () => {
    const toOld = await observation('licheng-14th', { year: 2025, value: 662.5, source: '统计公报' });
    expect(toOld.status).toBe(201);
    const toCurrent = await observation(null, { year: 2026, value: 612, source: '示例 · Example' });
    expect(toCurrent.status).toBe(201);
    expect(await pages.deps.plans.listObservations('sample-15th', 'gdp')).toMatchObject([{ year: 2026, value: 612 }]);
    expect(await pages.deps.plans.listObservations('licheng-14th', 'gdp')).toMatchObject([{ year: 2025 }]);
    expect(await exported('licheng-14th', 'observations.csv')).toContain('gdp,2025,662.5');
    expect(await exported('licheng-14th', 'observations.csv')).not.toContain('gdp,2026');
    expect(await exported(null, 'observations.csv')).toContain('gdp,2026,612');
    expect((await observation('no-such-plan', { year: 2026, value: 1 })).status).toBe(404);
  });

  it('refuses values, progress and imports for a closed plan, and takes them again once it is reopened', async () => {
    expect((await changeStatus('licheng-14th', { to: 'closed', reason: '规划期结束' })).status).toBe(200);
    const refused = await observation('licheng-14th', { year: 2024, value: 600 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ planStatus: 'closed' });
    const project = (await pages.deps.plans.snapshot('licheng-14th'))!.projects[0]!.id;
    const progress = await call(
      `/publisher/plans/licheng-14th/projects/${project}/progress`,
      json({ status: 'completed', progress: 100, note: '完成' }, auth.publisher),
    );
    expect(progress.status).toBe(409);
    const imported = await call('/publisher/plans/licheng-14th/import/observations?dryRun=true', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv; charset=utf-8', ...auth.publisher },
      body: 'indicator_id,year,value\r\ngdp,2024,600\r\n',
    });
    expect(imported.status).toBe(409);
    // Its figures stay readable.
    expect(await exported('licheng-14th', 'observations.csv')).toContain('gdp,2025,662.5');
    expect((await changeStatus('licheng-14th', { to: 'published', reason: '更正' })).status).toBe(200);
    expect((await observation('licheng-14th', { year: 2024, value: 600 })).status).toBe(201);
  });

  it('lists a plan’s queue, cases and cases CSV for monitors at its own address, an unknown plan not found', async () => {
    const monitor = { headers: auth.monitor };
    const queue = await call('/monitor/plans/sample-15th/comments', monitor);
    expect(queue).toMatchObject({ status: 200, body: { status: 'pending', items: [] } });
    expect(await call('/monitor/plans/licheng-14th/cases?view=overdue', monitor)).toMatchObject({
      status: 200,
      body: { view: 'overdue', items: [] },
    });
    const csv = await call('/monitor/plans/sample-15th/export/cases.csv', monitor);
    expect(csv.status).toBe(200);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1);
    expect((await call('/monitor/plans/no-such-plan/cases', monitor)).status).toBe(404);
    expect((await call('/monitor/plans/sample-15th/cases', { headers: auth.publisher })).status).toBe(403);
  });

  it('shows the staff pages of a plan named in the address, with a switcher, and says when it is closed', async () => {
    const publisher = await pages.session(['publisher'], 'wang.wu');
    const current = await pages.get('/staff/publish', publisher);
    expect(current.status).toBe(200);
    expect(current.html).toContain('id="staff-plan"');
    expect(current.html).toContain('action="/staff/publish/observation"');
    expect(current.html).toContain('href="/staff/plans/licheng-14th/publish"');

    const named = await pages.get('/staff/plans/licheng-14th/publish', publisher, 'en');
    expect(named.status).toBe(200);
    expect(named.html).toContain('action="/staff/plans/licheng-14th/publish/observation"');
    expect(named.html).toContain('href="/staff/plans/licheng-14th/export/observations.csv"');
    expect(named.html).not.toContain('id="plan-closed"');
    expect((await pages.get('/staff/plans/no-such-plan/publish', publisher)).status).toBe(404);
    expect((await pages.get('/staff/plans/licheng-14th', publisher)).status).toBe(200);

    expect((await changeStatus('licheng-14th', { to: 'closed', reason: '规划期结束' })).status).toBe(200);
    const closed = await pages.get('/staff/plans/licheng-14th/publish', publisher);
    expect(closed.html).toContain('id="plan-closed"');
    expect(closed.html).toContain('该规划已关闭');
    const post = await pages.post(
      '/staff/plans/licheng-14th/publish/observation',
      publisher,
      new URLSearchParams({ indicator: 'gdp', year: '2023', value: '580' }),
    );
    expect(post.status).toBe(409);
    expect(post.html).toContain('该规划已关闭');
    expect(await pages.deps.plans.listObservations('licheng-14th', 'gdp')).not.toContainEqual(
      expect.objectContaining({ year: 2023 }),
    );
  });
});
