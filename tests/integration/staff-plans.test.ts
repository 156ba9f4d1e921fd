import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SITE, useStaffPages } from '../helpers/staff-pages.js';

/**
 * /staff/plans on a real dynalite: a publisher uploads a plan file (stored as a draft, or refused
 * with every problem and nothing written) and publishes, closes and reopens plans, each change in
 * the audit log under their name; a post from elsewhere and a monitor are refused.
 */
const pages = useStaffPages();
const { session, get, post } = pages;
const SAMPLE = readFileSync('tests/fixtures/plans/sample-15th.json', 'utf8');

const upload = (cookie: string, content: string | Uint8Array<ArrayBuffer>, origin = SITE) => {
  const form = new FormData();
  form.append('file', new File([content], 'plan.json', { type: 'application/json' }));
  return post('/staff/plans/upload', cookie, form, origin);
};
const changeStatus = (cookie: string, planId: string, to: string, reason = '') =>
  post(`/staff/plans/${planId}/status`, cookie, new URLSearchParams({ to, reason }));

describe('the plans page', () => {
  it('refuses a bad plan file with every problem at its JSON path, writing nothing', async () => {
    const publisher = await session(['publisher'], 'wang.wu');
    const bad = JSON.parse(SAMPLE) as Record<string, unknown> & { indicators: Record<string, unknown>[] };
    bad.indicators[0]!.category = '科技';
    delete bad.titleZh;
    const refused = await upload(publisher, JSON.stringify(bad));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('规划文件有 2 处问题，未写入任何内容');
    expect(refused.html).toContain('<code>titleZh</code>');
    expect(refused.html).toContain('<code>indicators[0].category</code>');
    expect(await pages.deps.plans.getPlan('sample-15th')).toBeNull();
    const notUtf8 = await upload(publisher, new Uint8Array([0x7b, 0xc0, 0xaf, 0x7d]));
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.html).toContain('not UTF-8');
    const large = await upload(publisher, new Uint8Array(3 * 1024 * 1024).fill(0x20));
    expect(large.status).toBe(413);
    expect(large.html).toContain('规划文件最大 2 MiB');
    expect((await pages.deps.plans.listPlans()).map((p) => p.id)).toEqual(['licheng-14th']);
  });

  it('stores an upload as a draft, then publishes, closes and reopens it, each change in the audit log', async () => {
    const publisher = await session(['publisher'], 'wang.wu');
    expect(await upload(publisher, SAMPLE)).toMatchObject({
      status: 303,
      location: '/staff/plans?uploaded=stored&plan=sample-15th',
    });
    const listed = await get('/staff/plans?uploaded=stored&plan=sample-15th', publisher);
    expect(listed.html).toContain('规划 sample-15th 已存为草稿。');
    expect(listed.html).toMatch(/id="plan-sample-15th">[\s\S]*?plan-status--draft">草稿/);
    expect(await pages.deps.plans.getPlan('sample-15th')).toMatchObject({ status: 'draft', loadedBy: 'upload' });

    expect((await changeStatus(publisher, 'sample-15th', 'closed')).status).toBe(409);
    expect(await changeStatus(publisher, 'sample-15th', 'published')).toMatchObject({
      status: 303,
      location: '/staff/plans?status=published&plan=sample-15th',
    });
    expect((await changeStatus(publisher, 'sample-15th', 'closed', '规划期结束')).status).toBe(303);
    expect((await changeStatus(publisher, 'sample-15th', 'published', '误关闭')).status).toBe(303);
    // A public plan's file is replaced by an operator's import, never by an upload.
    const replaced = await upload(publisher, SAMPLE.replace('"titleEn": "', '"titleEn": "New '));
    expect(replaced.status).toBe(409);
    expect(replaced.html).toContain('上传只能替换草稿');

    const english = await get('/staff/plans', publisher, 'en');
    expect(english.html).toMatch(/id="plan-sample-15th">[\s\S]*?plan-status--published">published/);
    expect(english.html).toContain('Close');
    const log = await pages.deps.audit.forSubject('plan', 'sample-15th');
    expect(log.map((e) => [e.action, e.actor.name, e.reason])).toEqual([
      ['plan.upload', 'wang.wu', null],
      ['plan.publish', 'wang.wu', null],
      ['plan.close', 'wang.wu', '规划期结束'],
      ['plan.reopen', 'wang.wu', '误关闭'],
    ]);
  });

  it('is for publishers and admins, and takes posts from this site only', async () => {
    const monitor = await session(['monitor'], 'li.si');
    expect((await get('/staff/plans', monitor)).status).toBe(403);
    expect((await changeStatus(monitor, 'licheng-14th', 'closed')).status).toBe(403);
    const admin = await session(['admin'], 'zhao');
    expect((await get('/staff/plans', admin)).status).toBe(200);
    const forged = await post(
      '/staff/plans/licheng-14th/status',
      admin,
      new URLSearchParams({ to: 'closed' }),
      'https://elsewhere.example',
    );
    expect(forged.status).toBe(403);
    expect((await pages.deps.plans.getPlan('licheng-14th'))?.status).toBe('published');
  });
});
