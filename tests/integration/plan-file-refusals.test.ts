import { describe, expect, it } from 'vitest';
import { staffActor } from '../../shared/audit/entry.js';
import type { Plan } from '../../shared/plan/document.js';
import { MAX_PLAN_FILE_BYTES } from '../../shared/plan/file.js';
import { loadPlan as readPlanFile } from '../../shared/plan/load.js';
import { PlanFileRejected, uploadPlan } from '../../shared/publishing/plans.js';
import { auditRepository } from '../../shared/store/audit-repository.js';
import { planRepository } from '../../shared/store/plan-repository.js';
import { useStore } from '../helpers/store.js';

/**
 * The table of broken plan files: each is refused with the JSON path of its fault and a plain
 * message, and nothing is written to the store, through the same check the plan CLI and the staff
 * upload use (shared/plan/file.ts, here through uploadPlan on dynalite).
 */
const store = useStore();
const licheng = readPlanFile();
const publisher = staffActor({ sub: 'pub-1', name: 'Publisher One', roles: ['publisher'] });
const encode = (data: unknown) => new TextEncoder().encode(JSON.stringify(data, null, 2));

/** A copy of the Licheng plan as plain data, changed by `edit`. */
function edited(edit: (plan: Plan & Record<string, unknown>) => void): Uint8Array {
  const copy = structuredClone(licheng) as Plan & Record<string, unknown>;
  edit(copy);
  return encode(copy);
}

type Case = [string, Uint8Array, string, RegExp];
const WHOLE = '(whole file)';

