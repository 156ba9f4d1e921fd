import type { HistoryRow, Project } from '../plan/schema.js';
import type { Column, Dataset } from './columns.js';
import { comments, type CommentRow } from './comments-dataset.js';
import { indicators, type IndicatorRow } from './indicators-dataset.js';
import { observations, type ObservationRow } from './observations-dataset.js';
import { history, projects } from './plan-datasets.js';
import { ratings, type RatingRow } from './ratings-dataset.js';
import { verdicts, type VerdictRow } from './verdicts-dataset.js';

/**
 * The registry of open datasets: which there are, what a row of each is built from, and the
 * `plan_id` column every one of them starts with. Each dataset's columns live in its own module.
 */

export interface DatasetRows {
  indicators: IndicatorRow;
  observations: ObservationRow;
  projects: Project;
  history: HistoryRow;
  ratings: RatingRow;
  comments: CommentRow;
  verdicts: VerdictRow;
}
export type DatasetId = keyof DatasetRows;

export const DATASETS: { readonly [K in DatasetId]: Dataset<DatasetRows[K]> } = {
  indicators,
  observations,
  projects,
  history,
  ratings,
  comments,
  verdicts,
};
export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

/** Every dataset's first column: the plan a row belongs to, since one site publishes several plans. */
export const PLAN_ID_COLUMN = {
  name: 'plan_id',
  type: 'string',
  unit: null,
  en: 'Id of the plan the row belongs to (`/api/v1/plans` lists them)',
  zh: '该行所属规划的标识',
  source: 'the plan file',
} as const satisfies Omit<Column<never>, 'value'>;

/** A dataset's columns as published: `plan_id`, filled with `planId`, then its own. */
export const publishedColumns = <K extends DatasetId>(id: K, planId: string): ReadonlyArray<Column<DatasetRows[K]>> => [
  { ...PLAN_ID_COLUMN, value: () => planId },
  ...DATASETS[id].columns,
];

export const FORMATS = ['csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];
