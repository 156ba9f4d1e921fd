import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/plan/document.js';
import {
  checkPlanData,
  checkPlanFile,
  jsonErrorOffset,
  jsonPath,
  MAX_PLAN_FILE_BYTES,
  type PlanFileCheck,
} from '../../shared/plan/file.js';
import { planJsonSchema } from '../../shared/plan/format.js';
import { loadPlan } from '../../shared/plan/load.js';
import { planFormatArtefacts, PLAN_FORMAT_OUTPUTS } from '../../scripts/build-plan-format.js';
import { upgradeHistoryRow } from '../../shared/plan/history-upgrade.js';
import { legacyHistoryRow } from '../helpers/legacy-history.js';

const licheng = loadPlan();
const LICHENG_BYTES = await readFile(new URL('../../shared/plan/licheng-14th.json', import.meta.url));
const encode = (data: unknown) => new TextEncoder().encode(JSON.stringify(data, null, 2));

/** A copy of the Licheng plan as plain data, changed by `edit`. */
function edited(edit: (plan: Plan & Record<string, unknown>) => void): unknown {
  const copy = structuredClone(licheng) as Plan & Record<string, unknown>;
  edit(copy);
  return copy;
}

const problems = (check: PlanFileCheck) => (check.ok ? [] : check.problems);
const paths = (check: PlanFileCheck) => problems(check).map((p) => p.path);

describe('checking a plan file', () => {
  it('accepts licheng-14th.json as it is, and as the plan the server loads', () => {
    const check = checkPlanFile(LICHENG_BYTES);
    expect(check.ok).toBe(true);
    expect(check.ok && check.plan).toEqual(licheng);
  });

  it('reports every problem of a file at once, structural and across items, each with its JSON path and item', () => {
    const bad = edited((plan) => {
      plan.id = 'Licheng 15th';
      delete (plan as Partial<Plan>).district;
      plan.indicators[1]!.id = 'gdp';
      (plan.indicators[3] as Record<string, unknown>).target = { kind: 'number', value: '12', raw: '12' };
      plan.indicators[5]!.targetYear = 2019;
      (plan.indicators[6] as Record<string, unknown>).attribute = 'mandatory';
      (plan.indicators[8] as Record<string, unknown>).colour = 'red';
      plan.indicators[9]!.history = ['h13-99'];
      plan.projects[2]!.status = 'completed';
    });
    const check = checkPlanData(bad);
    expect(check.ok).toBe(false);
    expect(problems(check)).toEqual([
      { path: 'id', message: expect.stringMatching(/^not an id: lower-case letters/) },
      { path: 'district', message: 'missing: a required field (string)' },
      {
        path: 'indicators[1].id',
        item: 'indicator gdp',
        message: 'duplicate indicator id "gdp": indicators[0] has it too',
      },
      {
        path: 'indicators[3].target.value',
        item: `indicator ${licheng.indicators[3]!.id}`,
        message: expect.stringMatching(/expected number, received string/),
      },
      {
        path: 'indicators[5].targetYear',
        item: `indicator ${licheng.indicators[5]!.id}`,
        message: 'the target year 2019 is not after the baseline year 2020',
      },
      {
        path: 'indicators[5].targetYear',
        item: `indicator ${licheng.indicators[5]!.id}`,
        message: "the target year 2019 is outside the plan's period 2021–2025",
      },
      {
        path: 'indicators[6].attribute',
        item: `indicator ${licheng.indicators[6]!.id}`,
        message: expect.stringMatching(/expected one of "expected"\|"binding"/),
      },
      {
        path: 'indicators[8].colour',
        item: `indicator ${licheng.indicators[8]!.id}`,
        message: 'not a field of the plan format (a misspelt name?)',
      },
      {
        path: 'indicators[9].history[0]',
        item: `indicator ${licheng.indicators[9]!.id}`,
        message: 'no history row has the id "h13-99"',
      },
      {
        path: 'projects[2].progress',
        item: `project ${licheng.projects[2]!.id}`,
        message: 'a completed project is at 100% progress, not 0%',
      },
    ]);
  });

  it('refuses a file that is too large, not UTF-8, not JSON or empty, saying where', () => {
    const large = new Uint8Array(3 * 1024 * 1024).fill(0x20);
    expect(problems(checkPlanFile(large))).toEqual([
      {
        path: '(whole file)',
        message: `the file is ${large.length} bytes; a plan file is at most ${MAX_PLAN_FILE_BYTES} bytes (2 MiB)`,
      },
    ]);
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('{\n"id": "x",\n"titleZh": "'),
      0xc0,
      0xaf,
      ...new TextEncoder().encode('"}'),
    ]);
    expect(problems(checkPlanFile(latin1))).toEqual([
      { path: '(whole file)', message: 'line 3 is not UTF-8 text: save the file as UTF-8' },
    ]);
    expect(problems(checkPlanFile(new TextEncoder().encode('{\n  "id": "x",\n  "titleZh": 1,,\n}')))).toEqual([
      { path: '(whole file)', message: expect.stringMatching(/^not JSON: line 3 column 16: /) },
    ]);
    expect(problems(checkPlanFile(new TextEncoder().encode(' \n')))).toEqual([
      { path: '(whole file)', message: 'the file is empty' },
    ]);
    expect(paths(checkPlanFile(new TextEncoder().encode('[]')))).toEqual(['(whole file)']);
  });

  it('accepts a byte-order mark and a $schema line, which editors write', () => {
    const withSchema = { $schema: 'https://gongping.example/docs/plan-format.schema.json', ...licheng };
    const check = checkPlanFile(new Uint8Array([0xef, 0xbb, 0xbf, ...encode(withSchema)]));
    expect(check.ok && check.plan).toEqual(licheng);
  });

  it('writes paths as JSON paths and finds where a text stops being JSON', () => {
    expect(jsonPath(['indicators', 3, 'target'])).toBe('indicators[3].target');
    expect(jsonPath(['$schema'])).toBe('$schema');
    expect(jsonPath(['categories', 0, '名称'])).toBe('categories[0]["名称"]');
    expect(jsonPath([])).toBe('(whole file)');
    for (const [text, offset] of [
      ['{"a": 1,}', 8],
      ['[1, 2', 5],
      ['{"a" 1}', 5],
      ['"\\x"', 2],
      ['{"a": tru}', 6],
      ['{} x', 3],
      ['[01]', 2],
    ] as const) {
      expect(() => JSON.parse(text)).toThrow();
      expect(jsonErrorOffset(text), text).toBe(offset);
    }
  });
});

