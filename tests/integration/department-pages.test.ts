import { describe, expect, it } from 'vitest';
import { json } from '../helpers/api.js';
import { formFields, useStaffPages } from '../helpers/staff-pages.js';

/**
 * The departments page and the one reply path in the browser's forms, on real dynalite through
 * app.request(): an administrator keeps the list, a monitor answers a comment's case from the
 * comment's page, choosing the department from the list.
 */
const pages = useStaffPages();
const { session, get } = pages;
const post = (path: string, cookie: string, fields: Record<string, string> | FormData) =>
  pages.post(path, cookie, fields instanceof FormData ? fields : formFields(fields));
const csvForm = (text: string) => {
  const form = new FormData();
  form.set('file', new File([text], 'departments.csv', { type: 'text/csv' }));
  return form;
};

describe('the departments page', () => {
  it('lets administrators only add, rename and deactivate departments, and import a CSV whole or not at all', async () => {
    const admin = await session(['admin'], 'qian.admin');
    const monitor = await session(['monitor'], 'li.si');
    expect((await get('/staff/departments', monitor)).status).toBe(403);
    expect((await post('/staff/departments', monitor, { id: 'x', nameZh: '某局', nameEn: 'Some Bureau' })).status).toBe(
      403,
    );

    const empty = await get('/staff/departments', admin, 'en');
    expect(empty.html).toContain('No departments yet');
    expect(
      await post('/staff/departments', admin, {
        id: 'licheng-stats',
        nameZh: '鲤城区统计局',
        nameEn: 'Licheng Statistics Bureau',
        aliases: '统计局；区统计局',
      }),
    ).toMatchObject({ status: 303, location: '/staff/departments?done=added' });
    const clash = await post('/staff/departments', admin, { id: 'stats-2', nameZh: '统计局', nameEn: 'Statistics' });
    expect(clash.status).toBe(409);
    expect(clash.html).toContain('统计局 is already a name of department licheng-stats');

    const bad =
      'id,name_zh,name_en,aliases\r\nlicheng-edu,鲤城区教育局,Education Bureau,\r\nlicheng-tax,,Tax Office,\r\n';
    const refused = await post('/staff/departments/import', admin, csvForm(bad));
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/<td>3<\/td><td>name_zh<\/td><td>必填<\/td>/);
    expect(refused.html).not.toContain('鲤城区教育局');

    const good = 'id,name_zh,name_en,aliases\r\nlicheng-edu,鲤城区教育局,Education Bureau,教育局\r\n';
    const imported = await post('/staff/departments/import', admin, csvForm(good));
    expect(imported.status).toBe(200);
    expect(imported.html).toContain('新增 1 个部门');

    expect(await post('/staff/departments/licheng-edu', admin, { active: 'false' })).toMatchObject({ status: 303 });
    expect(
      await post('/staff/departments/licheng-stats', admin, {
        nameZh: '泉州市鲤城区统计局',
        nameEn: 'Licheng Statistics Bureau',
        aliases: '统计局',
      }),
    ).toMatchObject({ status: 303 });
    const list = await get('/staff/departments?done=changed', admin);
    expect(list.html).toContain('部门已更新');
    expect(list.html).toContain('<td>统计局；鲤城区统计局</td>');
    expect(list.html).toContain('已停用');
  });
});

describe('one reply path on the staff pages', () => {
  it('shows the case a comment opened on its page, and its reply form posts to the case, audited once', async () => {
    const monitor = await session(['monitor'], 'li.si');
    const res = await pages.app.request(
      '/api/v1/feedback',
      json(
        { targetType: 'indicator', targetId: 'gdp', rating: 1, comment: '数据一直不更新' },
        { 'X-Voter-Token': pages.deps.voterTokens.issue().token },
      ),
    );
    const id = ((await res.json()) as { feedbackId: string }).feedbackId;

    // An open case is verified before it is answered: the comment's page says so and links to it.
    const open = await get(`/staff/comments/${id}`, monitor);
    expect(open.html).toContain(`href="/staff/cases/${id}"`);
    expect(open.html).toContain('现在不能答复');
    expect(open.html).not.toContain(`action="/staff/comments/${id}/replies"`);

    expect(await post(`/staff/cases/${id}/steps`, monitor, { action: 'verify' })).toMatchObject({ status: 303 });
    const verifying = await get(`/staff/comments/${id}`, monitor);
    expect(verifying.html).toContain(`action="/staff/cases/${id}/steps"`);
    expect(verifying.html).toMatch(/<select id="r-department" name="departmentId" required="">/);
    expect(verifying.html).toContain('<option value="licheng-stats">泉州市鲤城区统计局</option>');
    // A deactivated department is not offered.
    expect(verifying.html).not.toContain('value="licheng-edu"');
    expect(verifying.html).not.toContain(`action="/staff/comments/${id}/replies"`);

    // Posted as the form posts it; a department no longer in use is refused with a message.
    const refused = await post(`/staff/cases/${id}/steps`, monitor, {
      action: 'reply',
      departmentId: 'licheng-edu',
      text: '已更新。',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('所选部门不存在或已停用');
    expect(
      await post(`/staff/cases/${id}/steps`, monitor, {
        action: 'reply',
        departmentId: 'licheng-stats',
        text: '2024年数据已发布。',
      }),
    ).toMatchObject({ status: 303, location: `/staff/cases/${id}?done=step` });

    const after = await get(`/staff/comments/${id}`, monitor);
    expect(after.html).toContain('泉州市鲤城区统计局');
    expect(after.html).toContain('已答复');
    const entries = (await pages.deps.audit.forSubject('case', id)).filter((e) => e.action === 'case.reply');
    expect(entries).toHaveLength(1);
    expect((await pages.deps.audit.forSubject('comment', id)).filter((e) => e.action === 'comment.reply')).toEqual([]);
  });
});
