import { Logger } from '@aws-lambda-powertools/logger';
import webpush from 'web-push';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { stepCase } from '../../shared/cases/workflow.js';
import { overdueNoticesJob } from '../../shared/cases/overdue-job.js';
import { webPushNotifier } from '../../shared/cases/web-push-notifier.js';
import { behindTrustedProxy, json, testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';
import { opened, usePushService, type PushBrowser } from '../helpers/push-service.js';

/**
 * The scheduled deadline check on dynalite, against the stand-in push service: a case whose reply
 * deadline passed unanswered is pushed 'overdue' to its subscribed browsers once per deadline,
 * however many sweeps run, one after another or at once; a case answered in time, a closed one and
 * one whose deadline is still ahead are not.
 */
const store = useStore();
const pushService = usePushService();
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let sweep: () => ReturnType<ReturnType<typeof overdueNoticesJob>>;
let now = Date.parse('2025-06-16T02:00:00Z');
const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@example.org' };
const monitor = { sub: 'sub-monitor', name: 'monitor', roles: ['monitor' as const] };

beforeAll(async () => {
  await loadPlan(store.current, readPlanFile());
  const notifier = webPushNotifier(vapid, new Logger({ serviceName: 'test', logLevel: 'SILENT' }));
  ({ app, deps } = testApp(store.current, {
    ...behindTrustedProxy,
    clock: () => new Date(now),
    push: { publicKey: vapid.publicKey, extraOrigins: [pushService.origin] },
    notifier,
  }));
  sweep = overdueNoticesJob(store.current, notifier, () => new Date(now));
});

let addresses = 0;

/** A 差评 filed now, followed by a browser of its own (at /push/{name}) with the case's receipt. */
async function followedComplaint(targetId: string, name: string) {
  now += 1000;
  const filed = await app.request(
    '/api/v1/feedback',
    json(
      { targetType: 'indicator', targetId, rating: 1, comment: '数据一直没有更新' },
      { 'CloudFront-Viewer-Address': `192.0.2.${++addresses}:40000` },
    ),
  );
  expect(filed.status).toBe(201);
  const { followUpCase } = (await filed.json()) as { followUpCase: { caseId: string; receiptCode: string } };
  const b = pushService.browser(`/push/${name}`);
  const subscribed = await app.request(
    '/api/v1/cases/push-subscriptions',
    json(
      { caseId: followUpCase.caseId, code: followUpCase.receiptCode, subscription: b.subscription },
      { 'CloudFront-Viewer-Address': `192.0.2.${++addresses}:40000` },
    ),
  );
  expect(subscribed.status).toBe(201);
  return { caseId: followUpCase.caseId, browser: b };
}

const step = (caseId: string, s: Parameters<typeof stepCase>[2]) =>
  stepCase(deps, caseId, s, monitor, new Date((now += 60_000)));

/** What a browser was sent, in order, as it reads it. */
const kindsFor = (b: PushBrowser) =>
  pushService.received
    .filter((message) => b.subscription.endpoint.endsWith(message.path))
    .map((message) => opened(message, b).kind);

describe('the overdue sweep', () => {
  it('pushes exactly one overdue notice per passed deadline, to followed cases only', async () => {
    const late = await followedComplaint('gdp', 'late');
    const answered = await followedComplaint('retail-sales', 'answered');
    const closed = await followedComplaint('export-value', 'closed');
    for (const s of [
      { action: 'verify' },
      { action: 'reply', department: '鲤城区统计局', text: '已补充公布。' },
    ] as const) {
      await step(answered.caseId, s);
      await step(closed.caseId, s);
    }
    await step(closed.caseId, { action: 'close', note: '答复后办结' });
    const lateCase = (await deps.cases.get(late.caseId, true))!;

    // Weeks later, a case filed now still has its deadline ahead.
    now = Date.parse(lateCase.dueAt!) + 7 * 86_400_000;
    const ahead = await followedComplaint('gdp-per-capita', 'ahead');
    const before = pushService.received.length;

    // Two sweeps at once, then one more: the deadline is told once.
    const [first, second] = await Promise.all([sweep(), sweep()]);
    expect([...first.told, ...second.told]).toEqual([late.caseId]);
    expect((await sweep()).told).toEqual([]);
    await expect.poll(() => pushService.received.length).toBe(before + 1);

    expect(kindsFor(late.browser)).toEqual(['overdue']);
    const [notice] = pushService.received.slice(before);
    expect(opened(notice!, late.browser)).toMatchObject({
      kind: 'overdue',
      caseId: late.caseId,
      body: expect.stringContaining('Your case is past its reply deadline'),
    });
    expect(kindsFor(answered.browser)).toEqual(['verified', 'replied']);
    expect(kindsFor(closed.browser)).toEqual(['verified', 'replied', 'closed']);
    expect(kindsFor(ahead.browser)).toEqual([]);
    // The notice is kept beside the case, never in it: the case itself reads as before.
    expect((await deps.cases.withFollowing(late.caseId))!.following.overdueTold).toBe(lateCase.dueAt);
    expect(await deps.cases.get(late.caseId, true)).not.toHaveProperty('overdueTold');
  });
});
