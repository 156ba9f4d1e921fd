import { beforeAll, describe, expect, it } from 'vitest';
import { feedbackLimits } from '../../shared/abuse/rate-limits.js';
import { addressHasher } from '../../shared/abuse/rate-limits.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { rateLimitRepository } from '../../shared/store/rate-limit-repository.js';
import { behindTrustedProxy, json, TEST_SECRET, testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';
import { IDEMPOTENCY_LEASE_SECONDS } from '../../shared/store/idempotency-repository.js';

const store = useStore();
beforeAll(async () => loadPlan(store.current, readPlanFile()));

type Body = Record<string, any>;
const limits = (perAddress: number, perVoter: number) => ({
  feedbackLimits: feedbackLimits(rateLimitRepository(store.current), { windowSeconds: 600, perAddress, perVoter }),
});
const limited = (perAddress: number, perVoter: number) =>
  testApp(store.current, { ...behindTrustedProxy, ...limits(perAddress, perVoter) });
const fromAddress = (address: string) => ({ 'CloudFront-Viewer-Address': `${address}:51234` });
const feedbackItems = async () => (await store.scanAll()).filter((i) => i.type === 'feedback' || i.type === 'ballot');

describe('rate limits on feedback', () => {
  it('refuse a voter beyond the limit with 429 and Retry-After, storing nothing of the refused submission', async () => {
    const { app, deps } = limited(1000, 3);
    const token = deps.voterTokens.issue().token;
    const statuses: number[] = [];
    for (const targetId of ['gdp', 'retail-sales', 'export-value', 'tourist-visits']) {
      const before = (await feedbackItems()).length;
      const res = await app.request(
        '/api/v1/feedback',
        json(
          { targetType: 'indicator', targetId, rating: 3 },
          { 'X-Voter-Token': token, ...fromAddress('198.51.100.1') },
        ),
      );
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await res.json()) as Body).toMatchObject({
          type: 'urn:gongping:problem:too-many-requests',
          limit: 'voter',
        });
        expect((await feedbackItems()).length).toBe(before);
      }
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('hold per client address across voters, and across app instances sharing the store', async () => {
    const first = limited(2, 1000);
    const second = limited(2, 1000); // another Lambda instance: same store, no shared memory
    const submit = (app: typeof first.app) =>
      app.request(
        '/api/v1/feedback',
        json(
          { targetType: 'indicator', targetId: 'gdp', rating: 4 },
          { 'X-Voter-Token': first.deps.voterTokens.issue().token, ...fromAddress('203.0.113.9') },
        ),
      );
    expect((await submit(first.app)).status).toBe(201);
    expect((await submit(second.app)).status).toBe(201);
    const third = await submit(first.app);
    expect(third.status).toBe(429);
    expect(((await third.json()) as Body).limit).toBe('address');
    // Another address is not affected.
    const other = await first.app.request(
      '/api/v1/feedback',
      json(
        { targetType: 'indicator', targetId: 'gdp', rating: 4 },
        { 'X-Voter-Token': first.deps.voterTokens.issue().token, ...fromAddress('203.0.113.10') },
      ),
    );
    expect(other.status).toBe(201);
  });

  it('store counters under a salted, keyed hash that expires, never the address', async () => {
    const counters = (await store.scanAll()).filter((i) => i.type === 'rate-counter');
    expect(counters.length).toBeGreaterThan(0);
    expect(JSON.stringify(counters)).not.toMatch(/203\.0\.113|198\.51\.100/);
    for (const counter of counters) expect(counter.expiresAt).toBeGreaterThan(Date.now() / 1000);
    const hash = addressHasher(TEST_SECRET);
    expect(hash('203.0.113.9', new Date('2025-06-01T10:00:00Z'))).toBe(
      hash('203.0.113.9', new Date('2025-06-01T23:00:00Z')),
    );
    expect(hash('203.0.113.9', new Date('2025-06-01T10:00:00Z'))).not.toBe(
      hash('203.0.113.9', new Date('2025-06-02T10:00:00Z')),
    );
    expect(
      addressHasher('another-secret-of-thirty-two-chars!!')('203.0.113.9', new Date('2025-06-01T10:00:00Z')),
    ).not.toBe(hash('203.0.113.9', new Date('2025-06-01T10:00:00Z')));
  });
});

describe('the client address, which the per-address limit counts by', () => {
  it('refuses a malformed viewer address where the header is trusted, and accepts IPv4 and IPv6 with a port', async () => {
    const { app } = testApp(store.current, { ...behindTrustedProxy, ...limits(1000, 1000) });
    for (const bad of [
      'x0',
      '203.0.113.9',
      '203.0.113.9:99999',
      '999.1.1.1:80',
      'evil.example:443',
      '203.0.113.9:80, 198.51.100.1:80',
    ]) {
      const res = await app.request('/api/v1/plan', { headers: { 'CloudFront-Viewer-Address': bad } });
      expect(res.status, bad).toBe(400);
    }
    for (const good of ['203.0.113.9:51234', '2001:db8::1:46532', '[2001:db8::1]:46532']) {
      expect((await app.request('/api/v1/plan', { headers: { 'CloudFront-Viewer-Address': good } })).status, good).toBe(
        200,
      );
    }
  });
});

/** One voter's rating of an indicator, sent again and again under one Idempotency-Key. */
function oneVoterSending(rating: { targetId: string; rating: number }, idempotencyKey: string) {
  const { app, deps } = testApp(store.current);
  const token = deps.voterTokens.issue().token;
  const send = () =>
    app.request(
      '/api/v1/feedback',
      json({ targetType: 'indicator', ...rating }, { 'X-Voter-Token': token, 'Idempotency-Key': idempotencyKey }),
    );
  return { send, voterId: deps.voterTokens.verify(token) };
}

describe('Idempotency-Key on POST', () => {
  it('returns the first answer to a retried request and stores the rating once', async () => {
    const { send, voterId } = oneVoterSending({ targetId: 'green-coverage', rating: 5 }, 'retry-1');
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(await first.text());
    const records = (await store.scanAll()).filter((i) => i.type === 'feedback' && i.voterId === voterId);
    expect(records).toHaveLength(1);
  });

  it('refuses a key without a voter or staff token, so a replay never hands one caller the voter token minted for another', async () => {
    const { app } = testApp(store.current);
    // Two tokenless callers behind one address (one NAT, one café) who happen to send the same key and body.
    const send = () =>
      app.request(
        '/api/v1/feedback',
        json({ targetType: 'indicator', targetId: 'green-coverage', rating: 2 }, { 'Idempotency-Key': 'first-visit' }),
      );
    const first = await send();
    const second = await send();
    for (const res of [first, second]) {
      expect(res.status).toBe(428);
      expect(((await res.json()) as Body).type).toBe('urn:gongping:problem:idempotency-key-needs-caller');
      expect(res.headers.get('x-voter-token')).toBeNull();
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const ratings = (await store.scanAll()).filter(
      (i) => i.type === 'feedback' && i.targetId === 'green-coverage' && i.rating === 2,
    );
    expect(ratings).toHaveLength(0);
  });

  it('refuses the same key with a different body, and a malformed key', async () => {
    const { app, deps } = testApp(store.current);
    const token = deps.voterTokens.issue().token;
    await app.request(
      '/api/v1/feedback',
      json({ targetType: 'indicator', targetId: 'gdp', rating: 5 }, { 'X-Voter-Token': token, 'Idempotency-Key': 'k' }),
    );
    const reused = await app.request(
      '/api/v1/feedback',
      json({ targetType: 'indicator', targetId: 'gdp', rating: 1 }, { 'X-Voter-Token': token, 'Idempotency-Key': 'k' }),
    );
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as Body).type).toBe('urn:gongping:problem:idempotency-key-reused');
    const bad = await app.request(
      '/api/v1/feedback',
      json(
        { targetType: 'indicator', targetId: 'gdp', rating: 5 },
        { 'X-Voter-Token': token, 'Idempotency-Key': 'x'.repeat(300) },
      ),
    );
    expect(bad.status).toBe(400);
  });

  it('lets a retry take over a key whose request died holding it, once the lease has run out', async () => {
    let now = Date.parse('2026-05-04T02:00:00Z');
    const { app, deps } = testApp(store.current, { clock: () => new Date(now) });
    const token = deps.voterTokens.issue().token;
    const headers = { 'X-Voter-Token': token, 'Idempotency-Key': 'died' };
    const body = { targetType: 'indicator', targetId: 'forest-coverage', rating: 4 };
    // A request whose key could be neither completed nor released (its store writes failed): it
    // answers, and the key stays claimed, as when a function times out holding it.
    const held = testApp(store.current, {
      clock: () => new Date(now),
      idempotency: {
        ...deps.idempotency,
        complete: () => Promise.reject(new Error('the function timed out')),
        release: () => Promise.reject(new Error('the function timed out')),
      },
    });
    expect((await held.app.request('/api/v1/feedback', json(body, headers))).status).toBe(201);
    expect((await app.request('/api/v1/feedback', json(body, headers))).status).toBe(409);
    now += (IDEMPOTENCY_LEASE_SECONDS + 1) * 1000;
    const retried = await app.request('/api/v1/feedback', json(body, headers));
    expect(retried.status).toBe(201);
    // The retry ran and is now the key's answer.
    const replayed = await app.request('/api/v1/feedback', json(body, headers));
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
  });

  it('runs two identical requests racing each other exactly once', async () => {
    const { send, voterId } = oneVoterSending({ targetId: 'hospital-beds-per-1000', rating: 4 }, 'race');
    const statuses = (await Promise.all([send(), send(), send()])).map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect((await store.scanAll()).filter((i) => i.type === 'feedback' && i.voterId === voterId)).toHaveLength(1);
  });
});

describe('every response', () => {
  it('carries the security headers, and CORS only for reading', async () => {
    const { app } = testApp(store.current);
    for (const res of [
      await app.request('/api/v1/plan'),
      await app.request('/api/v1/nothing'),
      await app.request('/api/v1/feedback', json({})),
    ]) {
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy')).toBeTruthy();
    }
    const preflight = await app.request('/api/v1/feedback', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-methods') ?? '').not.toContain('POST');
    const read = await app.request('/api/v1/plan', { headers: { Origin: 'https://newsroom.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(read.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
