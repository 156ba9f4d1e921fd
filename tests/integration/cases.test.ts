import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { caseRepository } from '../../shared/store/case-repository.js';
import { json, testApp } from '../helpers/api.js';
import { testIdentity } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
const PLAN_ID = readPlanFile().id;
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let monitor: Record<string, string>;
let identity: Awaited<ReturnType<typeof testIdentity>>;
// Monday 16 June 2025, 10:00 in Quanzhou.
let now = Date.parse('2025-06-16T02:00:00Z');
const DAY = 86_400_000;

type Body = Record<string, any>;
const newVoter = () => ({ 'X-Voter-Token': deps.voterTokens.issue().token });
const call = async (path: string, headers: Record<string, string>, body?: unknown) => {
  const res = await app.request(`/api/v1${path}`, body === undefined ? { headers } : json(body, headers));
  now += 1000;
  return { status: res.status, body: (await res.json()) as Body };
};
const rate = async (voter: Record<string, string>, rating: number, comment?: string, targetId = 'gdp') => {
  const res = await call('/feedback', voter, {
    targetType: 'indicator',
    targetId,
    rating,
    ...(comment ? { comment } : {}),
  });
  expect(res.status).toBe(201);
  return res.body;
};

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  identity = await testIdentity();
  ({ app, deps } = testApp(store.current, { staffAuth: identity.verifier, clock: () => new Date(now) }));
  monitor = await identity.bearer(['monitor'], { name: 'sun.li', sub: 'sub-sun' });
});

describe('opening 差评 cases', () => {
  it('opens one for every rating of 1 or 2 with a comment, at submission, and none otherwise', async () => {
    const voter = newVoter();
    const complaint = await rate(voter, 2, '数据更新太慢，2024年的数据到现在都没有');
    await rate(newVoter(), 1); // no comment
    await rate(newVoter(), 3, '一般'); // not a 差评
    const mine = await call('/me/cases', voter);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        caseId: complaint.feedbackId,
        status: 'open',
        rating: 2,
        dueState: 'on-time',
        canRateReply: false,
        dueAt: '2025-07-07T15:59:59.999Z',
      }),
    ]);
    expect(JSON.stringify(mine.body)).not.toContain('voterId');
    expect((await call('/me/cases', newVoter())).body.items).toEqual([]);
    expect((await call('/me/cases', {})).body.items).toEqual([]);
    const cases = await caseRepository(store.current).all(PLAN_ID);
    expect(cases.map((c) => c.caseId)).toEqual([complaint.feedbackId]);
  });

  it('tells the citizen which kinds of personal data were masked and which case opened, never the original text', async () => {
    const voter = newVoter();
    const complaint = await rate(
      voter,
      1,
      '统计数据三年没更新，请打 138 1234 5678 或发邮件 li.ming@example.com 给我',
      'pm25-concentration',
    );
    expect(complaint.personalDataMasked).toEqual({ phone: 1, email: 1 });
    // Monday 16 June + 15 working days: the end of Monday 7 July in China Standard Time.
    expect(complaint.followUpCase).toEqual({
      caseId: complaint.feedbackId,
      status: 'open',
      openedAt: complaint.recordedAt,
      dueAt: '2025-07-07T15:59:59.999Z',
      deadlineWorkingDays: 15,
      // The case receipt's secret code, shown this once (tests/integration/case-receipts.test.ts).
      receiptCode: expect.stringMatching(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/),
    });
    expect(JSON.stringify(complaint)).not.toMatch(/1234|li\.ming/);
    const mine = await call('/me/cases', voter);
    expect(mine.body.items.map((c: Body) => [c.caseId, c.dueAt])).toEqual([
      [complaint.feedbackId, complaint.followUpCase.dueAt],
    ]);

    const praise = await rate(newVoter(), 5, '很好，没有个人信息');
    expect(praise).toMatchObject({ personalDataMasked: {}, followUpCase: null });
  });

  it('is idempotent by feedback id, and the sweep opens a case whose opening failed', async () => {
    const failing = testApp(store.current, {
      staffAuth: identity.verifier,
      clock: () => new Date(now),
      cases: { ...deps.cases, open: () => Promise.reject(new Error('store hiccup')) },
    });
    const res = await failing.app.request(
      '/api/v1/feedback',
      json({ targetType: 'indicator', targetId: 'gdp', rating: 1, comment: '完全不满意' }, newVoter()),
    );
    expect(res.status).toBe(201); // the rating is recorded whatever happens to the case
    const { feedbackId } = (await res.json()) as Body;
    expect(await deps.cases.get(feedbackId)).toBeNull();
    const swept = await call('/monitor/cases/reconcile', monitor, {
      since: new Date(now - DAY).toISOString(),
      until: '2031-01-01T00:00:00.000Z',
    });
    expect(swept.body.opened).toEqual([feedbackId]);
    expect(
      (await call('/monitor/cases/reconcile', monitor, { since: new Date(now - DAY).toISOString() })).body.opened,
    ).toEqual([]);
    // The opening is credited to the monitor who ran the sweep, at the time it ran, whatever window was asked for.
    const entry = (await store.scanAll()).find(
      (i) => i.type === 'audit' && i.action === 'case.open' && (i.subject as Body).id === feedbackId,
    )!;
    expect(entry.actor).toMatchObject({ kind: 'staff', sub: 'sub-sun' });
    expect(entry.reason).toBe('opened-by-sweep');
    expect(Date.parse(String(entry.at))).toBeLessThanOrEqual(now);
    const opened = await deps.cases.get(feedbackId);
    expect(opened).toMatchObject({ status: 'open', openedAt: expect.any(String) });
    const again = await deps.cases.open({ ...opened!, status: 'closed' });
    expect(again).toMatchObject({ created: false, case: { status: 'open' } });
  });
});

