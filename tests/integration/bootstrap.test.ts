import { describe, expect, it } from 'vitest';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { ensureTable, loadPlan } from '../../shared/store/bootstrap.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { TABLE } from '../../shared/store/table.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
const plan = readPlanFile();

describe('local bootstrap', () => {
  it('builds the table from the one table definition, keys and index included', async () => {
    const { Table } = await store.current.client.send(new DescribeTableCommand({ TableName: store.current.tableName }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    // In any order: DynamoDB Local lists the indexes in another order than dynalite.
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      TABLE.indexes.map((i) => i.name).sort(),
    );
    expect(await ensureTable(store.current)).toBe('existing');
  });

  it('loads the plan once and writes nothing when the same plan is loaded again', async () => {
    expect(await loadPlan(store.current, plan)).toBe('loaded');
    expect(await loadPlan(store.current, plan)).toBe('unchanged');
    const snapshot = await planRepository(store.current).snapshot(plan.id);
    expect(snapshot?.indicators).toHaveLength(31);
    expect(snapshot?.history).toHaveLength(36);
    expect(snapshot?.projects).toHaveLength(plan.projects.length);
  });

  it('keeps published observations when a changed plan file is reloaded', async () => {
    const plans = planRepository(store.current);
    await plans.appendObservation(
      plan.id,
      { indicatorId: 'gdp', year: 2021, value: 480, recordedBy: 'stats', reason: 'first release' },
      new Date('2022-03-01T00:00:00Z'),
    );
    const edited = { ...plan, titleEn: `${plan.titleEn} (revised)` };
    expect(await loadPlan(store.current, edited)).toBe('loaded');
    expect(await plans.listObservations(plan.id, 'gdp')).toHaveLength(1);
    expect((await plans.getPlan(plan.id))?.titleEn).toBe(edited.titleEn);
  });
});
