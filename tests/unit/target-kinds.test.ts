import { beforeAll, describe, expect, it } from 'vitest';
import { TargetType } from '../../shared/feedback/target.js';
import {
  kindNamedBy,
  kindOfCollection,
  namedTargets,
  TARGET_KIND_LIST,
  TARGET_KINDS,
  targetKind,
} from '../../shared/feedback/target-kinds.js';
import { feedPath, targetPagePath } from '../../shared/feeds/atom.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { csvReasonEn } from '../../shared/publishing/csv.js';
import { categoryScope, scopesOf } from '../../shared/ratings/scopes.js';
import { targetIndexOf } from '../../shared/ratings/target-index.js';
import { loadPlan } from '../../shared/store/bootstrap.js';
import { indicatorKey, projectKey, targetKey } from '../../shared/store/keys.js';
import { targetFeed } from '../../web/citizen/links.js';
import { staffMessages } from '../../web/staff/i18n.js';
import { testApp } from '../helpers/api.js';
import { useStore } from '../helpers/store.js';

/**
 * The registry of target kinds (shared/feedback/target-kinds.ts) says for each kind what the
 * feeds, keys, routes, pages and messages used to spell out in ternaries. It must cover every
 * TargetType, and what it says must be what the site produces: the same addresses, the same
 * stored keys (a changed prefix would orphan every stored definition), the same words.
 */
const plan = readPlanFile();
const indicator = plan.indicators.find((i) => i.id === 'gdp')!;
const project = plan.projects[0]!;

