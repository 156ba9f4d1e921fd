import * as z from 'zod/mini';
import { Observation } from '../plan/observation.js';
import { ProgressRevision } from '../plan/progress.js';
import { ProgressAssessment, ProjectView } from './plan-schemas.js';
import { doc } from './registry.js';

/** What the publishers' operations answer: a published value or progress report, an import. */

export const ObservationPublished = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('unchanged'), observation: Observation }),
  z.strictObject({ outcome: z.enum(['new', 'correction']), observation: Observation, progress: ProgressAssessment }),
]);
doc(ProgressRevision, {
  id: 'ProgressRevision',
  description:
    'A publisher’s progress report of a project: a new revision each time, with who, when and why. `reason` is the publisher’s words, or one of gongping’s own reasons as a code (`first-report`, `csv-first-report`, `csv-update`; the public `progressHistory` gives it as `reasonCode`).',
});
export const ProgressPublished = z.strictObject({
  revision: ProgressRevision,
  project: z.omit(ProjectView, { ratings: true }),
});
export const ObservationImportResult = z.strictObject({
  dryRun: z.boolean(),
  rows: z.number().check(z.int()),
  new: z.number().check(z.int()),
  corrections: z.number().check(z.int()),
  unchanged: z.number().check(z.int()),
});
export const ProgressImportResult = z.strictObject({
  dryRun: z.boolean(),
  rows: z.number().check(z.int()),
  reports: z.number().check(z.int()),
  unchanged: z.number().check(z.int()),
});
