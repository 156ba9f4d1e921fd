import type { DatasetId } from './datasets.js';

/**
 * Where the downloads are, apart from the dictionary and the datasets' definitions so that the
 * pages linking to them (web/citizen/links.ts) carry neither.
 */
const OPEN_DATA_PREFIX = '/api/v1/open-data';
/** Where a download is: of the current plan at the unscoped path, of a given plan under /plans/{planId}. */
export const downloadPath = (id: DatasetId | 'plan', format: 'csv' | 'json', planId?: string) =>
  planId === undefined ? `${OPEN_DATA_PREFIX}/${id}.${format}` : `/api/v1/plans/${planId}/open-data/${id}.${format}`;
