import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { progressRepository } from '../../shared/store/progress-repository.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
const plan = readPlanFile();
const at = new Date('2025-03-01T00:00:00Z');
const project = () => plan.projects[0]!.id;

beforeAll(async () => {
  await loadPlan(store.current, plan);
});

describe('revisions appended at once', () => {
  it('numbers three corrections of the same indicator year sent together 1, 2 and 3, none overwriting another', async () => {
    const plans = planRepository(store.current);
    const written = await Promise.all(
      [470, 471, 472].map((value) =>
        plans.appendObservation(
          plan.id,
          { indicatorId: 'gdp', year: 2023, value, recordedBy: 'stats-office', reason: `figure ${value}` },
          at,
        ),
      ),
    );
    expect(written.map((o) => o.revision).sort()).toEqual([1, 2, 3]);
    const stored = (await plans.listObservations(plan.id, 'gdp')).filter((o) => o.year === 2023);
    expect(stored.map((o) => [o.revision, o.value]).sort()).toEqual(written.map((o) => [o.revision, o.value]).sort());
  });

  it('numbers three progress reports of one project sent together 1, 2 and 3, each kept', async () => {
    const progress = progressRepository(store.current);
    const written = await Promise.all(
      [10, 20, 30].map((percent) =>
        progress.append(
          plan.id,
          {
            projectId: project(),
            status: 'in_progress',
            progress: percent,
            note: `${percent}% built`,
            reason: 'report',
            recordedBy: 'works-office',
          },
          at,
        ),
      ),
    );
    expect(written.map((r) => r.revision).sort()).toEqual([1, 2, 3]);
    const stored = await progress.list(plan.id, project());
    expect(stored.map((r) => [r.revision, r.progress])).toEqual(
      written.map((r) => [r.revision, r.progress]).sort((a, b) => a[0]! - b[0]!),
    );
  });
});
