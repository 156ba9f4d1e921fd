import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_CLIENT_ID } from '../../functions/local/dev-identity.js';
import { hostedSignIn } from '../../shared/config.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { behindTrustedProxy, json, testApp } from '../helpers/api.js';
import { testIdentity, TEST_ISSUER } from '../helpers/staff.js';
import { useStore } from '../helpers/store.js';

/**
 * The staff pages for comments citizens' flags sent for review: in the queue with the pending ones,
 * marked as still public, kept (保留) or hidden from the queue's form or the comment's page.
 */
const SITE = 'http://localhost:3999';
const store = useStore();
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let monitor: string;

const get = async (path: string, lang = 'zh-CN') => {
  const res = await app.request(`${SITE}${path}`, { headers: { Cookie: `${monitor}; lang=${lang}` } });
  return { status: res.status, html: await res.text() };
};
const post = async (path: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  const res = await app.request(`${SITE}${path}`, { method: 'POST', headers: { Cookie: monitor, Origin: SITE }, body });
  return { status: res.status, location: res.headers.get('location') };
};
/** A published comment on GDP that three client addresses flagged. */
const flagged = async (comment: string) => {
  const res = await app.request(
    '/api/v1/feedback',
    json(
      { targetType: 'indicator', targetId: 'gdp', rating: 2, comment },
      { 'X-Voter-Token': deps.voterTokens.issue().token },
    ),
  );
  const { feedbackId } = (await res.json()) as { feedbackId: string };
  expect(await post('/staff/queue', { ids: [feedbackId], action: 'publish' })).toMatchObject({ status: 303 });
  for (const n of [1, 2, 3]) {
    const flag = await app.request(
      `/api/v1/comments/${feedbackId}/flags`,
      json({ reason: 'spam' }, { 'CloudFront-Viewer-Address': `203.0.113.${n}:50000` }),
    );
    expect(flag.status).toBe(201);
  }
  return feedbackId;
};
const publicComment = async (feedbackId: string) =>
  (
    (await (await app.request('/api/v1/indicators/gdp/comments')).json()) as {
      items: Array<{ feedbackId: string; underReview: boolean }>;
    }
  ).items.find((c) => c.feedbackId === feedbackId);

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  const identity = await testIdentity();
  ({ app, deps } = testApp(store.current, {
    ...behindTrustedProxy,
    staffAuth: identity.verifier,
    signIn: hostedSignIn(TEST_ISSUER, DEV_CLIENT_ID),
  }));
  monitor = `gp_staff=${await identity.token(['monitor'], { tokenUse: 'id', name: 'li.si' })}`;
});

describe('comments under review on the staff pages', () => {
  it('are in the queue, marked as still public, and are kept from their page', async () => {
    const id = await flagged('公示的数据和年鉴不一致');
    const queue = await get('/staff/queue');
    expect(queue.html).toContain('公示的数据和年鉴不一致');
    expect(queue.html).toContain('复核中（仍公开）');
    // The whole queue: pending comments are approved, flagged ones kept, by the same action.
    expect(queue.html).toContain('通过并公开，或保留被举报的留言');
    const onlyFlagged = await get('/staff/queue?reason=flagged');
    expect(onlyFlagged.html).toContain('公示的数据和年鉴不一致');
    expect(onlyFlagged.html).toContain('保留（撤销“复核中”标记）');
    expect(onlyFlagged.html).not.toContain('<option value="reject">');
    expect((await get('/staff/queue?reason=flagged', 'en')).html).toContain('under review (still public)');

    const page = await get(`/staff/comments/${id}`);
    expect(page.html).toContain('复核中（仍公开）');
    expect(page.html).toContain('<option value="publish">保留（撤销“复核中”标记）</option>');
    expect(page.html).toContain('<option value="hide">隐藏</option>');
    expect(await post(`/staff/comments/${id}/moderation`, { action: 'publish' })).toMatchObject({
      status: 303,
      location: `/staff/comments/${id}?done=moderated`,
    });
    expect(await publicComment(id)).toMatchObject({ underReview: false });
    expect((await get('/staff/queue?reason=flagged')).html).not.toContain('公示的数据和年鉴不一致');
    expect((await get(`/staff/comments/${id}`)).html).not.toContain('复核中');
    const [kept] = (await deps.audit.list({ limit: 1, action: 'comment.keep' })).items;
    expect(kept).toMatchObject({ actor: { name: 'li.si' }, subject: { id } });
  });

  it('are hidden from the queue in bulk, with a reason', async () => {
    const id = await flagged('这条留言是广告');
    expect(await publicComment(id)).toMatchObject({ underReview: true });
    expect(await post('/staff/queue', { ids: [id], action: 'hide', reason: '广告' })).toMatchObject({
      status: 303,
      location: '/staff/queue?done=1&failed=0',
    });
    expect(await publicComment(id)).toBeUndefined();
    expect((await get('/staff/queue')).html).not.toContain('这条留言是广告');
  });
});
