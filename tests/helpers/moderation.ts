import { beforeAll, expect } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { aggregate } from '../../shared/ratings/aggregate.js';
import { aggregationRepository } from '../../shared/store/aggregation-repository.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { behindTrustedProxy, json, testApp } from './api.js';
import { testIdentity } from './staff.js';
import { useStore } from './store.js';

/** An answer read as JSON: the tests say which fields they expect. */
export type Body = Record<string, any>;

/**
 * The app of the moderation tests, on a fresh store with the plan loaded: a monitor and an
 * administrator signed in, flags counted per client address (as CloudFront names it), three flags
 * to send a comment for review, and a clock the tests move (each submission a minute, each staff
 * call a second). `app`, `deps`, `monitor` and `admin` are set before the first test.
 */
export function useModerationApp() {
  const store = useStore();
  let now = Date.parse('2025-06-16T02:00:00Z');
  const env = {
    store,
    app: undefined as unknown as ReturnType<typeof testApp>['app'],
    deps: undefined as unknown as ReturnType<typeof testApp>['deps'],
    monitor: {} as Record<string, string>,
    admin: {} as Record<string, string>,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
  beforeAll(async () => {
    await loadPlan(store.current, readPlanFile());
    const identity = await testIdentity();
    ({ app: env.app, deps: env.deps } = testApp(store.current, {
      ...behindTrustedProxy,
      staffAuth: identity.verifier,
      clock: () => new Date(now),
      flagThreshold: 3,
    }));
    env.monitor = await identity.bearer(['monitor'], { name: 'zhao.min', sub: 'sub-zhao' });
    env.admin = await identity.bearer(['admin'], { name: 'qian.admin', sub: 'sub-qian' });
  });

  const newVoter = () => ({ 'X-Voter-Token': env.deps.voterTokens.issue().token });
  const submit = async (body: Record<string, unknown>, voter = newVoter()) => {
    const res = await env.app.request('/api/v1/feedback', json(body, voter));
    expect(res.status).toBe(201);
    now += 60_000;
    return (await res.json()) as Body;
  };
  const staff = async (path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await env.app.request(`/api/v1${path}`, body === undefined ? { headers } : json(body, headers));
    now += 1000;
    return { status: res.status, body: (await res.json()) as Body };
  };
  return Object.assign(env, {
    newVoter,
    submit,
    staff,
    publicComments: async (target = 'indicators/gdp') =>
      ((await (await env.app.request(`/api/v1/${target}/comments`)).json()) as Body).items as Body[],
    /** A citizen's flag, from a client address as the trusted proxy names it (no cookie: a new voter each time). */
    flagFrom: async (feedbackId: string, address: string, reason = 'spam') => {
      const res = await env.app.request(
        `/api/v1/comments/${feedbackId}/flags`,
        json({ reason }, { 'CloudFront-Viewer-Address': `${address}:50000` }),
      );
      return { status: res.status, body: (await res.json()) as Body };
    },
    /** A comment on GDP, approved by a monitor: the newest on the public page. */
    publishedComment: async (comment: string, rating = 2) => {
      const c = await submit({ targetType: 'indicator', targetId: 'gdp', rating, comment });
      expect(
        (await staff(`/monitor/comments/${c.feedbackId}/moderation`, env.monitor, { action: 'publish' })).status,
      ).toBe(200);
      return c.feedbackId as string;
    },
    flaggedQueue: async () =>
      (await staff('/monitor/comments?reason=flagged&limit=100', env.monitor)).body.items as Body[],
    recordOf: async (feedbackId: string) =>
      (await store.scanAll()).find((i) => i.type === 'feedback' && i.feedbackId === feedbackId)!,
    /** The aggregation's run an hour from now, with everything settled and 3 ratings enough to publish. */
    aggregateAnHourLater: () =>
      aggregate({
        repo: aggregationRepository(store.current),
        targets: () => Promise.resolve({ categoryOf: () => null }),
        clock: () => new Date(now + 3600_000),
        settleMs: 0,
        maxBatch: 10_000,
        minRatings: 3,
      }),
    reviewItemsOf: async (feedbackId: string) =>
      (await store.scanAll()).filter((i) => i.type === 'flag-review' && i.feedbackId === feedbackId),
  });
}