describe('the registry of target kinds', () => {
  it('has one record for every TargetType, under its own name, and tells kinds apart by every name', () => {
    expect(Object.keys(TARGET_KINDS).sort()).toEqual([...TargetType.options].sort());
    for (const type of TargetType.options) expect(targetKind(type).type).toBe(type);
    expect(TARGET_KIND_LIST.map((k) => k.type)).toEqual(TargetType.options);
    for (const field of ['collection', 'keyPrefix', 'heading', 'labelWithArticle'] as const) {
      expect(new Set(TARGET_KIND_LIST.map((k) => k[field])).size, field).toBe(TARGET_KIND_LIST.length);
    }
    expect(new Set(TARGET_KIND_LIST.map((k) => k.label.zh)).size).toBe(TARGET_KIND_LIST.length);
  });

  it('names the collections the addresses use, and finds a kind by its collection', () => {
    expect(TARGET_KINDS.indicator.collection).toBe('indicators');
    expect(TARGET_KINDS.project.collection).toBe('projects');
    for (const kind of TARGET_KIND_LIST) {
      expect(kindOfCollection(kind.collection)).toBe(kind);
      expect(kindNamedBy(kind.collection)).toBe(kind);
    }
    expect(kindOfCollection('indicator')).toBeUndefined();
    expect(() => kindNamedBy('cases')).toThrow();
  });

  it('keeps the stored keys of the plan’s definitions: INDICATOR#{id} and PROJECT#{id}', () => {
    expect(targetKey('licheng-14th', 'indicator', 'gdp')).toEqual({ PK: 'PLAN#licheng-14th', SK: 'INDICATOR#gdp' });
    expect(targetKey('licheng-14th', 'project', 'b04-x')).toEqual({ PK: 'PLAN#licheng-14th', SK: 'PROJECT#b04-x' });
    expect(indicatorKey('p', 'gdp')).toEqual(targetKey('p', 'indicator', 'gdp'));
    expect(projectKey('p', 'b04-x')).toEqual(targetKey('p', 'project', 'b04-x'));
  });

  it('builds the pages’ and the feeds’ addresses the way the feeds and the pages’ links do', () => {
    expect(TARGET_KINDS.indicator.pagePath('gdp')).toBe('/indicators/gdp');
    expect(TARGET_KINDS.project.pagePath(project.id)).toBe(`/projects/${project.id}`);
    for (const target of namedTargets(plan)) {
      const kind = targetKind(target.targetType);
      expect(targetPagePath(target)).toBe(kind.pagePath(target.targetId));
      expect(feedPath({ kind: 'target', target })).toBe(targetFeed(target.targetType, target.targetId));
      expect(targetFeed(target.targetType, target.targetId)).toBe(
        `/api/v1/feeds/${kind.collection}/${target.targetId}.atom`,
      );
    }
  });

  it('names every target of a plan, indicators first, each with its names in both languages', () => {
    const named = namedTargets(plan);
    expect(named).toHaveLength(plan.indicators.length + plan.projects.length);
    expect(named[0]).toEqual({
      targetType: 'indicator',
      targetId: plan.indicators[0]!.id,
      nameZh: plan.indicators[0]!.nameZh,
      nameEn: plan.indicators[0]!.nameEn,
    });
    expect(named).toContainEqual({
      targetType: 'project',
      targetId: project.id,
      nameZh: project.titleZh,
      nameEn: project.titleEn,
    });
    expect(named.findIndex((t) => t.targetType === 'project')).toBe(plan.indicators.length);
  });

  it('says the kind in the words the staff’s CSV report uses, in both languages', () => {
    for (const kind of TARGET_KIND_LIST) {
      const why = { code: 'unknownId', kind: kind.type, id: 'x' } as const;
      expect(csvReasonEn(why)).toBe(`no ${kind.label.en} x`);
      expect(staffMessages('zh-CN').csvReason(why)).toBe(`没有${kind.label.zh} x`);
    }
    expect(TARGET_KINDS.indicator.label).toEqual({ zh: '指标', en: 'indicator' });
    expect(TARGET_KINDS.project.label).toEqual({ zh: '项目', en: 'project' });
  });

  it('counts an indicator’s ratings in its category and every project’s in the projects’ group', () => {
    const index = targetIndexOf({
      plan: { ...plan, contentHash: '', status: 'published' },
      indicators: plan.indicators,
    });
    expect(scopesOf(index, { planId: plan.id, targetType: 'indicator', targetId: 'gdp' })).toEqual([
      `${plan.id}/indicator#gdp`,
      `${plan.id}/${categoryScope(indicator.category)}`,
      `${plan.id}/plan#${plan.id}`,
    ]);
    expect(scopesOf(index, { planId: plan.id, targetType: 'project', targetId: project.id })).toEqual([
      `${plan.id}/project#${project.id}`,
      `${plan.id}/${categoryScope('projects')}`,
      `${plan.id}/plan#${plan.id}`,
    ]);
  });
});

describe('what the site produces for each kind', () => {
  const store = useStore();
  let app: ReturnType<typeof testApp>['app'];
  beforeAll(async () => {
    await loadPlan(store.current, plan);
    ({ app } = testApp(store.current));
  });

  it('stores each target’s definition under its kind’s key prefix', async () => {
    const keys = new Set((await store.scanAll()).map((item) => `${String(item.PK)} ${String(item.SK)}`));
    for (const target of namedTargets(plan)) {
      const { PK, SK } = targetKey(plan.id, target.targetType, target.targetId);
      expect(keys.has(`${PK} ${SK}`), SK).toBe(true);
    }
    expect(keys.has(`PLAN#${plan.id} INDICATOR#gdp`)).toBe(true);
  });

  it('links each list page to the target pages at the registry’s paths, and serves each there', async () => {
    for (const kind of TARGET_KIND_LIST) {
      const first = kind.inPlan(plan)[0]!;
      const list = await app.request(`/${kind.collection}`);
      expect(await list.text()).toContain(`href="${kind.pagePath(first.id)}"`);
      const page = await app.request(kind.pagePath(first.id));
      expect(page.status, kind.pagePath(first.id)).toBe(200);
      expect(await page.text()).toContain(`href="${targetFeed(kind.type, first.id)}"`);
      const api = await app.request(`/api/v1/${kind.collection}/${first.id}/ratings`);
      expect(api.status).toBe(200);
    }
  });
});
