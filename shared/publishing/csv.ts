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
        if (typeof value === 'string' && FORMULA_START.test(value) && !/^-?\d+(\.\d+)?$/.test(value)) return [column, `'${value}`];
        return [column, value ?? ''];
      }),
    ),
  );
  return BOM + stringify(safe, { header: true, columns: [...columns], record_delimiter: '\r\n' });
}

export interface CsvProblem {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  column: string | null;
  reason: string;
}

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/**
 * Reads a CSV with a header. Every column must be one of `known`; `required` ones must be there.
 * Problems of the file itself (bad quoting, a row with the wrong number of cells) are reported
 * by line, like any other problem, instead of stopping at the first.
 */
export function readCsv(text: string, options: { required: readonly string[]; known: readonly string[] }): { rows: CsvRow[]; problems: CsvProblem[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  // A record the parser cannot read (a stray quote) is reported like any other bad row, and the
  // rest of the file is still checked.
  const unreadable: CsvProblem[] = [];
  const onSkip = (error: (Error & { lines?: number }) | undefined) => {
    if (error) unreadable.push({ line: error.lines ?? 1, column: null, reason: `not readable as CSV: ${error.message}` });
  };
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, skip_records_with_error: true, on_skip: onSkip } as never) as never;
  } catch (error) {
    const e = error as Error & { lines?: number };
    return { rows: [], problems: [{ line: e.lines ?? 1, column: null, reason: `not readable as CSV: ${e.message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [...unreadable, { line: 1, column: null, reason: 'the file has no header' }] };
  const columns = header.record.map((name) => name.trim());
  const problems: CsvProblem[] = [...unreadable];
  const known = new Set(options.known);
  columns.forEach((name) => {
    if (!known.has(name)) problems.push({ line: 1, column: name, reason: `unknown column; the columns are ${options.known.join(', ')}` });
  });
  for (const name of options.required) if (!columns.includes(name)) problems.push({ line: 1, column: name, reason: 'required column is missing' });
  if (new Set(columns).size !== columns.length) problems.push({ line: 1, column: null, reason: 'a column appears twice' });
  if (problems.some((p) => p.line === 1)) return { rows: [], problems };

  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    // info.lines is where the record ends; a quoted cell may span lines.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== columns.length) {
      problems.push({ line, column: null, reason: `${record.length} cells where the header has ${columns.length}` });
      continue;
    }
    const values = Object.fromEntries(columns.map((name, i) => [name, unprotect(record[i]!)]));
    rows.push({ line, values });
  }
  return { rows, problems };
}

const unprotect = (cell: string) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);
