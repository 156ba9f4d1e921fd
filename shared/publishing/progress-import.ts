import { ProjectStatus, type Project } from '../plan/schema.js';
import type { NewProgress, ProgressRevision } from '../plan/progress.js';
import type { SystemReason } from '../plan/revision-reason.js';
import { csvProblem, readCsv, type CsvProblem, type CsvReason } from './csv.js';
import { PROJECT_PROGRESS_COLUMNS } from './exports.js';

const REQUIRED = ['project_id', 'status', 'progress', 'note'] as const;

/**
 * Validates a project progress file (the progress export, edited) before anything is written.
 * A row equal to the project's current report is unchanged and skipped; a row that differs is a
 * new revision, and its note says what changed.
 */
export function planProgressImport(
  text: string,
  projects: readonly Project[],
  revisions: readonly ProgressRevision[],
  recordedBy: string,
): { reports: Array<{ line: number; progress: NewProgress }>; unchanged: number; problems: CsvProblem[] } {
  const { rows, problems } = readCsv(text, { required: REQUIRED, known: PROJECT_PROGRESS_COLUMNS });
  const byId = new Map(projects.map((p) => [p.id, p]));
  const reports: Array<{ line: number; progress: NewProgress }> = [];
  const seen = new Map<string, number>();
  let unchanged = 0;
  if (rows.length === 0 && problems.length === 0) problems.push(csvProblem(2, null, { code: 'noRows' }));
  for (const { line, values } of rows) {
    const bad = (column: string, why: CsvReason) => problems.push(csvProblem(line, column, why));
    const project = byId.get(values.project_id ?? '');
    if (!project)
      bad(
        'project_id',
        values.project_id ? { code: 'unknownId', kind: 'project', id: values.project_id } : { code: 'required' },
      );
    const status = ProjectStatus.safeParse(values.status);
    if (!status.success) bad('status', { code: 'oneOf', options: ProjectStatus.options });
    const progressText = values.progress ?? '';
    const progress = /^\d{1,3}(\.\d+)?$/.test(progressText) ? Number(progressText) : NaN;
    if (!(progress >= 0 && progress <= 100)) bad('progress', { code: 'percentRange', text: progressText });
    const note = values.note?.trim() ?? '';
    const source = values.source?.trim() || undefined;
    if (note.length > 2000) bad('note', { code: 'tooLong', max: 2000 });
    if (source && source.length > 500) bad('source', { code: 'tooLong', max: 500 });
    if (!project || !status.success || Number.isNaN(progress)) continue;
    if (seen.has(project.id)) {
      bad('project_id', { code: 'repeated', what: project.id, line: seen.get(project.id)! });
      continue;
    }
    seen.set(project.id, line);
    const current = revisions.filter((r) => r.projectId === project.id).sort((a, b) => b.revision - a.revision)[0];
    const same = current
      ? current.status === status.data &&
        current.progress === progress &&
        current.note === note &&
        (source ?? null) === (current.source ?? null)
      : status.data === project.status && progress === project.progress && note === '';
    if (same) {
      unchanged++;
      continue;
    }
    if (note === '') {
      bad('note', { code: 'noteRequired' });
      continue;
    }
    reports.push({
      line,
      progress: {
        projectId: project.id,
        status: status.data,
        progress,
        note,
        ...(source ? { source } : {}),
        reason: (current ? 'csv-update' : 'csv-first-report') satisfies SystemReason,
        recordedBy,
      },
    });
  }
  return { reports, unchanged, problems: problems.sort((a, b) => a.line - b.line) };
}
