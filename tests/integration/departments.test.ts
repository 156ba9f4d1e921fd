import { describe, expect, it } from 'vitest';
import { departmentRepository } from '../../shared/store/department-repository.js';
import { useModerationApp, type Body } from '../helpers/moderation.js';

/**
 * The managed departments on real dynalite: the list an administrator keeps (API and CSV import),
 * the reply path that names them by id, and the statistics that count by them.
 */
const env = useModerationApp();
const { staff, submit } = env;

const STATS = { id: 'licheng-stats', nameZh: '鲤城区统计局', nameEn: 'Licheng Statistics Bureau', aliases: ['统计局'] };

const importCsv = async (text: string, headers: Record<string, string>, dryRun = false) => {
  const res = await env.app.request(`/api/v1/admin/import/departments${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' },
    body: text,
  });
  return { status: res.status, body: (await res.json()) as Body };
};
const auditOf = async (action: string) => (await env.deps.audit.list({ limit: 100, action })).items;

describe('the department list', () => {
  it('is kept by administrators only: added, renamed with the former name kept as an alias, deactivated', async () => {
    expect((await staff('/admin/departments', {}, STATS)).status).toBe(401);
    expect((await staff('/admin/departments', env.monitor, STATS)).status).toBe(403);
    expect((await staff('/monitor/departments', {})).status).toBe(401);

    expect(await staff('/admin/departments', env.admin, STATS)).toMatchObject({
      status: 201,
      body: { ...STATS, active: true },
    });
    // Another department may not answer to a name or alias already taken, however it is spaced.
    expect(
      await staff('/admin/departments', env.admin, { id: 'stats-2', nameZh: '统 计 局', nameEn: 'Statistics' }),
    ).toMatchObject({ status: 409, body: { type: 'urn:gongping:problem:invalid-state' } });
    expect((await staff('/admin/departments', env.admin, { id: 'Bad Id', nameZh: 'x', nameEn: 'x' })).status).toBe(400);

    const renamed = await staff('/admin/departments/licheng-stats', env.admin, { nameZh: '泉州市鲤城区统计局' });
    expect(renamed).toMatchObject({
      status: 200,
      body: { nameZh: '泉州市鲤城区统计局', aliases: ['统计局', '鲤城区统计局'], active: true },
    });
    expect((await staff('/admin/departments/no-such', env.admin, { active: false })).status).toBe(404);
    expect((await staff('/admin/departments/licheng-stats', env.admin, {})).status).toBe(400);

    await staff('/admin/departments', env.admin, { id: 'licheng-old', nameZh: '旧部门', nameEn: 'Old office' });
    expect(await staff('/admin/departments/licheng-old', env.admin, { active: false })).toMatchObject({
      status: 200,
      body: { active: false },
    });
    const list = await staff('/monitor/departments', env.monitor);
    expect(list.body.items.map((d: Body) => [d.id, d.active])).toEqual([
      ['licheng-stats', true],
      ['licheng-old', false],
    ]);
    const changes = await auditOf('department.change');
    expect(changes.map((e) => [e.subject.id, JSON.parse(e.details).op])).toEqual([
      ['licheng-old', 'deactivate'],
      ['licheng-old', 'add'],
      ['licheng-stats', 'rename'],
      ['licheng-stats', 'add'],
    ]);
    expect(changes[0]!.actor).toMatchObject({ name: 'qian.admin', roles: ['admin'] });
  });

  it('imports a CSV whole or not at all: a bad row is reported with its line and nothing is written', async () => {
    const before = await departmentRepository(env.store.current).list();
    const bad = [
      'id,name_zh,name_en,aliases',
      'licheng-finance,鲤城区财政局,Finance Bureau,财政局',
      'Licheng Edu,鲤城区教育局,Education Bureau,',
      'licheng-tax,统计局,Tax Office,',
      '',
    ].join('\r\n');
    const refused = await importCsv(bad, env.admin);
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual([
      expect.objectContaining({ line: 3, column: 'id' }),
      expect.objectContaining({
        line: 4,
        column: 'name_zh',
        reason: '统计局 is already a name of department licheng-stats',
      }),
    ]);
    expect(await departmentRepository(env.store.current).list()).toEqual(before);
    expect((await importCsv(bad, env.monitor)).status).toBe(403);

    const good =
      'id,name_zh,name_en,aliases\r\nlicheng-finance,鲤城区财政局,Finance Bureau,财政局；区财政局\r\nlicheng-old,旧部门,Old office,\r\n';
    expect(await importCsv(good, env.admin, true)).toMatchObject({ status: 200, body: { added: 1, changed: 1 } });
    expect(await departmentRepository(env.store.current).list()).toEqual(before);
    expect(await importCsv(good, env.admin)).toMatchObject({
      status: 201,
      body: { dryRun: false, added: 1, changed: 1 },
    });
    const after = await departmentRepository(env.store.current).list();
    expect(after.find((d) => d.id === 'licheng-finance')).toMatchObject({
      aliases: ['财政局', '区财政局'],
      active: true,
    });
    // A known id in the file updates it, and brings it back into use.
    expect(after.find((d) => d.id === 'licheng-old')).toMatchObject({ active: true });
    expect((await auditOf('department.change')).map((e) => JSON.parse(e.details).op)[0]).toBe('import');
  });
});

describe('one reply path', () => {
  it('answers a comment that opened a case through the case: its reply step, audited once as case.reply', async () => {
    const complaint = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 1, comment: '数据太旧了' });
    const caseId = complaint.feedbackId as string;
    // A case that is still open must be verified before it is answered, from either address.
    const early = await staff(`/monitor/comments/${caseId}/replies`, env.monitor, {
      departmentId: 'licheng-stats',
      text: '已核实。',
    });
    expect(early).toMatchObject({ status: 409, body: { type: 'urn:gongping:problem:invalid-state' } });
    expect((await staff(`/monitor/cases/${caseId}/steps`, env.monitor, { action: 'verify' })).status).toBe(200);

    const repliesBefore = (await auditOf('comment.reply')).length;
    const reply = await staff(`/monitor/comments/${caseId}/replies`, env.monitor, {
      departmentId: 'licheng-stats',
      text: '2024年数据已于上月发布。',
    });
    expect(reply).toMatchObject({
      status: 201,
      body: { caseId, reply: { department: '泉州市鲤城区统计局' }, public: false },
    });
    const detail = await staff(`/monitor/cases/${caseId}`, env.monitor);
    expect(detail.body).toMatchObject({
      status: 'replied',
      department: '泉州市鲤城区统计局',
      departmentId: 'licheng-stats',
      comment: { replies: [expect.objectContaining({ departmentId: 'licheng-stats', caseId })] },
    });
    const caseReplies = (await auditOf('case.reply')).filter((e) => e.subject.id === caseId);
    expect(caseReplies).toHaveLength(1);
    expect(JSON.parse(caseReplies[0]!.details)).toMatchObject({ departmentId: 'licheng-stats', to: 'replied' });
    expect(await auditOf('comment.reply')).toHaveLength(repliesBefore);
  });

  it('answers a comment without a case as a comment.reply, and refuses a department not in use', async () => {
    const praise = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 4, comment: '希望公布季度数据' });
    await staff('/admin/departments/licheng-old', env.admin, { active: false });
    for (const departmentId of ['licheng-old', 'no-such-dept'])
      expect(
        await staff(`/monitor/comments/${praise.feedbackId}/replies`, env.monitor, { departmentId, text: '谢谢。' }),
      ).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ path: 'departmentId' })] } });
    expect(
      (await staff(`/monitor/comments/${praise.feedbackId}/replies`, env.monitor, { text: '谢谢。' })).status,
    ).toBe(400);

    const reply = await staff(`/monitor/comments/${praise.feedbackId}/replies`, env.monitor, {
      departmentId: 'licheng-finance',
      text: '季度数据将在明年起公布。',
    });
    expect(reply).toMatchObject({ status: 201, body: { caseId: null, reply: { department: '鲤城区财政局' } } });
    const [entry] = (await auditOf('comment.reply')).filter((e) => e.subject.id === praise.feedbackId);
    expect(JSON.parse(entry!.details)).toMatchObject({ departmentId: 'licheng-finance', caseId: null });
  });
});

describe('statistics by department', () => {
  it('count a case by its department id, older free text by the name or alias it equals, other text as typed', async () => {
    const open = async (comment: string) => {
      const c = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 2, comment });
      await staff(`/monitor/cases/${c.feedbackId}/steps`, env.monitor, { action: 'verify' });
      return c.feedbackId as string;
    };
    // Free text, as replies were given before the list (the API's deprecated `department`).
    const byAlias = await open('数据1');
    expect(
      await staff(`/monitor/cases/${byAlias}/steps`, env.monitor, {
        action: 'reply',
        department: '统计局',
        text: '答复。',
      }),
    ).toMatchObject({ status: 200, body: { departmentId: 'licheng-stats', department: '泉州市鲤城区统计局' } });
    const unknown = await open('数据2');
    await staff(`/monitor/cases/${unknown}/steps`, env.monitor, {
      action: 'reply',
      department: '某某办',
      text: '答复。',
    });
    // Written before the list existed: free text only, with no id kept.
    const legacy = await open('数据3');
    await env.deps.cases.update(legacy, ({ departmentId: _id, ...c }) => ({
      ...c,
      department: '鲤城区统计局',
      version: c.version + 1,
    }));

    const stats = await env.app.request('/api/v1/cases/stats?group=department');
    const items = ((await stats.json()) as Body).items as Body[];
    const row = items.find((s) => s.key === 'licheng-stats')!;
    expect(row).toMatchObject({ department: { id: 'licheng-stats', nameZh: '泉州市鲤城区统计局' }, answered: 2 });
    expect(row.cases).toBe(3);
    expect(items.find((s) => s.department?.nameZh === '某某办')).toMatchObject({
      key: null,
      department: { id: null, nameEn: '某某办' },
      cases: 1,
    });
  });

  it('the cases CSV names the department id beside the department, empty for free text no department answers to', async () => {
    const res = await env.app.request('/api/v1/monitor/export/cases.csv', { headers: env.monitor });
    const [header, ...rows] = (await res.text())
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const at = header!.indexOf('department');
    expect(header![at + 1]).toBe('department_id');
    const departments = rows.map((row) => [row[at], row[at + 1]]);
    expect(departments).toContainEqual(['泉州市鲤城区统计局', 'licheng-stats']);
    expect(departments).toContainEqual(['某某办', '']);
  });
});

describe('the department’s names as citizens read them', () => {
  const STATS_EN = 'Licheng Statistics Bureau';
  const page = async (path: string, cookie: string) =>
    (await env.app.request(path, { headers: { Cookie: cookie } })).text();

  it('shows the English name on English pages and in the JSON, and an older reply without one under its Chinese name', async () => {
    const answered = await env.publishedComment('希望按季度公布数据', 4);
    await staff(`/monitor/comments/${answered}/replies`, env.monitor, {
      departmentId: 'licheng-stats',
      text: '已安排。',
    });
    // A reply stored before English names were kept: the Chinese name only.
    const older = await env.publishedComment('数据什么时候更新', 4);
    await env.deps.replies.addReply((await env.deps.feedback.resolve(older))!, {
      replyId: 'older-reply',
      department: '鲤城区统计局',
      departmentId: 'licheng-stats',
      text: '下月更新。',
      publishedAt: new Date(env.now()).toISOString(),
      by: 'zhao.min (sub-zhao)',
    });

    const comments = await env.publicComments();
    expect(comments.find((c) => c.feedbackId === answered)?.replies).toEqual([
      { department: '泉州市鲤城区统计局', departmentEn: STATS_EN, text: '已安排。', publishedAt: expect.any(String) },
    ]);
    expect(comments.find((c) => c.feedbackId === older)?.replies).toEqual([
      { department: '鲤城区统计局', departmentEn: '鲤城区统计局', text: '下月更新。', publishedAt: expect.any(String) },
    ]);

    const en = await page('/indicators/gdp', 'lang=en');
    expect(en).toContain(STATS_EN);
    expect(en).not.toContain('泉州市鲤城区统计局');
    expect(en).toContain('<span lang="zh-CN">鲤城区统计局</span>');
    const zh = await page('/indicators/gdp', 'lang=zh-CN');
    expect(zh).toContain('泉州市鲤城区统计局');
    expect(zh).not.toContain(STATS_EN);
  });

  it('shows a case’s department and reply in English on the citizen’s English page and in /me/cases', async () => {
    const token = env.deps.voterTokens.issue().token;
    const voter = { 'X-Voter-Token': token };
    const complaint = await submit({ targetType: 'indicator', targetId: 'gdp', rating: 1, comment: '数据太慢' }, voter);
    const steps = `/monitor/cases/${complaint.feedbackId}/steps`;
    await staff(steps, env.monitor, { action: 'verify', departmentId: 'licheng-stats' });
    await staff(steps, env.monitor, { action: 'reply', departmentId: 'licheng-stats', text: '已整改。' });

    const mine = (await staff('/me/cases', voter)).body.items as Body[];
    expect(mine.find((c) => c.caseId === complaint.feedbackId)).toMatchObject({
      department: '泉州市鲤城区统计局',
      departmentEn: STATS_EN,
      reply: { department: '泉州市鲤城区统计局', departmentEn: STATS_EN },
    });
    const en = await page('/me', `gp_voter=${token}; lang=en`);
    expect(en).toContain(STATS_EN);
    expect(en).not.toContain('泉州市鲤城区统计局');

    // A case kept before English names were: its Chinese name stands in.
    await env.deps.cases.update(complaint.feedbackId, ({ departmentEn: _en, reply, ...c }) => ({
      ...c,
      reply: reply && { department: reply.department, text: reply.text, at: reply.at },
      version: c.version + 1,
    }));
    const before = (await staff('/me/cases', voter)).body.items as Body[];
    expect(before.find((c) => c.caseId === complaint.feedbackId)).toMatchObject({
      departmentEn: '泉州市鲤城区统计局',
      reply: { departmentEn: '泉州市鲤城区统计局' },
    });
  });
});
