import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staffActor } from '../../shared/audit/entry.js';
import type { Plan } from '../../shared/plan/document.js';
import { PlanStatusError } from '../../shared/plan/lifecycle.js';
import { loadPlan as readPlanFile, parsePlan } from '../../shared/plan/load.js';
import { changePlanStatus, PlanFileRejected, PlanReplaceRefused, uploadPlan } from '../../shared/publishing/plans.js';
import { auditRepository } from '../../shared/store/audit-repository.js';
import { loadBuiltInPlan, loadPlan } from '../../shared/store/bootstrap.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
const licheng = readPlanFile();
const SAMPLE_BYTES = readFileSync('tests/fixtures/plans/sample-15th.json');
const sample = parsePlan(JSON.parse(SAMPLE_BYTES.toString('utf8')));
const AT = new Date('2026-03-02T08:00:00Z');
const minutes = (n: number) => new Date(AT.getTime() + n * 60_000);
const publisher = staffActor({ sub: 'pub-1', name: 'Publisher One', roles: ['publisher'] });
const encode = (data: unknown) => new TextEncoder().encode(JSON.stringify(data));

const deps = () => ({ plans: planRepository(store.current), audit: auditRepository(store.current) });
const planActions = async (planId: string) =>
  (await auditRepository(store.current).forSubject('plan', planId)).map((e) => [e.action, e.actor.sub, e.reason]);

/** The sample plan under another id, changed by `edit`. */
function variant(id: string, edit: (plan: Plan) => void = () => undefined): Plan {
  const copy = structuredClone(sample);
  copy.id = id;
  edit(copy);
  return copy;
}

describe("a plan's file and status, as staff change them", () => {
  it('stores an uploaded plan file as a draft, logged, and finds nothing to do with the same file again', async () => {
    const uploaded = await uploadPlan(deps(), SAMPLE_BYTES, publisher, AT);
    expect(uploaded.outcome).toBe('stored');
    const stored = await planRepository(store.current).getPlan(sample.id);
    expect(stored).toMatchObject({ status: 'draft', loadedBy: 'upload', titleEn: sample.titleEn });
    expect((await planRepository(store.current).listPlans()).find((p) => p.id === sample.id)?.status).toBe('draft');
    expect(await uploadPlan(deps(), SAMPLE_BYTES, publisher, AT)).toMatchObject({ outcome: 'unchanged' });
    expect(await planActions(sample.id)).toEqual([['plan.upload', 'pub-1', null]]);
  });

  it('publishes, closes and reopens a plan, each change in the audit log, and refuses the others', async () => {
    const id = 'lifecycle-plan';
    await uploadPlan(deps(), encode(variant(id)), publisher, minutes(1));
    await changePlanStatus(deps(), { planId: id, to: 'published', reason: null }, publisher, minutes(2));
    await expect(
      changePlanStatus(deps(), { planId: id, to: 'draft', reason: 'oops' }, publisher, minutes(3)),
    ).rejects.toThrow(PlanStatusError);
    await changePlanStatus(deps(), { planId: id, to: 'closed', reason: 'the period is over' }, publisher, minutes(4));
    const reopened = await changePlanStatus(
      deps(),
      { planId: id, to: 'published', reason: 'closed by mistake' },
      publisher,
      minutes(9),
    );
    expect(reopened.status).toBe('published');
    expect((await planRepository(store.current).listPlans()).find((p) => p.id === id)?.status).toBe('published');
    expect(await planActions(id)).toEqual([
      ['plan.upload', 'pub-1', null],
      ['plan.publish', 'pub-1', null],
      ['plan.close', 'pub-1', 'the period is over'],
      ['plan.reopen', 'pub-1', 'closed by mistake'],
    ]);
    await expect(
      changePlanStatus(deps(), { planId: 'no-such-plan', to: 'published', reason: null }, publisher, minutes(5)),
    ).rejects.toThrow(/plan no-such-plan does not exist/);
  });

  it('of two staff changing one status at once, lets one win and tells the other', async () => {
    const id = 'raced-plan';
    await uploadPlan(deps(), encode(variant(id)), publisher, AT);
    const plans = planRepository(store.current);
    const outcomes = await Promise.allSettled([
      plans.setStatus(id, 'draft', 'published'),
      plans.setStatus(id, 'draft', 'published'),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await plans.getPlan(id))?.status).toBe('published');
  });

  it('writes nothing for a bad file, nor over a public plan, nor when a draft would lose items', async () => {
    const before = (await store.scanAll()).length;
    const bad: [string, Uint8Array, string][] = [
      [
        'an unknown category',
        encode(variant('bad-1', (p) => (p.indicators[0]!.category = '科技'))),
        'indicators[0].category',
      ],
      ['a missing title', encode({ ...variant('bad-2'), titleZh: undefined }), 'titleZh'],
      ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x7d]), '(whole file)'],
      ['3 MB', new Uint8Array(3 * 1024 * 1024).fill(0x20), '(whole file)'],
    ];
    for (const [name, bytes, path] of bad) {
      const error = await uploadPlan(deps(), bytes, publisher, AT).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(PlanFileRejected);
      expect(
        (error as PlanFileRejected).problems.map((p) => p.path),
        name,
      ).toContain(path);
    }
    await loadPlan(store.current, variant('public-plan'), { status: 'published', loadedBy: 'import' });
    const afterPublic = (await store.scanAll()).length;
    const refused = await uploadPlan(
      deps(),
      encode(variant('public-plan', (p) => (p.titleEn = 'x'))),
      publisher,
      AT,
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlanReplaceRefused);
    expect((refused as Error).message).toMatch(/plan public-plan is published: an upload replaces a draft only/);

    await uploadPlan(deps(), encode(variant('draft-plan')), publisher, AT);
    const afterDraft = (await store.scanAll()).length;
    const shorter = await uploadPlan(
      deps(),
      encode(variant('draft-plan', (p) => (p.projects = p.projects.slice(1)))),
      publisher,
      AT,
    ).catch((e: unknown) => e);
    expect((shorter as Error).message).toMatch(/has items this file does not: project /);
    expect((await store.scanAll()).length).toBe(afterDraft);
    expect(afterPublic).toBeGreaterThan(before);
    // A corrected draft replaces the stored one.
    const corrected = await uploadPlan(
      deps(),
      encode(variant('draft-plan', (p) => (p.titleEn = 'Corrected'))),
      publisher,
      AT,
    );
    expect(corrected.outcome).toBe('replaced');
    expect((await planRepository(store.current).getPlan('draft-plan'))?.titleEn).toBe('Corrected');
  });
});