const CASES: Case[] = [
  ...(
    [
      ['no id', (p) => delete (p as Partial<Plan>).id, 'id', /missing/],
      ['an empty title', (p) => (p.titleZh = ''), 'titleZh', /too small|>=1/i],
      [
        'a year as text',
        (p) => ((p as Record<string, unknown>).periodStart = '2021'),
        'periodStart',
        /expected number/,
      ],
      [
        'a period ending before it starts',
        (p) => (p.periodEnd = 2020),
        'periodEnd',
        /ends \(2020\) before it starts \(2021\)/,
      ],
      ['a year no plan speaks of', (p) => (p.periodEnd = 2205), 'periodEnd', /2100/],
      [
        'a baseline year after the start',
        (p) => (p.baselineYear = 2022),
        'baselineYear',
        /after the period's first year/,
      ],
      ['a malformed checksum', (p) => (p.source.sha256 = 'abc'), 'source.sha256', /not a SHA-256/],
      [
        'an unknown category: one the file does not declare',
        (p) => (p.indicators[0]!.category = '科技'),
        'indicators[0].category',
        /category "科技" is not one of the plan's categories/,
      ],
      [
        'a category listed twice',
        (p) => (p.categories[1]!.id = p.categories[0]!.id),
        'categories[1].id',
        /duplicate category "经济质效"/,
      ],
      [
        'an indicator of a category the plan does not list',
        (p) => (p.categories = p.categories.slice(1)),
        'indicators[0].category',
        /not one of the plan's categories/,
      ],
      [
        'two indicators with one id',
        (p) => (p.indicators[1]!.id = 'gdp'),
        'indicators[1].id',
        /duplicate indicator id/,
      ],
      [
        'two indicators with one row number',
        (p) => (p.indicators[1]!.seq = 1),
        'indicators[1].seq',
        /duplicate sequence number 1/,
      ],
      [
        'a target year before the baseline year',
        (p) => (p.indicators[0]!.baselineYear = 2026),
        'indicators[0].targetYear',
        /not after the baseline year 2026/,
      ],
      [
        'a target year after the period',
        (p) => (p.indicators[0]!.targetYear = 2035),
        'indicators[0].targetYear',
        /outside the plan's period 2021–2025/,
      ],
      [
        'a cell of an unknown kind',
        (p) => ((p.indicators[0] as Record<string, unknown>).target = { kind: 'estimate', value: 1 }),
        'indicators[0].target.kind',
        /discriminator/,
      ],
      [
        'a number cell holding text',
        (p) => ((p.indicators[0]!.baseline as Record<string, unknown>).value = '438.08'),
        'indicators[0].baseline.value',
        /expected number/,
      ],
      [
        'an attribute neither binding nor expected',
        (p) => ((p.indicators[0] as Record<string, unknown>).attribute = '约束性'),
        'indicators[0].attribute',
        /"expected"\|"binding"/,
      ],
      [
        'an unknown measure',
        (p) => ((p.indicators[0] as Record<string, unknown>).measure = 'index'),
        'indicators[0].measure',
        /"level"/,
      ],
      [
        'a misspelt field',
        (p) => ((p.indicators[0] as Record<string, unknown>).unitZh = '亿元'),
        'indicators[0].unitZh',
        /not a field/,
      ],
      [
        'a reference to a missing history row',
        (p) => (p.indicators[0]!.history = ['h13-77']),
        'indicators[0].history[0]',
        /"h13-77"/,
      ],
      [
        'a stretch goal short of the target',
        (p) => (p.indicators[0]!.stretch!.value = 600),
        'indicators[0].stretch.value',
        /below the target 650/,
      ],
      [
        'a growth target without its text',
        (p) => delete (p.indicators[0]!.growth as Partial<NonNullable<Plan['indicators'][number]['growth']>>).raw,
        'indicators[0].growth.raw',
        /missing/,
      ],
      [
        'two history rows with one id',
        (p) => (p.history[1]!.id = p.history[0]!.id),
        'history[1].id',
        /duplicate history row id "h13-01"/,
      ],
      [
        'a previous plan whose target year is not after its baseline year',
        (p) => (p.history[0]!.targetYear = 2015),
        'history[0].targetYear',
        /the target year 2015 is not after the baseline year 2015/,
      ],
      [
        'a previous plan ending after this plan’s baseline year',
        (p) => (p.history[0]!.targetYear = 2025),
        'history[0].targetYear',
        /the previous plan's target year 2025 is after this plan's baseline year 2020/,
      ],
      [
        'a previous plan’s year that is not a whole year',
        (p) => (p.history[0]!.baselineYear = 2015.5),
        'history[0].baselineYear',
        /expected int/,
      ],
      [
        'a history row mixing the old year-named fields with the new ones',
        (p) => Object.assign(p.history[0]!, { actual2020: p.history[0]!.actual }),
        'history[0].actual2020',
        /not a field/,
      ],
      [
        'two projects with one id',
        (p) => (p.projects[1]!.id = p.projects[0]!.id),
        'projects[1].id',
        /duplicate project id/,
      ],
      ['progress over 100%', (p) => (p.projects[0]!.progress = 150), 'projects[0].progress', /100/],
      [
        'a project not started but under way',
        (p) => Object.assign(p.projects[0]!, { status: 'not_started', progress: 40 }),
        'projects[0].progress',
        /not started is at 0% progress, not 40%/,
      ],
      [
        'a goal outside the period',
        (p) => (p.projects[0]!.goals[0]!.year = 2030),
        'projects[0].goals[0].year',
        /outside the plan's period/,
      ],
      [
        'indicators that are not a list',
        (p) => ((p as Record<string, unknown>).indicators = { gdp: {} }),
        'indicators',
        /expected array/,
      ],
      [
        'an indicator too large for the store',
        (p) => (p.indicators[0]!.nameEn = 'x'.repeat(120_000)),
        'indicators[0]',
        /too large to store/,
      ],
      ['a $schema that is not an address', (p) => (p.$schema = 42), '$schema', /address/],
      [
        'a unit that is not text',
        (p) => ((p.indicators[0] as Record<string, unknown>).unit = 100),
        'indicators[0].unit',
        /expected string/,
      ],
      [
        'an indicator without its English unit',
        (p) => delete (p.indicators[0] as Partial<Plan['indicators'][number]>).unitEn,
        'indicators[0].unitEn',
        /missing/,
      ],
      [
        'a project goal whose unit is missing',
        (p) => delete (p.projects[0]!.goals[0] as Partial<Plan['projects'][number]['goals'][number]>).unit,
        'projects[0].goals[0].unit',
        /missing/,
      ],
      [
        'a project status gongping does not know',
        (p) => ((p.projects[0] as Record<string, unknown>).status = 'paused'),
        'projects[0].status',
        /"not_started"/,
      ],
      ['a row number of zero', (p) => (p.indicators[0]!.seq = 0), 'indicators[0].seq', /too small|>0/i],
    ] as [string, (plan: Plan & Record<string, unknown>) => void, string, RegExp][]
  ).map(([name, edit, path, message]): Case => [name, edited(edit), path, message]),
  [
    'a 3 MB file',
    new Uint8Array(3 * 1024 * 1024).fill(0x20),
    WHOLE,
    new RegExp(`at most ${MAX_PLAN_FILE_BYTES} bytes`),
  ],
  [
    'invalid UTF-8',
    new Uint8Array([...new TextEncoder().encode('{\n"id": "'), 0xc0, 0xaf, ...new TextEncoder().encode('"}')]),
    WHOLE,
    /line 2 is not UTF-8 text/,
  ],
  ['text that is not JSON', new TextEncoder().encode('{ "id": "x", }'), WHOLE, /^not JSON: line 1 column/],
  ['an empty file', new Uint8Array(0), WHOLE, /the file is empty/],
  ['a list instead of a plan', new TextEncoder().encode('[]'), WHOLE, /expected object/],
];

describe('a broken plan file', () => {
  it('has a table of at least 25 kinds', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)('is refused for %s, at its path, and nothing is written', async (_name, bytes, path, message) => {
    const deps = { plans: planRepository(store.current), audit: auditRepository(store.current) };
    const before = (await store.scanAll()).length;
    const error = await uploadPlan(deps, bytes, publisher, new Date()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanFileRejected);
    const problems = (error as PlanFileRejected).problems;
    expect(
      problems.filter((p) => p.path === path).map((p) => p.message),
      problems.map((p) => p.path).join(', '),
    ).toContainEqual(expect.stringMatching(message));
    expect((await store.scanAll()).length).toBe(before);
  });
});