describe('the previous plan’s years in the history rows', () => {
  const later = (plan: Plan & Record<string, unknown>) => {
    // A 15th plan's file: its previous plan is the 14th (2020–2025).
    Object.assign(plan, { id: 'licheng-15th', periodStart: 2026, periodEnd: 2030, baselineYear: 2025 });
    plan.indicators = [];
    plan.projects = [];
    for (const row of plan.history) Object.assign(row, { baselineYear: 2020, targetYear: 2025 });
  };

  it('are data: a later plan’s file states its previous plan’s years, which the plan keeps', () => {
    const check = checkPlanData(edited(later));
    expect(problems(check)).toEqual([]);
    expect(check.ok && check.plan.history.map((row) => [row.baselineYear, row.targetYear])).toEqual(
      licheng.history.map(() => [2020, 2025]),
    );
  });

  it('are read from the old field names (target2020, actual2015, actual2020) of a file in the first shape', () => {
    const old = edited((plan) => {
      (plan as Record<string, unknown>).history = plan.history.map(legacyHistoryRow);
    });
    expect(JSON.stringify(old)).toContain('"actual2015"');
    const check = checkPlanFile(encode(old));
    expect(problems(check)).toEqual([]);
    expect(check.ok && check.plan).toEqual(licheng);
    expect(check.ok && check.plan.history[0]).toMatchObject({
      baselineYear: 2015,
      baseline: { kind: 'number', value: 265.99 },
      targetYear: 2020,
      target: { kind: 'number', value: 380 },
      actual: { kind: 'number', value: 438.08 },
    });
  });

  it('upgrade a row only when it is wholly in the old shape, and leave anything else to the check', () => {
    const row = licheng.history[0]!;
    expect(upgradeHistoryRow(legacyHistoryRow(row))).toEqual(row);
    expect(upgradeHistoryRow(row)).toBe(row);
    for (const other of [null, 'h13-01', [row], {}]) expect(upgradeHistoryRow(other)).toBe(other);
    const mixed = { ...row, actual2015: row.baseline };
    expect(upgradeHistoryRow(mixed)).toBe(mixed);
    expect(
      problems(checkPlanData(edited((plan) => Object.assign(plan.history[0]!, { actual2015: row.baseline })))),
    ).toEqual([
      {
        path: 'history[0].actual2015',
        item: 'history row h13-01',
        message: 'not a field of the plan format (a misspelt name?)',
      },
    ]);
    // An old row missing one of its cells is missing the new field that cell becomes.
    const partial = edited((plan) => {
      const { actual2020: _dropped, ...rest } = legacyHistoryRow(plan.history[0]!);
      (plan as Record<string, unknown>).history = [rest, ...plan.history.slice(1)];
    });
    expect(problems(checkPlanData(partial))).toEqual([
      { path: 'history[0].actual', item: 'history row h13-01', message: 'missing: a required field (object)' },
    ]);
  });

  it('are refused, each at its path, when out of order, not before this plan’s baseline, or not years', () => {
    const bad = edited((plan) => {
      plan.history[1]!.baselineYear = 2020;
      plan.history[2]!.targetYear = 2021;
      (plan.history[3] as Record<string, unknown>).targetYear = '2020';
      delete (plan.history[4] as Partial<Plan['history'][number]>).baselineYear;
    });
    expect(problems(checkPlanData(bad))).toEqual([
      {
        path: 'history[1].targetYear',
        item: 'history row h13-02',
        message: 'the target year 2020 is not after the baseline year 2020',
      },
      {
        path: 'history[2].targetYear',
        item: 'history row h13-03',
        message: "the previous plan's target year 2021 is after this plan's baseline year 2020",
      },
      { path: 'history[3].targetYear', item: 'history row h13-04', message: expect.stringMatching(/expected number/) },
      { path: 'history[4].baselineYear', item: 'history row h13-05', message: 'missing: a required field (number)' },
    ]);
    // zod stops at a number that is not whole, so this one is reported without the checks across items.
    expect(problems(checkPlanData(edited((plan) => (plan.history[0]!.baselineYear = 2015.5))))).toEqual([
      { path: 'history[0].baselineYear', item: 'history row h13-01', message: expect.stringMatching(/expected int/) },
    ]);
  });
});

