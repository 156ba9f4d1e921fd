import { operation } from '../../../api/operation.js';
import * as z from 'zod/mini';
import { doc } from '../../../api/registry.js';
import { NoQuery } from '../../../api/schemas.js';
import { DATASET_IDS, type DatasetId, DATASETS, FORMATS } from '../../../open-data/datasets.js';
import { jsonDatasetSchema } from '../../../open-data/format.js';
import { Plan } from '../../../plan/document.js';
import { Observation } from '../../../plan/observation.js';
import { CACHE, DISPOSITION, ETAG } from '../contract-parts.js';

const PlanDocument = doc(z.extend(Plan, { observations: z.array(Observation) }), {
  id: 'PlanDocument',
  description: 'The plan as data, as in shared/plan/licheng-14th.json, with every published observation revision.',
});

const dataset = (id: DatasetId, format: (typeof FORMATS)[number]) =>
  operation({
    operationId: `openData${id[0]!.toUpperCase()}${id.slice(1)}${format.toUpperCase()}`,
    method: 'get',
    path: `/api/v1/open-data/${id}.${format}`,
    planScoped: true,
    tag: 'Open data',
    summary: `${DATASETS[id].titleEn} (${DATASETS[id].titleZh}), ${format.toUpperCase()}`,
    description: `One row: ${DATASETS[id].rowEn}. Every column is described at /open-data#${id} and in docs/open-data.md. Source: ${DATASETS[id].source}.`,
    query: NoQuery,
    responses: {
      200:
        format === 'json'
          ? { description: 'The dataset.', schema: jsonDatasetSchema(id), headers: [CACHE, ETAG, DISPOSITION] }
          : {
              description: 'The dataset: UTF-8 with a byte-order mark, header row, CRLF line ends.',
              mediaType: 'text/csv',
              headers: [CACHE, ETAG, DISPOSITION],
            },
    },
    problems: ['validation-failed'],
    examples: [{ name: 'download', summary: 'The whole dataset', status: 200 }],
  });

/** Downloads at stable URLs. */
export const openDataContract = {
  openDataPlan: operation({
    operationId: 'openDataPlan',
    method: 'get',
    path: '/api/v1/open-data/plan.json',
    planScoped: true,
    tag: 'Open data',
    summary: 'The whole plan as data, with every published value revision',
    query: NoQuery,
    responses: { 200: { description: 'The plan.', schema: PlanDocument, headers: [CACHE, ETAG, DISPOSITION] } },
    problems: ['validation-failed'],
    examples: [{ name: 'download', summary: 'The plan as data', status: 200 }],
  }),
  datasets: Object.fromEntries(
    DATASET_IDS.flatMap((id) => FORMATS.map((format) => dataset(id, format))).map((op) => [op.operationId, op]),
  ),
};
