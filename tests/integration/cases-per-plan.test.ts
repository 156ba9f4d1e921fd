import { readFileSync } from 'node:fs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCase, type FollowUpCase } from '../../shared/cases/case.js';
import { workCalendar } from '../../shared/cases/working-days.js';
import { loadPlan as readBuiltInPlan, parsePlan } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { caseRepository } from '../../shared/store/case-repository.js';
import type { Store } from '../../shared/store/client.js';
import { testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/**
 * The 差评 cases of two plans in one table: each plan's statistics, list and evaluation read its
 * own cases, by its own partitions of the case index, and nothing of the other plan's.
 */

const store = useStore();
const plan = readBuiltInPlan();
const sample = parsePlan(
  JSON.parse(readFileSync(new URL('../fixtures/plans/sample-15th.json', import.meta.url), 'utf8')),
);
const calendar = workCalendar({ extraHolidays: [], extraWorkdays: [] });
const rules = { deadlineDays: 15, calendar };
const now = new Date('2026-05-20T04:00:00Z');

/** What the store was asked, command by command: the input and how many items each read. */
interface Read {
  command: string;
  input: Record<string, unknown>;
  scanned: number;
}

/** The store, but every command it is sent is recorded in `reads`. */
function counting(inner: Store, reads: Read[]): Store {
  const client = Object.create(inner.client) as DynamoDBDocumentClient;
  client.send = (async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const output = (await inner.client.send(command as never)) as { ScannedCount?: number };
    reads.push({ command: command.constructor.name, input: command.input, scanned: output.ScannedCount ?? 0 });
    return output;
  }) as DynamoDBDocumentClient['send'];
  return { ...inner, client };
}

/** The case index's partitions a run of reads queried, and how many items it read there. */
const caseIndexReads = (reads: Read[]) => {
  const queried = reads.filter(
    (r) =>
      r.input.IndexName === 'GSI1' &&
      String((r.input.ExpressionAttributeValues as Record<string, unknown>)[':pk']).startsWith('CASES#'),
  );
  return {
    // The partitions are queried side by side, so the order they answer in is not part of the behaviour.
    partitions: [
      ...new Set(queried.map((r) => (r.input.ExpressionAttributeValues as Record<string, string>)[':pk'])),
    ].sort(),
    scanned: queried.reduce((sum, r) => sum + r.scanned, 0),
  };
};

let caseNumber = 0;
async function openCase(planId: string, targetId: string, openedAt: string, step?: 'close'): Promise<FollowUpCase> {
  const feedbackId = `case-${planId}-${++caseNumber}`;
  const opened = newCase(
    {
      feedback: { shard: 0, recordedAt: openedAt, feedbackId },
      voterId: `voter-${caseNumber}`,
      planId,
      targetType: 'indicator',
      targetId,
      rating: 1,
    },
    new Date(openedAt),
    rules,
  );
  const cases = caseRepository(store.current);
  await cases.open(opened);
  if (step !== 'close') return opened;
  const closed = await cases.update(opened.caseId, (c) => ({
    ...c,
    status: 'closed',
    closedAt: new Date(Date.parse(openedAt) + 86_400_000).toISOString(),
    version: c.version + 1,
  }));
  return closed!.after;
}

const ofPlan: Record<string, FollowUpCase[]> = {};

beforeAll(async () => {
  await loadPlan(store.current, plan);
  await loadPlan(store.current, sample);
  ofPlan[plan.id] = [
    await openCase(plan.id, 'gdp', '2025-03-03T02:00:00Z'),
    await openCase(plan.id, 'gdp', '2025-04-01T02:00:00Z'),
    await openCase(plan.id, 'gdp', '2025-05-06T02:00:00Z'),
    await openCase(plan.id, 'gdp', '2025-06-02T02:00:00Z', 'close'),
  ];
  ofPlan[sample.id] = [
    await openCase(sample.id, 'gdp', '2026-02-02T02:00:00Z'),
    await openCase(sample.id, 'gdp', '2026-03-02T02:00:00Z', 'close'),
  ];
});

describe('the cases of each plan, apart', () => {
  it('are listed and counted per plan: a case of one plan is never among the other plan’s', async () => {
    const cases = caseRepository(store.current);
    for (const [planId, opened] of Object.entries(ofPlan)) {
      const ids = (await cases.all(planId)).map((c) => c.caseId).sort();
      expect(ids, planId).toEqual(opened.map((c) => c.caseId).sort());
    }
    expect(await cases.all('no-such-plan')).toEqual([]);
    expect((await cases.list(sample.id, 'closed', { limit: 10 })).items.map((c) => c.caseId)).toEqual([
      ofPlan[sample.id]![1]!.caseId,
    ]);
  });

  it('pages through one plan’s unfinished cases by deadline, never reaching into the other plan’s', async () => {
    const cases = caseRepository(store.current);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await cases.list(plan.id, 'active', { limit: 2, cursor });
      seen.push(...page.items.map((c) => c.caseId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ofPlan[plan.id]!.slice(0, 3).map((c) => c.caseId));
  });

  it('answers a plan’s case statistics from its own cases alone, read from its own partitions', async () => {
    const reads: Read[] = [];
    const { app } = testApp(counting(store.current, reads), { clock: () => now });
    const res = await app.request(`/api/v1/plans/${sample.id}/cases/stats`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { overall: { cases: number } };
    expect(body.overall.cases).toBe(ofPlan[sample.id]!.length);
    expect(reads.some((r) => r.command === 'ScanCommand')).toBe(false);
    expect(caseIndexReads(reads)).toEqual({
      partitions: [`CASES#${sample.id}#active`, `CASES#${sample.id}#closed`],
      scanned: ofPlan[sample.id]!.length,
    });
  });

  it('reads only the plan’s own cases for its final evaluation', async () => {
    const reads: Read[] = [];
    const { app } = testApp(counting(store.current, reads), { clock: () => now });
    const res = await app.request(`/api/v1/plans/${plan.id}/evaluation`);
    expect(res.status).toBe(200);
    expect(reads.some((r) => r.command === 'ScanCommand')).toBe(false);
    expect(caseIndexReads(reads)).toEqual({
      partitions: [`CASES#${plan.id}#active`, `CASES#${plan.id}#closed`],
      scanned: ofPlan[plan.id]!.length,
    });
  });
});
