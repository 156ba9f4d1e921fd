import { stringify } from 'csv-stringify/sync';
import * as z from 'zod/mini';
import { doc } from '../api/registry.js';
import type { CellValue, Column, ColumnType } from './columns.js';
import { DATASETS, publishedColumns, type DatasetId, type DatasetRows } from './datasets.js';

/** Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection). */
export const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(column: Column<never>, value: CellValue): string | number {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return value;
  return column.freeText && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * A dataset as CSV: UTF-8 with a byte-order mark (so Excel and WPS open Chinese text correctly),
 * a header row of the column names, CRLF line ends (RFC 4180), empty cells for nulls, `true` and
 * `false` for booleans, numbers as JavaScript prints them (full precision, `.` as decimal mark).
 */
export function toCsv<K extends DatasetId>(id: K, planId: string, rows: ReadonlyArray<DatasetRows[K]>): string {
  const columns = publishedColumns(id, planId);
  const records = [
    columns.map((c) => c.name),
    ...rows.map((row) => columns.map((c) => csvCell(c as Column<never>, c.value(row)))),
  ];
  return stringify(records, { bom: true, record_delimiter: 'windows' });
}

/** The JSON form of a dataset: the same rows and values as the CSV, typed, keyed by column name. */
export function toJsonRows<K extends DatasetId>(
  id: K,
  planId: string,
  rows: ReadonlyArray<DatasetRows[K]>,
): Array<Record<string, CellValue>> {
  const columns = publishedColumns(id, planId);
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c.name, c.value(row)])));
}

export interface JsonDataset {
  dataset: DatasetId;
  plan: string;
  title: { zh: string; en: string };
  /** Where every column is described. */
  dictionary: string;
  rows: Array<Record<string, CellValue>>;
}

export function toJsonDataset<K extends DatasetId>(
  id: K,
  planId: string,
  rows: ReadonlyArray<DatasetRows[K]>,
): JsonDataset {
  const dataset = DATASETS[id];
  return {
    dataset: id,
    plan: planId,
    title: { zh: dataset.titleZh, en: dataset.titleEn },
    dictionary: `/open-data#${id}`,
    rows: toJsonRows(id, planId, rows),
  };
}

const TYPES: Record<ColumnType, () => z.ZodMiniType> = {
  string: () => z.string(),
  integer: () => z.number().check(z.int()),
  number: () => z.number(),
  boolean: () => z.boolean(),
  datetime: () => z.iso.datetime(),
};

/** The schema of a JSON row, from the column definitions: what the OpenAPI document shows and tests check. */
export function rowSchema(id: DatasetId) {
  const columns = publishedColumns(id, '') as ReadonlyArray<Column<never>>;
  return z.strictObject(
    Object.fromEntries(
      columns.map((c) => {
        const type = TYPES[c.type]();
        return [
          c.name,
          doc(c.nullable ? z.nullable(type) : type, { description: `${c.en}${c.unit ? ` (${c.unit})` : ''}. ${c.zh}` }),
        ];
      }),
    ),
  );
}

export function jsonDatasetSchema(id: DatasetId) {
  return z.strictObject({
    dataset: z.literal(id),
    plan: z.string(),
    title: z.strictObject({ zh: z.string(), en: z.string() }),
    dictionary: z.string(),
    rows: z.array(rowSchema(id)),
  });
}

/** A stable, descriptive file name: `licheng-14th-indicators.csv`. */
export const fileName = (planId: string, id: DatasetId | 'plan', format: 'csv' | 'json') => `${planId}-${id}.${format}`;
