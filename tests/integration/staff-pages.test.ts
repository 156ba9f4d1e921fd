import { describe, expect, it } from 'vitest';
import { DEV_CLIENT_ID } from '../../functions/local/dev-identity.js';
import { hostedSignIn } from '../../shared/config.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { addDepartment } from '../../shared/departments/department.js';
import { json, testApp } from '../helpers/api.js';
import { TEST_ISSUER } from '../helpers/staff.js';
import { formFields, SITE, useStaffPages } from '../helpers/staff-pages.js';

/**
 * The staff pages' forms on a real dynalite, through app.request(): each calls the same shared
 * function as its JSON route, refuses what that route refuses, and comes back with a message
 * instead of a 500. Sessions are ID tokens of the development provider in the session cookie.
 */
const pages = useStaffPages();
const { session, get } = pages;
const post = (path: string, cookie: string, fields: Record<string, string | string[]> | FormData) =>
  pages.post(path, cookie, fields instanceof FormData ? fields : formFields(fields));
const rate = async (rating: number, comment: string, targetId = 'gdp') => {
  const res = await pages.app.request(
    '/api/v1/feedback',
    json(
      { targetType: 'indicator', targetId, rating, comment },
      { 'X-Voter-Token': pages.deps.voterTokens.issue().token },
    ),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { feedbackId: string }).feedbackId;
};

