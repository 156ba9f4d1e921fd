import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { PAGE_CSP } from '../../web/citizen/routes.js';
import { FEEDBACK_ID, json, testApp } from '../helpers/api.js';
import { testIdentity } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';

/**
 * The citizen's side of the 差评 loop on the web, without JavaScript, on dynalite: the
 * confirmation after a form post, the page of one's own ratings and cases (/me) and the form
 * that rates an official reply once. The monitor's side is driven through the staff API.
 */
const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let monitor: Record<string, string>;
// Monday 16 June 2025, 10:00 in Jinan.
let now = Date.parse('2025-06-16T02:00:00Z');
const DAY = 86_400_000;

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  const identity = await testIdentity();
  ({ app, deps } = testApp(store.current, { staffAuth: identity.verifier, clock: () => new Date(now) }));
  monitor = await identity.bearer(['monitor'], { name: 'sun.li', sub: 'sub-sun' });
});

const cookieOf = (voter: string) => ({ Cookie: `gp_voter=${voter}` });
const voterCookie = (res: Response) => /gp_voter=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers });
  return { res, html: await res.text() };
};

/** A form as a browser posts it from one of our pages: from this origin, stamped a minute ago. */
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
  now += 1000;
  return app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', ...headers },
    body: new URLSearchParams({ issued: deps.formStamps.issue(new Date(now - 60_000)), ...fields }).toString(),
  });
};

/** Rates a target with the plain form; returns the voter (the cookie it was given, or the one it had) and where it was sent. */
async function rateByForm(fields: { targetId: string; rating: string; comment?: string }, voter?: string) {
  const res = await post('/feedback', { targetType: 'indicator', ...fields }, voter ? cookieOf(voter) : {});
  expect(res.status).toBe(303);
  return { voter: voter ?? voterCookie(res)!, location: res.headers.get('location')! };
}

const staff = async (path: string, body: unknown) => {
  now += 1000;
  const res = await app.request(`/api/v1${path}`, json(body, monitor));
  expect(res.status, path).toBe(200);
};

/** The text a reader sees, tags stripped, runs of space folded. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** One case's card on the page. */
const card = (html: string, caseId: string) =>
  /<article class="card case" id="case-[^"]+"[\s\S]*?<\/article>/g.exec(
    html.slice(html.indexOf(`id="case-${caseId}"`) - 40),
  )?.[0] ?? '';

