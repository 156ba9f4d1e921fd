import type { Cell, Provenance } from '../plan/schema.js';

/**
 * What an open dataset and its columns are: name, type, unit, meaning in Chinese and English, where
 * the value comes from, and how it is read off a row. The CSV headers, the JSON rows, the data
 * dictionary page (GET /open-data), docs/open-data.md and the JSON schemas in the OpenAPI document
 * are all generated from these descriptions, so none of them can say something else.
 */

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
export type CellValue = string | number | boolean | null;

export interface Column<Row> {
  name: string;
  type: ColumnType;
  /** The unit of the value; null when it has none (ids, text, counts of things named in the column). */
  unit: string | null;
  en: string;
  zh: string;
  /** Where the value comes from: the plan's box and column, or the part of gongping that produces it. */
  source: string;
  /** May be empty (null in JSON). */
  nullable?: boolean;
  /** Text written by citizens or staff: guarded against spreadsheet formula injection in CSV. */
  freeText?: boolean;
  value: (row: Row) => CellValue;
}

export interface Dataset<Row> {
  id: string;
  titleZh: string;
  titleEn: string;
  /** What one row is. */
  rowEn: string;
  rowZh: string;
  source: string;
  columns: ReadonlyArray<Column<Row>>;
}

/** A column as written in a dataset: most are text without a unit, so those two may be left out. */
export const column = <Row>({
  name,
  type = 'string',
  unit = null,
  ...described
}: Omit<Column<Row>, 'type' | 'unit'> & Partial<Pick<Column<Row>, 'type' | 'unit'>>): Column<Row> => ({
  name,
  type,
  unit,
  ...described,
});

const numberOf = (cell: Cell) => (cell.kind === 'number' ? cell.value : null);
const textOf = (cell: Cell) => (cell.kind === 'qualitative' ? cell.text : cell.raw);

/**
 * A cell of the plan's tables as two columns: `name`, its number (empty when the plan prints none),
 * and `name_text`, the cell exactly as printed.
 */
export const printedCellColumns = <Row>(
  name: string,
  described: { unit: string; en: string; zh: string; textEn: string; textZh: string; source: string },
  cell: (row: Row) => Cell,
): Array<Column<Row>> => [
  column({
    name,
    type: 'number',
    unit: described.unit,
    en: described.en,
    zh: described.zh,
    source: described.source,
    nullable: true,
    value: (r) => numberOf(cell(r)),
  }),
  column({
    name: `${name}_text`,
    en: described.textEn,
    zh: described.textZh,
    source: described.source,
    value: (r) => textOf(cell(r)),
  }),
];

/** Where in the plan a row was read from: box, row and footnote. */
export const provenance = (p: Provenance) =>
  [p.box, p.row !== undefined ? `第${p.row}行` : null, p.footnote !== undefined ? `注${p.footnote}` : null]
    .filter(Boolean)
    .join(' ');

/** Where an indicator comes from: the plan's main indicators table, whatever the plan numbers it. */
export const BOX3 = '规划纲要的主要指标表（“十四五”规划为专栏3）';
/** Where a previous-plan row comes from: the plan's table of how the previous plan ended. */
export const BOX1 = '规划纲要的上一规划指标完成情况表（“十四五”规划为专栏1）';
export const STATUS_METHOD = 'computed by gongping (shared/progress/status.ts; docs/status-method.md)';
export const PUBLISHER = 'published by the district’s statistics publishers through gongping';
/** The unit column of an indicator: its own unit, from the plan. */
export const INDICATOR_UNIT = 'the indicator’s unit (column `unit`)';