describe('the moderation pages', () => {
  it('approves in bulk and rejects only with a reason, each attributed to the monitor', async () => {
    const monitor = await session(['monitor'], 'li.si');
    const a = await rate(4, '希望多公布数据');
    const b = await rate(3, '广告内容 加微信');
    const queue = await get('/staff/queue', monitor);
    expect(queue.html).toContain('希望多公布数据');
    expect(queue.html).toContain('广告内容');

    const noReason = await post('/staff/queue', monitor, { ids: [b], action: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('驳回或隐藏需要写明理由');
    const none = await post('/staff/queue', monitor, { action: 'publish' });
    expect(none.status).toBe(400);

    expect(await post('/staff/queue', monitor, { ids: [a], action: 'publish' })).toMatchObject({
      status: 303,
      location: '/staff/queue?done=1&failed=0',
    });
    expect(await post('/staff/queue', monitor, { ids: [b], action: 'reject', reason: '广告' })).toMatchObject({
      status: 303,
      location: '/staff/queue?done=1&failed=0',
    });
    // Moderated meanwhile, or gone: reported, not a 500.
    expect(
      await post('/staff/queue', monitor, {
        ids: [a, '00000000-0000-4000-8000-000000000999'],
        action: 'reject',
        reason: '重复',
      }),
    ).toMatchObject({
      status: 303,
      location: '/staff/queue?done=0&failed=2',
    });
    expect((await get('/staff/queue?done=0&failed=2', monitor)).html).toContain('2 条未能处理');

    const [rejected] = (await pages.deps.audit.list({ limit: 1, action: 'comment.reject' })).items;
    expect(rejected).toMatchObject({
      actor: { name: 'li.si', roles: ['monitor'] },
      reason: '广告',
      subject: { id: b },
    });
  });

  it('hides a published comment and replies to it officially, in the department’s name', async () => {
    const monitor = await session(['monitor'], 'li.si');
    const id = await rate(5, '新学校建得很快');
    await post('/staff/queue', monitor, { ids: [id], action: 'publish' });
    const published = await get('/staff/queue?status=published&target=indicator%3Agdp', monitor);
    expect(published.html).toContain('新学校建得很快');

    await pages.deps.departments.change((list) => ({
      departments: addDepartment(list, { id: 'licheng-education', nameZh: '区教育局', nameEn: 'Education Bureau' }),
      result: null,
    }));
    expect(
      await post(`/staff/comments/${id}/replies`, monitor, {
        departmentId: 'licheng-education',
        text: '谢谢关注，下一所学校九月开学。',
      }),
    ).toMatchObject({ status: 303, location: `/staff/comments/${id}?done=replied` });
    const page = await get(`/staff/comments/${id}?done=replied`, monitor);
    expect(page.html).toContain('区教育局');
    expect(page.html).toContain('回复已发布');
    const publicComments = (await (await pages.app.request('/api/v1/indicators/gdp/comments')).json()) as {
      items: Array<{ feedbackId: string; replies: Array<{ department: string }> }>;
    };
    expect(publicComments.items.find((c) => c.feedbackId === id)!.replies).toEqual([
      expect.objectContaining({ department: '区教育局' }),
    ]);

    expect((await post(`/staff/comments/${id}/moderation`, monitor, { action: 'hide' })).status).toBe(400);
    expect(
      await post(`/staff/comments/${id}/moderation`, monitor, { action: 'hide', reason: '含个人信息' }),
    ).toMatchObject({ status: 303 });
    const notPending = await post(`/staff/comments/${id}/moderation`, monitor, {
      action: 'reject',
      reason: '已隐藏的不能驳回',
    });
    expect(notPending.status).toBe(409);
    expect(notPending.html).toContain('当前状态下不能执行此操作');
    expect((await get('/staff/comments/no-such-comment-id', monitor)).status).toBe(404);
  });
});

describe('the case pages', () => {
  it('refuses a step the case’s status does not allow, and a close without its note, with a message', async () => {
    const monitor = await session(['admin'], 'zhao');
    const id = await rate(1, '道路施工扰民，晚上十点还在施工');
    expect((await post(`/staff/cases/${id}/steps`, monitor, { action: 'close', note: '已办结' })).status).toBe(409);
    expect(await post(`/staff/cases/${id}/steps`, monitor, { action: 'verify', department: '区住建局' })).toMatchObject(
      { status: 303, location: `/staff/cases/${id}?done=step` },
    );
    expect((await post(`/staff/cases/${id}/steps`, monitor, { action: 'reply', department: '区住建局' })).status).toBe(
      400,
    );
    const page = await get(`/staff/cases/${id}`, monitor, 'en');
    expect(page.html).toContain('<dd id="case-status">being verified</dd>');
    expect(page.html).toContain('Reply to the citizen');
    const list = await get('/staff/cases?view=active', monitor);
    expect(list.html).toContain(id.slice(0, 8));
  });
});

describe('the publishing page', () => {
  it('takes a correction only with its reason, as a new revision', async () => {
    const publisher = await session(['publisher'], 'wang.wu');
    expect(
      await post('/staff/publish/observation', publisher, { indicator: 'gdp', year: '2023', value: '600' }),
    ).toMatchObject({ status: 303, location: '/staff/publish?done=new' });
    const refused = await post('/staff/publish/observation', publisher, {
      indicator: 'gdp',
      year: '2023',
      value: '601',
    });
    expect(refused.status).toBe(400);
    // In the page's language: the rule's words come from the staff dictionary, not from the domain's English.
    expect(refused.html).toContain('2023 年已有数值 600；更正须写明理由');
    expect(refused.html).toContain('value="601"');
    expect(
      await post('/staff/publish/observation', publisher, {
        indicator: 'gdp',
        year: '2023',
        value: '601',
        note: '统计局修订',
      }),
    ).toMatchObject({ location: '/staff/publish?done=correction' });
    expect(
      (await post('/staff/publish/observation', publisher, { indicator: 'gdp', year: 'last', value: 'x' })).status,
    ).toBe(400);
    const revisions = (await pages.deps.plans.listObservations('licheng-14th', 'gdp')).filter((o) => o.year === 2023);
    expect(revisions.map((o) => [o.value, o.reason, o.recordedBy])).toEqual([
      [600, 'first-publication', 'wang.wu (dev|wang.wu)'],
      [601, '统计局修订', 'wang.wu (dev|wang.wu)'],
    ]);
  });

  it('reports a bad CSV import row by row and writes nothing; a good one is imported', async () => {
    const publisher = await session(['publisher'], 'wang.wu');
    const upload = (csv: string, dryRun = false) => {
      const form = new FormData();
      form.append('kind', 'observations');
      form.append('file', new File([csv], 'values.csv', { type: 'text/csv' }));
      if (dryRun) form.append('dryRun', 'true');
      return post('/staff/publish/import', publisher, form);
    };
    const before = await pages.deps.plans.listObservations('licheng-14th', 'forest-coverage');
    const bad = await upload(
      'indicator_id,year,value\r\nforest-coverage,2024,62.5\r\nno-such,2024,1\r\nforest-coverage,1900,3\r\n',
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('发现 2 个问题');
    expect(bad.html).toMatch(/<td>3<\/td><td>indicator_id<\/td>/);
    expect(bad.html).toMatch(/<td>4<\/td><td>year<\/td>/);
    // Each reason in the page's language.
    expect(bad.html).toContain('没有指标 no-such');
    expect(bad.html).toContain('年份须在');
    expect(bad.html).not.toContain('a year from');
    expect(await pages.deps.plans.listObservations('licheng-14th', 'forest-coverage')).toEqual(before);
    const dry = await upload('indicator_id,year,value\r\nforest-coverage,2024,62.5\r\n', true);
    expect(dry.html).toContain('校验通过（未写入）：共 1 行');
    expect(await pages.deps.plans.listObservations('licheng-14th', 'forest-coverage')).toEqual(before);
    const good = await upload('indicator_id,year,value\r\nforest-coverage,2024,62.5\r\n');
    expect(good.status).toBe(200);
    expect(good.html).toContain('已导入：共 1 行');
    expect(await pages.deps.plans.listObservations('licheng-14th', 'forest-coverage')).toHaveLength(before.length + 1);
  });

  it('reports project progress, and a second report needs its reason', async () => {
    const publisher = await session(['publisher'], 'wang.wu');
    const project = readPlanFile().projects[0]!.id;
    const report = (fields: Record<string, string>) =>
      post('/staff/publish/progress', publisher, { project, status: 'in_progress', ...fields });
    expect(await report({ progress: '40', note: '主体完工' })).toMatchObject({
      location: '/staff/publish?done=progress',
    });
    expect((await report({ progress: '50', note: '装修' })).status).toBe(400);
    expect(await report({ progress: '50', note: '装修', reason: '进度更新' })).toMatchObject({ status: 303 });
    const csv = await get('/staff/export/progress.csv', publisher);
    expect(csv.res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.res.headers.get('cache-control')).toBe('private, no-store');
    expect(csv.html).toContain(`${project},in_progress,50,装修`);
  });
});

describe('the audit page', () => {
  it('filters by action and staff member, and links the same filter as CSV', async () => {
    const admin = await session(['admin'], 'zhao');
    const page = await get('/staff/audit?action=observation.publish&actor=dev%7Cwang.wu', admin);
    expect(page.status).toBe(200);
    expect(page.html).toContain('wang.wu');
    expect(page.html).not.toContain('comment.reject</td>');
    // The details are shown as the JSON they are kept as, not as a JSON string of it.
    expect(page.html).toContain('<code>{&quot;');
    expect(page.html).not.toContain('\\&quot;');
    expect(page.html).toContain('href="/staff/export/audit.csv?action=observation.publish&amp;actor=dev%7Cwang.wu"');
    const csv = await get('/staff/export/audit.csv?action=observation.publish&actor=dev%7Cwang.wu', admin);
    const rows = csv.html.trim().split('\r\n');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.slice(1).every((row) => row.includes(',observation.publish,'))).toBe(true);
    const bad = await get('/staff/audit?since=yesterday', admin);
    expect(bad.status).toBe(400);
  });
});

describe('output encoding of the staff pages', () => {
  it('shows hostile comments, replies and departments as inert text on the queue, comment and case pages', async () => {
    const payloads = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "'><svg onload=alert(1)>",
      '</textarea><script>alert(1)</script>',
      '<a href="javascript:alert(1)">点我</a>',
      '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    ];
    const monitor = await session(['monitor'], 'li.si');
    const ids = [];
    for (const payload of payloads) ids.push(await rate(1, payload, 'forest-coverage'));
    await post(`/staff/comments/${ids[0]}/replies`, monitor, { department: payloads[1]!, text: payloads[2]! });
    const pages = [
      await get('/staff/queue?target=indicator%3Aforest-coverage', monitor),
      ...(await Promise.all(ids.map((id) => get(`/staff/comments/${id}`, monitor)))),
      await get(`/staff/cases/${ids[0]}`, monitor),
    ];
    for (const page of pages) {
      expect(page.status).toBe(200);
      // The staff pages carry no script, image, frame or meta refresh of their own: any would be an injection.
      for (const tag of ['<script', '<img', '<svg', '<iframe', 'http-equiv="refresh"', 'href="javascript:'])
        expect(page.html).not.toContain(tag);
    }
    expect(pages[0]!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('faults', () => {
  it('answers a form or an import over its size limit with a page in the staff member’s language', async () => {
    const monitor = await session(['monitor', 'publisher'], 'qian');
    const reply = await post(`/staff/comments/00000000-0000-4000-8000-000000000001/replies`, monitor, {
      department: '鲤城区统计局',
      text: '长'.repeat(70_000),
    });
    expect(reply.status).toBe(413);
    expect(reply.html).toContain('表单内容超出了可接收的大小');
    const form = new FormData();
    form.append('kind', 'observations');
    form.append('file', new File(['x'.repeat(1_100_000)], 'values.csv', { type: 'text/csv' }));
    const upload = await post('/staff/publish/import', monitor, form);
    expect(upload.status).toBe(413);
    expect(upload.html).toContain('CSV 导入文件最大 1 MiB');
  });

  it('answers an edited next-page link with a 400 page that says so, on every paged staff list', async () => {
    const admin = await session(['admin'], 'zhao');
    const forged = Buffer.from(JSON.stringify({ s: '', p: 'CASE#x', k: 'x' })).toString('base64url');
    for (const path of ['/staff/audit', '/staff/cases', '/staff/queue']) {
      for (const cursor of ['not-a-cursor', forged]) {
        const { status, html } = await get(`${path}?cursor=${cursor}`, admin);
        expect(status, `${path} ${cursor}`).toBe(400);
        expect(html).toContain('链接无效');
      }
    }
  });

  it('answers a staff page as a 503 page, not a trace, when the plan is not loaded or the store fails', async () => {
    const admin = await session(['admin'], 'zhao');
    for (const plans of [
      { ...pages.deps.plans, snapshot: () => Promise.resolve(null) },
      {
        ...pages.deps.plans,
        snapshot: () =>
          Promise.reject(
            Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException', $metadata: {} }),
          ),
      },
    ]) {
      const { app: broken } = testApp(pages.store.current, {
        staffAuth: pages.identity.verifier,
        signIn: hostedSignIn(TEST_ISSUER, DEV_CLIENT_ID),
        plans,
      });
      const res = await broken.request(`${SITE}/staff/publish`, { headers: { Cookie: admin } });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(await res.text()).not.toMatch(/throttled|at .*\.ts/);
    }
  });
});