describe('the page of my feedback and cases', () => {
  it('explains, without a voter cookie, that nothing was rated from this browser, and is never cached', async () => {
    const { res, html } = await get('/me');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(html).toContain('这个浏览器还没有提交过评价');
    expect(html).not.toContain('<form method="post" action="/me/');
    // A stale or forged cookie is no voter either.
    expect((await get('/me', cookieOf('forged.token'))).html).toContain('这个浏览器还没有提交过评价');
    const english = await get('/me', { 'Accept-Language': 'en' });
    expect(english.html).toContain('Nothing was rated from this browser');
    // Reached from every page's navigation.
    expect((await get('/')).html).toContain('<a href="/me">我的评价</a>');
  });

  it('lists my ratings and comments with their moderation status, and no case when none opened', async () => {
    const { voter, location } = await rateByForm({ targetId: 'gdp', rating: '4', comment: '希望按季度公布' });
    expect(location).toBe('/indicators/gdp?done=recorded&pending=1#feedback');
    const { res, html } = await get('/me', cookieOf(voter));
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    // Each rating links to its target inside the plan it was given in, whichever plan is current.
    expect(html).toContain('<a href="/plans/licheng-14th/indicators/gdp">地区生产总值</a>');
    expect(textOf(html)).toContain('2025年：满意');
    expect(html).toContain('希望按季度公布');
    expect(html).toContain('待审核');
    expect(html).toContain('您还没有需要办理的差评');
  });

  it('tells after a 差评 with a phone number that the number was masked and a case opened, and shows the case on the page', async () => {
    const { voter, location } = await rateByForm({
      targetId: 'pm25-concentration',
      rating: '2',
      comment: '冬天数据一直不更新，请打电话 13812345678 告诉我',
    });
    const url = new URL(location, 'http://localhost');
    const caseId = url.searchParams.get('case')!;
    // The kinds masked are not in the link: the page reads them from the stored record.
    expect(url.searchParams.has('masked')).toBe(false);
    expect(caseId).toMatch(new RegExp(`^${FEEDBACK_ID}$`));

    const confirmation = await get(location.replace(/#.*/, ''), cookieOf(voter));
    const status = /<div id="feedback-status"[\s\S]*?<\/div>/.exec(confirmation.html)![0];
    expect(status).toContain('您的留言里有个人信息（电话号码），保存前已经隐去');
    // Opened Monday 16 June: 15 working days later is Monday 7 July.
    expect(status).toContain('这是一条差评，已立案办理：须在 2025-07-07 前正式答复。');
    expect(status).toContain(`<a href="/me#case-${caseId}">查看办理进度</a>`);
    const english = await get(location.replace(/#.*/, ''), { ...cookieOf(voter), 'Accept-Language': 'en' });
    const englishStatus = /<div id="feedback-status"[\s\S]*?<\/div>/.exec(english.html)![0];
    expect(englishStatus).toContain(
      'Your comment contained personal details (phone number); they were masked before it was stored.',
    );
    expect(englishStatus).toContain(
      `This low rating opened a follow-up case: an official reply is due by 2025-07-07. <a href="/me#case-${caseId}">Follow the case</a>`,
    );
    // Someone else opening the same link sees no confirmation, and no case.
    const shared = (await get(location.replace(/#.*/, ''))).html;
    expect(/<div id="feedback-status"[\s\S]*?<\/div>/.exec(shared)![0]).not.toMatch(/已立案办理|隐去|\/me#case/);

    const { html } = await get('/me', cookieOf(voter));
    const mine = card(html, caseId);
    expect(mine).toContain('已受理');
    expect(textOf(mine)).toContain('须在 2025-07-07 前答复，还有 15 个工作日');
    expect(mine).toContain('还没有正式答复');
    expect(mine).not.toContain('<form');
    // The comment as stored: masked. The number is nowhere on the page.
    expect(html).toContain('【已隐去：电话】');
    expect(html).not.toContain('13812345678');

    // Three weeks on, without a reply, the page says it is overdue, in working days.
    now += 22 * DAY;
    const late = card((await get('/me', cookieOf(voter))).html, caseId);
    expect(textOf(late)).toMatch(/已超过答复期限（2025-07-07），逾期 \d+ 个工作日/);
  });

  it('claims no masking the stored comment did not have, whatever the link says', async () => {
    const { voter, location } = await rateByForm({ targetId: 'gdp', rating: '4', comment: '数据公开及时' });
    const crafted = `${location.replace(/#.*/, '')}&masked=phone,email`;
    const status = /<div id="feedback-status"[\s\S]*?<\/div>/.exec((await get(crafted, cookieOf(voter))).html)![0];
    expect(status).toContain('您的评价已计入');
    expect(status).not.toContain('隐去');
  });

  it('shows the official reply with its department, takes one verdict on it, and refuses a second', async () => {
    const { voter, location } = await rateByForm({
      targetId: 'retail-sales',
      rating: '1',
      comment: '消费数据口径不清楚',
    });
    const caseId = new URL(location, 'http://localhost').searchParams.get('case')!;
    await staff(`/monitor/cases/${caseId}/steps`, { action: 'verify', department: '鲤城区商务局' });
    await staff(`/monitor/cases/${caseId}/steps`, {
      action: 'reply',
      department: '鲤城区商务局',
      text: '口径为限额以上企业零售额，详见统计公报。',
    });

    const whole = (await get('/me', cookieOf(voter))).html;
    // Under the strict CSP: no inline script (only the receipt's copy-and-print module from /assets/),
    // no inline style, no event handler.
    expect(whole).not.toMatch(/<script\b(?![^>]*\ssrc="\/assets\/)|\sstyle=|<style\b|\son[a-z]+=/);
    const replied = card(whole, caseId);
    expect(replied).toContain('已答复');
    expect(textOf(replied)).toContain('官方回复 · 鲤城区商务局');
    expect(replied).toContain('口径为限额以上企业零售额，详见统计公报。');
    expect(replied).toContain(`<form method="post" action="/me/cases/${caseId}/satisfaction"`);
    expect(textOf(replied)).toContain('等待您评价答复');

    // Without a choice the form comes back with a message, and nothing is recorded.
    const empty = await post(`/me/cases/${caseId}/satisfaction`, { note: '' }, cookieOf(voter));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('请选择“满意”或“不满意”。');

    const rated = await post(`/me/cases/${caseId}/satisfaction`, { satisfied: 'yes' }, cookieOf(voter));
    expect(rated.status).toBe(303);
    expect(rated.headers.get('location')).toBe(`/me?rated=${caseId}#case-${caseId}`);
    const after = card((await get(`/me?rated=${caseId}`, cookieOf(voter))).html, caseId);
    expect(after).toContain('已办结');
    expect(after).toContain('<p class="notice notice--ok" role="status">您对答复表示满意，案件已办结。</p>');
    expect(after).not.toContain('<form');

    const again = await post(`/me/cases/${caseId}/satisfaction`, { satisfied: 'no' }, cookieOf(voter));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('这个答复已经评价过了，不能再次评价。');
    expect((await deps.cases.get(caseId))?.satisfaction).toBe('satisfied');
  });

  it('turns "not satisfied" into a review (申诉复核) with a new deadline and keeps the reason', async () => {
    const { voter, location } = await rateByForm({
      targetId: 'tourist-visits',
      rating: '2',
      comment: '游客人数怎么统计的？',
    });
    const caseId = new URL(location, 'http://localhost').searchParams.get('case')!;
    await staff(`/monitor/cases/${caseId}/steps`, { action: 'verify' });
    await staff(`/monitor/cases/${caseId}/steps`, {
      action: 'reply',
      department: '鲤城区文旅局',
      text: '按过夜游客统计。',
    });
    const disputed = await post(
      `/me/cases/${caseId}/satisfaction`,
      { satisfied: 'no', note: '一日游的游客呢？' },
      cookieOf(voter),
    );
    expect(disputed.status).toBe(303);
    const page = card((await get('/me', cookieOf(voter))).html, caseId);
    expect(page).toContain('复核中');
    expect(page).toContain('您对答复不满意，案件已进入复核');
    expect(textOf(page)).toMatch(/须在 \d{4}-\d{2}-\d{2} 前答复，还有 15 个工作日/);
    const stored = await deps.cases.get(caseId);
    expect(stored).toMatchObject({ status: 'disputed', satisfaction: 'unsatisfied' });
    expect(stored!.history.at(-1)).toMatchObject({ action: 'unsatisfied', by: 'citizen', note: '一日游的游客呢？' });
  });

  it('never shows or lets anyone else rate my case', async () => {
    const owner = await rateByForm({ targetId: 'export-value', rating: '1', comment: '出口数据什么时候公布？' });
    const caseId = new URL(owner.location, 'http://localhost').searchParams.get('case')!;
    await staff(`/monitor/cases/${caseId}/steps`, { action: 'verify' });
    await staff(`/monitor/cases/${caseId}/steps`, { action: 'reply', department: '鲤城区商务局', text: '年底公布。' });

    const other = await rateByForm({ targetId: 'gdp', rating: '5' });
    const theirs = await get('/me', cookieOf(other.voter));
    expect(theirs.html).not.toContain(caseId);
    expect(theirs.html).toContain('您还没有需要办理的差评');
    const attempt = await post(`/me/cases/${caseId}/satisfaction`, { satisfied: 'yes' }, cookieOf(other.voter));
    expect(attempt.status).toBe(404);
    const anonymous = await post(`/me/cases/${caseId}/satisfaction`, { satisfied: 'yes' });
    expect(anonymous.status).toBe(404);
    expect(await deps.cases.get(caseId)).toMatchObject({ status: 'replied', satisfaction: null });
    // The owner still can.
    expect((await post(`/me/cases/${caseId}/satisfaction`, { satisfied: 'yes' }, cookieOf(owner.voter))).status).toBe(
      303,
    );
  });

  it('takes the reply form only from this site, from a person, as the rating form does', async () => {
    const { voter, location } = await rateByForm({
      targetId: 'forest-coverage',
      rating: '2',
      comment: '森林覆盖率数据呢',
    });
    const caseId = new URL(location, 'http://localhost').searchParams.get('case')!;
    await staff(`/monitor/cases/${caseId}/steps`, { action: 'verify' });
    await staff(`/monitor/cases/${caseId}/steps`, { action: 'reply', department: '鲤城区林业局', text: '明年公布。' });
    const path = `/me/cases/${caseId}/satisfaction`;
    expect(
      (await post(path, { satisfied: 'yes' }, { ...cookieOf(voter), Origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect(
      (await post(path, { satisfied: 'yes' }, { ...cookieOf(voter), 'Sec-Fetch-Site': 'cross-site' })).status,
    ).toBe(403);
    const unstamped = await post(path, { satisfied: 'yes', issued: 'forged' }, cookieOf(voter));
    expect(unstamped.status).toBe(400);
    expect(await unstamped.text()).toContain('这个表单已过期');
    const bot = await post(path, { satisfied: 'yes', website: 'http://spam.example' }, cookieOf(voter));
    expect(bot.status).toBe(400);
    expect((await deps.cases.get(caseId))?.satisfaction).toBeNull();
    const english = await post(
      path,
      { satisfied: 'no', note: 'x'.repeat(2001) },
      { ...cookieOf(voter), 'Accept-Language': 'en' },
    );
    expect(english.status).toBe(400);
    expect(await english.text()).toContain('The reason may have at most 2,000 characters.');
  });
});