describe('the follow-up loop', () => {
  it('goes from a complaint to a reply and a closed case before the deadline, seen by the citizen and the public', async () => {
    const voter = newVoter();
    const complaint = await rate(voter, 1, '鲤城区GDP增速为什么不公布？', 'gdp');
    const caseId = complaint.feedbackId;

    // The monitor clears the queue: the complaint's comment is published.
    const queue = await call('/monitor/comments', monitor);
    for (const c of queue.body.items)
      await call(`/monitor/comments/${c.feedbackId}/moderation`, monitor, { action: 'publish' });
    expect((await call('/monitor/comments', monitor)).body.items).toEqual([]);

    const listed = await call('/monitor/cases', monitor);
    expect(listed.body.items.map((c: Body) => c.caseId)).toContain(caseId);
    expect(listed.body.items[0]).not.toHaveProperty('voterId');

    now += 2 * DAY;
    expect((await call(`/monitor/cases/${caseId}/steps`, monitor, { action: 'rectify', note: 'x' })).status).toBe(409);
    expect(
      (await call(`/monitor/cases/${caseId}/steps`, monitor, { action: 'verify', department: '鲤城区统计局' })).body,
    ).toMatchObject({ status: 'verifying', department: '鲤城区统计局' });
    expect(
      (await call(`/monitor/cases/${caseId}/steps`, monitor, { action: 'rectify', note: '已要求统计局按季度公布' }))
        .body,
    ).toMatchObject({ status: 'rectifying' });
    now += 3 * DAY;
    const replied = await call(`/monitor/cases/${caseId}/steps`, monitor, {
      action: 'reply',
      department: '鲤城区统计局',
      text: '已整改：自2025年7月起按季度公布GDP增速。',
    });
    expect(replied.body).toMatchObject({ status: 'replied', resolution: 'rectified', dueState: 'awaiting-citizen' });

    // The public sees the reply under the comment; the citizen sees it in their case and rates it.
    const comments = (await call('/indicators/gdp/comments', {})).body.items as Body[];
    expect(comments.find((c) => c.feedbackId === caseId)?.replies).toEqual([
      {
        department: '鲤城区统计局',
        departmentEn: '鲤城区统计局',
        text: '已整改：自2025年7月起按季度公布GDP增速。',
        publishedAt: expect.any(String),
      },
    ]);
    const mine = (await call('/me/cases', voter)).body.items[0];
    expect(mine).toMatchObject({ status: 'replied', canRateReply: true, reply: { department: '鲤城区统计局' } });
    expect((await call(`/me/cases/${caseId}/satisfaction`, newVoter(), { satisfied: true })).status).toBe(404);
    const rated = await call(`/me/cases/${caseId}/satisfaction`, voter, { satisfied: true });
    expect(rated.body).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
    expect((await call(`/me/cases/${caseId}/satisfaction`, voter, { satisfied: false })).status).toBe(409);

    const detail = await call(`/monitor/cases/${caseId}`, monitor);
    expect(detail.body.history.map((h: Body) => [h.action, h.to])).toEqual([
      ['open', 'open'],
      ['verify', 'verifying'],
      ['rectify', 'rectifying'],
      ['reply', 'replied'],
      ['satisfied', 'closed'],
    ]);
    expect(detail.body.history[3].by).toBe('sun.li (sub-sun)');
    expect(detail.body.audit.map((e: Body) => e.action)).toEqual([
      'case.open',
      'case.verify',
      'case.rectify',
      'case.reply',
      'case.satisfaction',
    ]);
    expect(detail.body.firstReplyAt <= detail.body.firstDueAt).toBe(true);
  });

  it('lets a monitor reply to a complaint and close its case before the deadline', async () => {
    const complaint = await rate(newVoter(), 2, '道路施工信息不公开', 'retail-sales');
    const caseId = complaint.feedbackId;
    await call(`/monitor/cases/${caseId}/steps`, monitor, { action: 'verify', department: '鲤城区商务局' });
    now += 4 * DAY;
    await call(`/monitor/cases/${caseId}/steps`, monitor, {
      action: 'reply',
      department: '鲤城区商务局',
      text: '经核实，信息已在区政府网站公开。',
    });
    now += 2 * DAY;
    const closed = await call(`/monitor/cases/${caseId}/steps`, monitor, {
      action: 'close',
      note: '已答复，市民未再反映',
    });
    expect(closed.body).toMatchObject({ status: 'closed', resolution: 'explained', dueState: 'closed' });
    expect(closed.body.closedAt < closed.body.firstDueAt).toBe(true);
    expect(closed.body.history.at(-1)).toMatchObject({
      action: 'close',
      by: 'sun.li (sub-sun)',
      note: '已答复，市民未再反映',
    });
  });

  it('starts a review with a new deadline when the citizen is not satisfied, and the monitor closes it', async () => {
    const voter = newVoter();
    const complaint = await rate(voter, 2, '解释不清楚', 'tourist-visits');
    const caseId = complaint.feedbackId;
    await call(`/monitor/cases/${caseId}/steps`, monitor, { action: 'verify' });
    await call(`/monitor/cases/${caseId}/steps`, monitor, {
      action: 'reply',
      department: '鲤城区文旅局',
      text: '数据口径为过夜游客。',
    });
    now += 3 * DAY;
    const disputed = await call(`/me/cases/${caseId}/satisfaction`, voter, { satisfied: false, note: '还是不明白' });
    expect(disputed.body).toMatchObject({ status: 'disputed', satisfaction: 'unsatisfied' });
    expect(disputed.body.dueAt > disputed.body.firstDueAt).toBe(true);
    expect((await call(`/monitor/cases/${caseId}/steps`, monitor, { action: 'verify' })).body.status).toBe('verifying');
    await call(`/monitor/cases/${caseId}/steps`, monitor, {
      action: 'reply',
      department: '鲤城区文旅局',
      text: '复核后补充：口径见统计公报第3页。',
    });
    expect(
      (await call(`/monitor/cases/${caseId}/steps`, monitor, { action: 'close', note: '复核答复已送达' })).body,
    ).toMatchObject({ status: 'closed', resolution: 'explained' });
  });

  it('masks personal data in a case reply everywhere it is kept and shown, and in a citizen’s note on it', async () => {
    const voter = newVoter();
    const caseId = (await rate(voter, 1, '公交站台破损', 'forest-coverage')).feedbackId;
    await call(`/monitor/cases/${caseId}/steps`, monitor, { action: 'verify' });
    const reply = '已电话联系您 13812345678，身份证 11010519491231002X 已核对。';
    const replied = await call(`/monitor/cases/${caseId}/steps`, monitor, {
      action: 'reply',
      department: '鲤城区林业局',
      text: reply,
    });
    expect(replied.body.reply.text).toBe('已电话联系您 【已隐去：电话】，身份证 【已隐去：身份证号】 已核对。');
    const disputed = await call(`/me/cases/${caseId}/satisfaction`, voter, {
      satisfied: false,
      note: '请再打给我 13912345678',
    });
    expect(disputed.status).toBe(200);
    await call(`/monitor/cases/${caseId}/steps`, monitor, { action: 'close', note: '复核维持' });

    const kept = JSON.stringify([await caseRepository(store.current).get(caseId, true), await store.scanAll()]);
    expect(kept).not.toContain('13812345678');
    expect(kept).not.toContain('11010519491231002X');
    expect(kept).not.toContain('13912345678');
    const feed = await (await app.request('/api/v1/feeds/indicators/forest-coverage.atom')).text();
    expect(feed).toContain('【已隐去：电话】');
    expect(feed).not.toContain('13812345678');
  });

  it('refuses a reply that masking would make too long to keep, before the case changes', async () => {
    const caseId = (await rate(newVoter(), 2, '信息不全', 'forest-coverage')).feedbackId;
    await call(`/monitor/cases/${caseId}/steps`, monitor, { action: 'verify' });
    // 500 e-mail addresses of 6 characters and a space: 3,500 typed, 4,500 once each is a placeholder of 8.
    const refused = await call(`/monitor/cases/${caseId}/steps`, monitor, {
      action: 'reply',
      department: '鲤城区林业局',
      text: 'a@b.cc '.repeat(500),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toMatch(/once personal data is masked/);
    expect((await call(`/monitor/cases/${caseId}`, monitor)).body).toMatchObject({ status: 'verifying', reply: null });
  });

  it('shows monitors what is due soon and what is overdue', async () => {
    const a = await rate(newVoter(), 1, '逾期测试', 'export-value');
    now += 20 * DAY; // well past 15 working days
    const b = await rate(newVoter(), 2, '将到期测试', 'export-value');
    now += 17 * DAY; // b is now within 3 working days of its deadline
    const overdue = await call('/monitor/cases?view=overdue', monitor);
    expect(overdue.body.items.map((c: Body) => c.caseId)).toContain(a.feedbackId);
    expect(overdue.body.items.every((c: Body) => c.dueState === 'overdue')).toBe(true);
    const soon = await call('/monitor/cases?view=due-soon', monitor);
    expect(soon.body.items.map((c: Body) => c.caseId)).toContain(b.feedbackId);
  });
});

describe('public statistics of the 差评 loop', () => {
  it('say per target and per department how many were answered, how fast and how many on time', async () => {
    const byTarget = await call('/cases/stats?group=target', {});
    expect(byTarget.status).toBe(200);
    const gdp = byTarget.body.items.find((s: Body) => s.key === 'indicator:gdp');
    // Opened on Monday 16 June, answered on Saturday 21 June: five calendar days, four working days.
    expect(gdp).toMatchObject({ answered: 1, answeredOnTime: 1, satisfied: 1, medianDays: 5, medianWorkingDays: 4 });
    expect(gdp.cases).toBeGreaterThanOrEqual(3);
    const exports = byTarget.body.items.find((s: Body) => s.key === 'indicator:export-value');
    // One is overdue, the other not due yet: only the first counts in the share on time.
    expect(exports).toMatchObject({ cases: 2, answered: 0, overdue: 1, onTimeShare: 0 });
    const byDepartment = await call('/cases/stats?group=department', {});
    // Free text no listed department answers to: unassigned (key null), shown as typed.
    expect(byDepartment.body.items.find((s: Body) => s.department?.nameZh === '鲤城区统计局')).toMatchObject({
      key: null,
      department: { id: null, nameZh: '鲤城区统计局' },
      answered: 1,
      onTimeShare: 1,
    });
    expect(byDepartment.body.overall.cases).toBe(byTarget.body.overall.cases);
    expect(JSON.stringify(byTarget.body)).not.toMatch(/voterId|comment/);
    expect((await call('/cases/stats?group=voter', {})).status).toBe(400);
  });

  it('export every case as CSV for monitors', async () => {
    const res = await app.request('/api/v1/monitor/export/cases.csv', { headers: monitor });
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'case_id,target_type,target_id,rating,department,department_id,status,opened_at,first_due_at,first_reply_at,answered_on_time,working_days_to_reply,resolution,closed_at,satisfaction',
    );
    expect(lines.length - 1).toBe((await caseRepository(store.current).all(PLAN_ID)).length);
  });
});