type Schema = Record<string, unknown>;

/**
 * Just enough of JSON Schema 2020-12 to apply the generated schema to data: $ref into $defs, type,
 * properties, required, additionalProperties false, items, enum, const, oneOf/anyOf, string lengths,
 * patterns and number bounds. The paths of the failures, empty when the data is valid.
 */
function schemaFailures(schema: Schema, data: unknown, root: Schema = schema, path = ''): string[] {
  if (typeof schema.$ref === 'string')
    return schemaFailures(
      (root.$defs as Record<string, Schema>)[schema.$ref.replace('#/$defs/', '')]!,
      data,
      root,
      path,
    );
  const variants = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (variants) {
    const passing = variants.filter((v) => schemaFailures(v, data, root, path).length === 0).length;
    return (schema.oneOf ? passing === 1 : passing > 0) ? [] : [`${path}: no variant`];
  }
  const fail = (what: string) => [`${path || '(root)'}: ${what}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(data)) return fail('enum');
  if ('const' in schema && schema.const !== data) return fail('const');
  switch (schema.type) {
    case 'object': {
      if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('object');
      const record = data as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const out = ((schema.required ?? []) as string[])
        .filter((key) => !(key in record))
        .map((key) => `${path}.${key}: required`);
      for (const [key, value] of Object.entries(record)) {
        if (properties[key]) out.push(...schemaFailures(properties[key], value, root, `${path}.${key}`));
        else if (schema.additionalProperties === false) out.push(`${path}.${key}: additional`);
      }
      return out;
    }
    case 'array':
      return Array.isArray(data)
        ? data.flatMap((item, i) => schemaFailures(schema.items as Schema, item, root, `${path}[${i}]`))
        : fail('array');
    case 'string':
      if (typeof data !== 'string') return fail('string');
      if (typeof schema.minLength === 'number' && data.length < schema.minLength) return fail('minLength');
      if (typeof schema.maxLength === 'number' && data.length > schema.maxLength) return fail('maxLength');
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(data)) return fail('pattern');
      return [];
    case 'integer':
    case 'number':
      if (typeof data !== 'number' || (schema.type === 'integer' && !Number.isInteger(data)))
        return fail(String(schema.type));
      if (typeof schema.minimum === 'number' && data < schema.minimum) return fail('minimum');
      if (typeof schema.maximum === 'number' && data > schema.maximum) return fail('maximum');
      if (typeof schema.exclusiveMinimum === 'number' && data <= schema.exclusiveMinimum)
        return fail('exclusiveMinimum');
      return [];
    case 'boolean':
      return typeof data === 'boolean' ? [] : fail('boolean');
    case 'null':
      return data === null ? [] : fail('null');
    default:
      return [];
  }
}

describe('the JSON Schema of the format', () => {
  const schema = planJsonSchema();

  it('is generated: the committed schema and the tables of docs/plan-format.md are what shared/plan/format.ts gives', async () => {
    const artefacts = await planFormatArtefacts();
    expect([...artefacts.keys()].map((url) => url.href).sort()).toEqual(
      Object.values(PLAN_FORMAT_OUTPUTS)
        .map((url) => url.href)
        .sort(),
    );
    for (const [url, content] of artefacts) {
      expect(await readFile(url, 'utf8'), `${url.pathname} is stale: run npm run build:openapi`).toBe(content);
    }
  });

  it('names the top-level fields the loader requires, and describes every field', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual([
      'id',
      'titleZh',
      'titleEn',
      'district',
      'periodStart',
      'periodEnd',
      'baselineYear',
      'source',
      'categories',
      'indicators',
      'history',
      'projects',
    ]);
    expect(schema.additionalProperties).toBe(false);
    const objects = [
      schema,
      ...Object.values(schema.$defs as Record<string, Schema>).filter((def) => def.type === 'object'),
    ];
    expect(objects.length).toBeGreaterThanOrEqual(10);
    for (const object of objects) {
      for (const [field, property] of Object.entries(object.properties as Record<string, Schema>)) {
        expect(property.description, `${String(object.title)}.${field}`).toMatch(/\w/);
      }
    }
  });

  it('accepts licheng-14th.json, with a $schema line too', () => {
    expect(schemaFailures(schema, JSON.parse(LICHENG_BYTES.toString('utf8')))).toEqual([]);
    expect(
      schemaFailures(schema, { $schema: 'https://gongping.example/docs/plan-format.schema.json', ...licheng }),
    ).toEqual([]);
  });

  it('refuses what the loader refuses for its shape, at the same place', () => {
    const cases: [unknown, string][] = [
      [edited((p) => delete (p as Partial<Plan>).district), '.district: required'],
      [
        edited((p) => ((p.indicators[0] as Record<string, unknown>).colour = 'red')),
        '.indicators[0].colour: additional',
      ],
      [edited((p) => (p.indicators[0]!.seq = 0)), '.indicators[0].seq: exclusiveMinimum'],
      [edited((p) => (p.periodEnd = 2205)), '.periodEnd: maximum'],
      [edited((p) => (p.projects[0]!.id = 'Not An Id')), '.projects[0].id: pattern'],
      [
        edited((p) => ((p.indicators[0] as Record<string, unknown>).target = { kind: 'estimate' })),
        '.indicators[0].target: no variant',
      ],
    ];
    for (const [data, failure] of cases) {
      expect(checkPlanData(data).ok).toBe(false);
      expect(schemaFailures(schema, data)).toEqual([failure]);
    }
  });
});
