import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { stepCase } from '../../shared/cases/workflow.js';
import { webPushNotifier } from '../../shared/cases/web-push-notifier.js';
import { behindTrustedProxy, json, testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';
import { opened, usePushService } from '../helpers/push-service.js';
import { buildWeb } from '../../web/build.mjs';

/**
 * Web Push for 差评 cases on dynalite, against a stand-in push service on 127.0.0.1
 * (tests/helpers/push-service.ts): a browser subscribes with the case's receipt; each office step
 * (verified, replied, closed) is posted to it encrypted (RFC 8291) and signed (VAPID); the
 * subscription goes when the case closes, or when the service says it is gone.
 */
const store = useStore();
const pushService = usePushService();
const { received, browser } = pushService;
let distDir = '';
let app: ReturnType<typeof testApp>['app'];
let deps: ReturnType<typeof testApp>['deps'];
let now = Date.parse('2025-06-16T02:00:00Z');
const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@example.org' };
const monitor = { sub: 'sub-monitor', name: 'monitor', roles: ['monitor' as const] };

beforeAll(async () => {
  // The pages link the service worker by its built name: the bundles, built into a folder of this file's own.
  distDir = await mkdtemp(join(tmpdir(), 'gongping-push-'));
  await buildWeb({ distDir });
  process.env.WEB_DIST_DIR = distDir;
  await loadPlan(store.current, readPlanFile());
  ({ app, deps } = testApp(store.current, {
    ...behindTrustedProxy,
    clock: () => new Date(now),
    push: { publicKey: vapid.publicKey, extraOrigins: [pushService.origin] },
    notifier: webPushNotifier(vapid, new Logger({ serviceName: 'test', logLevel: 'SILENT' })),
  }));
});

afterAll(async () => {
  delete process.env.WEB_DIST_DIR;
  await rm(distDir, { recursive: true, force: true });
});

let addresses = 0;
const newClient = () => ({ 'CloudFront-Viewer-Address': `192.0.2.${++addresses}:40000` });

async function fileComplaint(targetId: string) {
  now += 1000;
  const res = await app.request(
    '/api/v1/feedback',
    json({ targetType: 'indicator', targetId, rating: 1, comment: '数据一直没有更新' }, newClient()),
  );
  expect(res.status).toBe(201);
  const body = (await res.json()) as { followUpCase: { caseId: string; receiptCode: string } };
  const voter = /gp_voter=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
  return { caseId: body.followUpCase.caseId, code: body.followUpCase.receiptCode, voter };
}

const subscribe = (body: unknown) => app.request('/api/v1/cases/push-subscriptions', json(body, newClient()));

async function stepAndWait(caseId: string, step: Parameters<typeof stepCase>[2], expected: number) {
  now += 60_000;
  await stepCase(deps, caseId, step, monitor, new Date(now));
  await expect.poll(() => received.length).toBe(expected);
}

describe('Web Push for a case', () => {
  it('tells a subscribed browser when its case is verified, replied and closed, then forgets the subscription', async () => {
    const { caseId, code } = await fileComplaint('gdp');
    const phone = browser('/push/phone');
    const res = await subscribe({ caseId, code, subscription: phone.subscription });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ caseId, subscribed: true });
    received.length = 0;

    await stepAndWait(caseId, { action: 'verify' }, 1);
    const [first] = received;
    expect(first!.path).toBe('/push/phone');
    expect(first!.headers['content-encoding']).toBe('aes128gcm');
    expect(first!.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=/);
    expect(Number(first!.headers.ttl)).toBeGreaterThan(0);
    expect(opened(first!, phone)).toMatchObject({ kind: 'verified', caseId });

    await stepAndWait(caseId, { action: 'reply', department: '鲤城区统计局', text: '已补充公布。' }, 2);
    expect(opened(received[1]!, phone).kind).toBe('replied');
    await stepAndWait(caseId, { action: 'close', note: '答复后办结' }, 3);
    expect(opened(received[2]!, phone).kind).toBe('closed');
    // Closed: the subscription is deleted with the closing, and a new one is refused.
    expect((await deps.cases.withFollowing(caseId))!.following.push).toBeUndefined();
    const again = await subscribe({ caseId, code, subscription: phone.subscription });
    expect(again.status).toBe(409);
  });

  it('drops a subscription the push service says is gone, and keeps telling the others', async () => {
    const { caseId, code } = await fileComplaint('retail-sales');
    const kept = browser('/push/kept');
    const dropped = browser('/gone/old-phone');
    for (const b of [kept, dropped])
      expect((await subscribe({ caseId, code, subscription: b.subscription })).status).toBe(201);
    received.length = 0;
    await stepAndWait(caseId, { action: 'verify' }, 2);
    const endpoints = (await deps.cases.withFollowing(caseId))!.following.push!.map((s) => s.endpoint);
    expect(endpoints).toEqual([kept.subscription.endpoint]);
  });

  it('takes a subscription only with the receipt code, and only to a push service', async () => {
    const { caseId, code } = await fileComplaint('export-value');
    const b = browser('/push/x');
    expect((await subscribe({ caseId, code: '00000-00000', subscription: b.subscription })).status).toBe(404);
    const internal = { ...b.subscription, endpoint: 'https://10.0.0.5/push' };
    expect((await subscribe({ caseId, code, subscription: internal })).status).toBe(400);
    expect((await deps.cases.withFollowing(caseId))!.following.push).toBeUndefined();
  });

  it('is offered on /me, for the follow script to reveal where the browser has the Push API', async () => {
    const { caseId, voter } = await fileComplaint('gdp-per-capita');
    const html = await (await app.request('/me', { headers: { Cookie: `gp_voter=${voter}` } })).text();
    expect(html).toContain(`data-push-key="${vapid.publicKey}"`);
    expect(html).toMatch(/<p class="receipt__push" hidden="" [^>]*data-push-worker="\/assets\/push-sw\.[\w-]+\.js"/);
    expect(html).toContain(`data-case="${caseId}"`);
  });

  it('is off without VAPID keys: nothing is offered, a subscription is refused', async () => {
    const { caseId, code, voter } = await fileComplaint('tourist-visits');
    const off = testApp(store.current, { ...behindTrustedProxy, clock: () => new Date(now) });
    const page = await off.app.request('/me', { headers: { Cookie: `gp_voter=${voter}` } });
    expect(await page.text()).not.toContain('data-push-key');
    const res = await off.app.request(
      '/api/v1/cases/push-subscriptions',
      json({ caseId, code, subscription: browser('/push/y').subscription }, newClient()),
    );
    expect(res.status).toBe(404);
  });
});
