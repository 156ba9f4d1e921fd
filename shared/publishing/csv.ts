import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * CSV as exchanged with spreadsheet users: UTF-8 with a byte-order mark (so Excel reads Chinese
 * right), a header row, comma-separated, RFC 4180 quoting. A text cell that starts with = + - @
 * is written with a leading apostrophe, so a spreadsheet never runs it as a formula, and read back
 * without it, so an export imports back unchanged. Numbers are never prefixed.
 */
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number | boolean | null | undefined;

export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, Cell>>): string {
  const safe = rows.map((row) =>
    Object.fromEntries(
      columns.map((column) => {
        const value = row[column];
        if (typeof value === 'string' && FORMULA_START.test(value) && !/^-?\d+(\.\d+)?$/.test(value))
          return [column, `'${value}`];
        return [column, value ?? ''];
      }),
    ),
  );
  return BOM + stringify(safe, { header: true, columns: [...columns], record_delimiter: '\r\n' });
}

/** Why a line of a file was refused: a code and its values, so each page says it in its own language. */
export type CsvReason =
  | { code: 'unreadable'; detail: string }
  | { code: 'noHeader' }
  | { code: 'unknownColumn'; columns: readonly string[] }
  | { code: 'missingColumn' }
  | { code: 'duplicateColumn' }
  | { code: 'cellCount'; expected: number; found: number }
  | { code: 'noRows' }
  | { code: 'required' }
  | { code: 'unknownId'; kind: 'indicator' | 'project'; id: string }
  | { code: 'yearRange'; min: number; max: number; text: string }
  | { code: 'thousandsSeparator' }
  | { code: 'notANumber'; text: string }
  | { code: 'tooLarge'; text: string }
  | { code: 'tooLong'; max: number }
  | { code: 'repeated'; what: string; line: number }
  | { code: 'correctionNeedsReason'; year: number; value: number }
  | { code: 'oneOf'; options: readonly string[] }
  | { code: 'percentRange'; text: string }
  | { code: 'noteRequired' }
  | { code: 'departmentId' }
  | { code: 'nameTaken'; name: string; by: string };

/** The reason in English: the API's words, and the staff pages' in English. */
export function csvReasonEn(why: CsvReason): string {
  switch (why.code) {
    case 'unreadable':
      return `not readable as CSV: ${why.detail}`;
    case 'noHeader':
      return 'the file has no header';
    case 'unknownColumn':
      return `unknown column; the columns are ${why.columns.join(', ')}`;
    case 'missingColumn':
      return 'required column is missing';
    case 'duplicateColumn':
      return 'a column appears twice';
    case 'cellCount':
      return `${why.found} cells where the header has ${why.expected}`;
    case 'noRows':
      return 'the file has no rows';
    case 'required':
      return 'required';
    case 'unknownId':
      return `no ${why.kind} ${why.id}`;
    case 'yearRange':
      return `a year from ${why.min} to ${why.max}, not ${JSON.stringify(why.text)}`;
    case 'thousandsSeparator':
      return 'write numbers without thousands separators (1234.5, not 1,234.5)';
    case 'notANumber':
      return `not a number: ${JSON.stringify(why.text)}`;
    case 'tooLarge':
      return `too large to be a number: ${JSON.stringify(why.text)}`;
    case 'tooLong':
      return `at most ${why.max} characters`;
    case 'repeated':
      return `${why.what} is already on line ${why.line}`;
    case 'correctionNeedsReason':
      return `${why.year} already has the value ${why.value}; a correction must give its reason`;
    case 'oneOf':
      return `one of ${why.options.join(', ')}`;
    case 'percentRange':
      return `a percentage from 0 to 100, not ${JSON.stringify(why.text)}`;
    case 'noteRequired':
      return 'say what was done or what changed';
    case 'departmentId':
      return 'an id of lower-case letters, digits and hyphens, at most 40 (licheng-stats)';
    case 'nameTaken':
      return `${why.name} is already a name of department ${why.by}`;
  }
}

export interface CsvProblem {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  column: string | null;
  /** In English, as the API answers it. */
  reason: string;
  why: CsvReason;
}

export const csvProblem = (line: number, column: string | null, why: CsvReason): CsvProblem => ({
  line,
  column,
  reason: csvReasonEn(why),
  why,
});

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/**
 * Reads a CSV with a header. Every column must be one of `known`; `required` ones must be there.
 * Problems of the file itself (bad quoting, a row with the wrong number of cells) are reported
 * by line, like any other problem, instead of stopping at the first.
 */
export function readCsv(
  text: string,
  options: { required: readonly string[]; known: readonly string[] },
): { rows: CsvRow[]; problems: CsvProblem[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  // A record the parser cannot read (a stray quote) is reported like any other bad row, and the
  // rest of the file is still checked.
  const unreadable: CsvProblem[] = [];
  const onSkip = (error: (Error & { lines?: number }) | undefined) => {
    if (error) unreadable.push(csvProblem(error.lines ?? 1, null, { code: 'unreadable', detail: error.message }));
  };
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      skip_records_with_error: true,
      on_skip: onSkip,
    } as never) as never;
  } catch (error) {
    const e = error as Error & { lines?: number };
    return { rows: [], problems: [csvProblem(e.lines ?? 1, null, { code: 'unreadable', detail: e.message })] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [...unreadable, csvProblem(1, null, { code: 'noHeader' })] };
  const columns = header.record.map((name) => name.trim());
  const problems: CsvProblem[] = [...unreadable];
  const known = new Set(options.known);
  columns.forEach((name) => {
    if (!known.has(name)) problems.push(csvProblem(1, name, { code: 'unknownColumn', columns: options.known }));
  });
  for (const name of options.required)
    if (!columns.includes(name)) problems.push(csvProblem(1, name, { code: 'missingColumn' }));
  if (new Set(columns).size !== columns.length) problems.push(csvProblem(1, null, { code: 'duplicateColumn' }));
  if (problems.some((p) => p.line === 1)) return { rows: [], problems };

  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    // info.lines is where the record ends; a quoted cell may span lines.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== columns.length) {
      problems.push(csvProblem(line, null, { code: 'cellCount', expected: columns.length, found: record.length }));
      continue;
    }
    const values = Object.fromEntries(columns.map((name, i) => [name, unprotect(record[i]!)]));
    rows.push({ line, values });
  }
  return { rows, problems };
}

const unprotect = (cell: string) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);