describe('npm start and an imported plan', () => {
  it('loads the built-in plan when absent or an earlier built-in copy, and never over an import', async () => {
    expect(await loadBuiltInPlan(store.current, licheng)).toBe('loaded');
    expect(await loadBuiltInPlan(store.current, licheng)).toBe('unchanged');
    // A newer copy of gongping's own file reaches the store.
    const fixed = { ...licheng, titleEn: `${licheng.titleEn} (fixed)` };
    expect(await loadBuiltInPlan(store.current, fixed)).toBe('loaded');
    const plans = planRepository(store.current);
    expect(await plans.getPlan(licheng.id)).toMatchObject({ titleEn: fixed.titleEn, loadedBy: 'built-in' });

    // Someone imports their own version of the plan; the next start leaves it alone.
    const imported = { ...licheng, titleEn: 'Imported by the district' };
    expect(await loadPlan(store.current, imported, { loadedBy: 'import' })).toBe('loaded');
    expect(await loadBuiltInPlan(store.current, licheng)).toBe('kept');
    expect(await plans.getPlan(licheng.id)).toMatchObject({ titleEn: 'Imported by the district', loadedBy: 'import' });
  });

  it('keeps a plan’s status when its file is loaded again', async () => {
    const id = 'status-kept';
    await loadPlan(store.current, variant(id), { status: 'published', loadedBy: 'import' });
    await planRepository(store.current).setStatus(id, 'published', 'closed');
    await loadPlan(
      store.current,
      variant(id, (p) => (p.titleEn = 'Revised')),
      { status: 'draft', loadedBy: 'import' },
    );
    expect(await planRepository(store.current).getPlan(id)).toMatchObject({ status: 'closed', titleEn: 'Revised' });
  });
});
