import { ProjectStatus, type Project } from '../plan/schema.js';
import type { NewProgress, ProgressRevision } from '../plan/progress.js';
import { readCsv, type CsvProblem } from './csv.js';
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
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 2, column: null, reason: 'the file has no rows' });
  for (const { line, values } of rows) {
    const bad = (column: string, reason: string) => problems.push({ line, column, reason });
    const project = byId.get(values.project_id ?? '');
    if (!project) bad('project_id', values.project_id ? `no project ${values.project_id}` : 'required');
    const status = ProjectStatus.safeParse(values.status);
    if (!status.success) bad('status', `one of ${ProjectStatus.options.join(', ')}`);
    const progressText = values.progress ?? '';
    const progress = /^\d{1,3}(\.\d+)?$/.test(progressText) ? Number(progressText) : NaN;
    if (!(progress >= 0 && progress <= 100)) bad('progress', `a percentage from 0 to 100, not ${JSON.stringify(progressText)}`);
    const note = values.note?.trim() ?? '';
    const source = values.source?.trim() || undefined;
    if (note.length > 2000) bad('note', 'at most 2000 characters');
    if (source && source.length > 500) bad('source', 'at most 500 characters');
    if (!project || !status.success || Number.isNaN(progress)) continue;
    if (seen.has(project.id)) {
      bad('project_id', `${project.id} is already on line ${seen.get(project.id)}`);
      continue;
    }
    seen.set(project.id, line);
    const current = revisions.filter((r) => r.projectId === project.id).sort((a, b) => b.revision - a.revision)[0];
    const same = current
      ? current.status === status.data && current.progress === progress && current.note === note && (source ?? null) === (current.source ?? null)
      : status.data === project.status && progress === project.progress && note === '';
    if (same) {
      unchanged++;
      continue;
    }
    if (note === '') {
      bad('note', 'say what was done or what changed');
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
        reason: current ? 'updated by CSV import' : 'first report (CSV import)',
        recordedBy,
      },
    });
  }
  return { reports, unchanged, problems: problems.sort((a, b) => a.line - b.line) };
}
