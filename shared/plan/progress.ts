import * as z from 'zod/mini';
import { systemReasonOf } from './revision-reason.js';
import { ProjectStatus, type Project } from './schema.js';

/**
 * A project's reported status and progress, append-only like observations: each report is a
 * new revision with who, when, why and where the figure comes from; the highest revision is
 * current. The plan states no status for any project, so until the first report a project is
 * `unknown` at 0%.
 */
export const ProgressRevision = z.strictObject({
  projectId: z.string().check(z.minLength(1)),
  revision: z.number().check(z.int(), z.gte(1)),
  status: ProjectStatus,
  /** Percent complete, 0–100. */
  progress: z.number().check(z.gte(0), z.lte(100)),
  /** What was done: shown on the public page with the figure. */
  note: z.string().check(z.minLength(1), z.maxLength(2000)),
  source: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  /** Why this revision exists (a first report, or what a correction corrects). */
  reason: z.string().check(z.minLength(1), z.maxLength(1000)),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string().check(z.minLength(1), z.maxLength(300)),
});
export type ProgressRevision = z.infer<typeof ProgressRevision>;
export type NewProgress = Omit<ProgressRevision, 'revision' | 'recordedAt'>;

/** The project as the public sees it: the current report applied, and every report kept. */
export function projectWithProgress<P extends Project>(project: P, revisions: readonly ProgressRevision[]) {
  const own = revisions.filter((r) => r.projectId === project.id).sort((a, b) => a.revision - b.revision);
  const current = own.at(-1);
  return {
    ...project,
    status: current?.status ?? project.status,
    progress: current?.progress ?? project.progress,
    progressReport: current
      ? {
          revision: current.revision,
          note: current.note,
          source: current.source ?? null,
          recordedAt: current.recordedAt,
        }
      : null,
    progressHistory: own.map(({ revision, status, progress, note, source, reason, recordedAt }) => ({
      revision,
      status,
      progress,
      note,
      source: source ?? null,
      reason,
      reasonCode: systemReasonOf(reason),
      recordedAt,
    })),
  };
}
