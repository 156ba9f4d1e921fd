import { beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { createDocumentClient, type Store } from '../../shared/store/client.js';
import { json, testApp } from '../helpers/api.js';
import { bruteForceCounts } from '../helpers/brute-force.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
beforeAll(async () => loadPlan(store.current, readPlanFile()));

/** The real store, but every command matching `failing()` is refused as DynamoDB refuses when throttling. */
function throttledStore(
  real: Store,
  failing: (command: { constructor: { name: string }; input: Record<string, any> }) => boolean,
): Store {
  const client = new Proxy(real.client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { constructor: { name: string }; input: Record<string, any> }) => {
        if (failing(command)) {
          const error = Object.assign(new Error('Throughput exceeds the current capacity of your table or index.'), {
            name: 'ProvisionedThroughputExceededException',
            $metadata: { httpStatusCode: 400 },
          });
          return Promise.reject(error);
        }
        return target.send(command as Parameters<DynamoDBDocumentClient['send']>[0]);
      };
    },
  });
  return { client, tableName: real.tableName };
}

const expectUnavailable = async (res: Response) => {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = await res.text();
  expect(body).toContain('urn:gongping:problem:service-unavailable');
  expect(body).not.toMatch(/at .*\.(ts|js):\d+/);
};

describe('when the store is unreachable', () => {
  it('answers 503 with Retry-After within a few seconds, never a 500, for reads and writes', async () => {
    const dead = {
      client: createDocumentClient({ region: 'local', endpoint: 'http://127.0.0.1:9' }),
      tableName: store.current.tableName,
    };
    const { app } = testApp(dead);
    const started = performance.now();
    await expectUnavailable(await app.request('/api/v1/indicators'));
    await expectUnavailable(
      await app.request('/api/v1/feedback', json({ targetType: 'indicator', targetId: 'gdp', rating: 3 })),
    );
    await expectUnavailable(await app.request('/api/v1/health'));
    expect(performance.now() - started).toBeLessThan(15_000);
    dead.client.destroy();
  });
});

describe('when the store throttles', () => {
  it('answers 503 with Retry-After, and recovers by itself when the store does', async () => {
    let throttling = true;
    const { app } = testApp(throttledStore(store.current, () => throttling));
    await expectUnavailable(await app.request('/api/v1/plan'));
    throttling = false;
    expect((await app.request('/api/v1/plan')).status).toBe(200);
  });

  it('writes nothing half: a rating whose record could not be written never counts twice once the store is back', async () => {
    let throttleRecords = true;
    const { app, deps } = testApp(
      throttledStore(
        store.current,
        (c) => throttleRecords && c.constructor.name === 'PutCommand' && c.input.Item?.type === 'feedback',
      ),
    );
    const token = deps.voterTokens.issue().token;
    const voterId = deps.voterTokens.verify(token)!;
    await expectUnavailable(
      await app.request(
        '/api/v1/feedback',
        json({ targetType: 'indicator', targetId: 'retail-sales', rating: 1 }, { 'X-Voter-Token': token }),
      ),
    );
    throttleRecords = false;
    const retried = await app.request(
      '/api/v1/feedback',
      json({ targetType: 'indicator', targetId: 'retail-sales', rating: 2 }, { 'X-Voter-Token': token }),
    );
    expect(retried.status).toBe(201);
    const items = await store.scanAll();
    expect(items.filter((i) => i.type === 'feedback' && i.voterId === voterId).map((i) => i.rating)).toEqual([2]);
    const index = { categoryOf: () => '开放发展' };
    const mine = bruteForceCounts(
      items.filter((i) => i.voterId === voterId || i.type !== 'feedback'),
      index,
    );
    expect(mine.get('all|licheng-14th/indicator#retail-sales')?.histogram).toEqual([0, 1, 0, 0, 0]);
  });
});
