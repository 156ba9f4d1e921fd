import { createHash } from 'node:crypto';
import type * as z from 'zod/mini';
import { Plan } from './document.js';
import { withHistoryUpgraded } from './history-upgrade.js';
import '../validation-messages.js';

/**
 * Reading a plan file someone wrote (`npm run plan -- check|import FILE`): every problem at once,
 * each with the JSON path of the value at fault (`indicators[3].target`), a plain message and,
 * inside a list, which item it is; or the plan, valid. Nothing here touches the store.
 */

/** A plan file is some 100 KB (licheng-14th.json: 31 indicators, 36 history rows, 69 projects). */
export const MAX_PLAN_FILE_BYTES = 2 * 1024 * 1024;

export interface PlanFileProblem {
  /** Where: `indicators[3].targetYear`, or `(whole file)`. */
  path: string;
  message: string;
  /** The item of a list the path is in, by its id when it has one: `indicator gdp`. */
  item?: string;
}

export type PlanFileCheck = { ok: true; plan: Plan } | { ok: false; problems: PlanFileProblem[] };

const WHOLE_FILE = '(whole file)';

/** `['indicators', 3, 'target']` → `indicators[3].target`; keys that are not plain names in brackets. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || WHOLE_FILE;
}

/** Checks a plan file's bytes: size, UTF-8, JSON, then the plan format. */
export function checkPlanFile(bytes: Uint8Array): PlanFileCheck {
  const fail = (message: string): PlanFileCheck => ({ ok: false, problems: [{ path: WHOLE_FILE, message }] });
  if (bytes.length > MAX_PLAN_FILE_BYTES) {
    return fail(`the file is ${bytes.length} bytes; a plan file is at most ${MAX_PLAN_FILE_BYTES} bytes (2 MiB)`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail(`line ${firstLineNotUtf8(bytes)} is not UTF-8 text: save the file as UTF-8`);
  }
  if (text.trim() === '') return fail('the file is empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`not JSON: ${jsonErrorWithLine((error as Error).message, text)}`);
  }
  return checkPlanData(data);
}

/**
 * Checks parsed data against the plan format. A top-level `$schema` (the address of the format's
 * JSON Schema, which editors use to check as one types) is allowed and dropped, and history rows
 * with the old field names are accepted (./history-upgrade.ts).
 */
export function checkPlanData(data: unknown): PlanFileCheck {
  let input = data;
  if (isRecord(data) && '$schema' in data) {
    const { $schema, ...rest } = data;
    if (typeof $schema !== 'string')
      return { ok: false, problems: [{ path: '$schema', message: 'the address of the JSON Schema, as text' }] };
    input = rest;
  }
  // Rows in the format's first shape (years in field names) are read as the current shape.
  input = withHistoryUpgraded(input);
  const result = Plan.safeParse(input);
  if (result.success) return { ok: true, plan: result.data };
  const problems = result.error.issues.flatMap((issue) => problemsOf(issue, input));
  return { ok: false, problems: inFileOrder(problems) };
}

function problemsOf(issue: z.core.$ZodIssue, data: unknown): (PlanFileProblem & { at: PropertyKey[] })[] {
  const at = issue.path;
  const item = itemOf(at, data);
  const problem = (path: PropertyKey[], message: string) => ({
    at: path,
    path: jsonPath(path),
    message,
    ...(item ? { item } : {}),
  });
  switch (issue.code) {
    case 'invalid_format':
      if (issue.format === 'regex' && issue.pattern && PATTERNS[issue.pattern])
        return [problem(at, PATTERNS[issue.pattern]!)];
      return [problem(at, issue.message)];
    case 'unrecognized_keys':
      return issue.keys.map((key) => problem([...at, key], 'not a field of the plan format (a misspelt name?)'));
    case 'invalid_type':
      if (valueAt(data, at) === undefined) return [problem(at, `missing: a required field (${issue.expected})`)];
      return [problem(at, issue.message)];
    default:
      return [problem(at, issue.message)];
  }
}

/** What the format's patterns mean, in words. */
const PATTERNS: Record<string, string> = {
  [String(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)]:
    'not an id: lower-case letters a-z, digits 0-9 and single hyphens, like "gdp-per-capita"',
  [String(/^[0-9a-f]{64}$/)]: 'not a SHA-256: 64 hex digits 0-9 a-f, lower-case',
};

/** `indicator gdp` for a path inside indicators[0], when that item has an id. */
function itemOf(path: readonly PropertyKey[], data: unknown): string | undefined {
  const [list, index] = path;
  const label = { indicators: 'indicator', history: 'history row', projects: 'project', categories: 'category' }[
    String(list)
  ];
  if (!label || typeof index !== 'number') return undefined;
  const id = valueAt(data, [list!, index, 'id']);
  return typeof id === 'string' && id !== '' ? `${label} ${id}` : undefined;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Problems grouped as the file reads: by top-level field in the format's order, then by item. */
function inFileOrder(problems: (PlanFileProblem & { at: PropertyKey[] })[]): PlanFileProblem[] {
  const fields = Object.keys(Plan.shape);
  const rank = (at: PropertyKey[]) => {
    const field = at.length === 0 ? -1 : fields.indexOf(String(at[0]));
    return [
      field < 0 ? (at.length === 0 ? -1 : fields.length) : field,
      typeof at[1] === 'number' ? at[1] : -1,
    ] as const;
  };
  return problems
    .map((p, order) => ({ p, order, rank: rank(p.at) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.order - b.order)
    .map(({ p: { at: _at, ...problem } }) => problem);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The 1-based number of the first line whose bytes are not UTF-8. */
function firstLineNotUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line;
}

/**
 * JSON.parse's message, with the line and column of the fault, which an editor can go to (Node 20's
 * messages often name neither; the quoted text some of them carry is dropped).
 */
function jsonErrorWithLine(message: string, text: string): string {
  const plain = message.replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/ in JSON at position \d+.*$/, '');
  const position = /at position (\d+)/.exec(message)?.[1];
  const offset = position !== undefined ? Number(position) : jsonErrorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `line ${line} column ${column}: ${plain}`;
}

class NotJsonAt extends Error {
  constructor(readonly offset: number) {
    super(`not JSON at ${offset}`);
  }
}

/** Where a text that JSON.parse refused stops being JSON: a small reader of the grammar (RFC 8259). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = () => {
    throw new NotJsonAt(i);
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) return i++;
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail();
      } else i++;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): void => {
    if (depth > 512) fail();
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return void string();
    if (c === 't') return void literal('true');
    if (c === 'f') return void literal('false');
    if (c === 'n') return void literal('null');
    NUMBER.lastIndex = i;
    if (!NUMBER.test(text)) fail();
    i = NUMBER.lastIndex;
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : text.length;
  } catch (error) {
    if (error instanceof NotJsonAt) return error.offset;
    throw error;
  }
}

/** The hash a stored plan keeps of the file last loaded, so that loading the same content again writes nothing. */
export const planContentHash = (plan: Plan) => createHash('sha256').update(JSON.stringify(plan)).digest('hex');
