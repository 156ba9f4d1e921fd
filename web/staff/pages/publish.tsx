import type { CsvProblem } from '../../../shared/publishing/csv.js';
import type { Indicator, Project } from '../../../shared/plan/schema.js';
import { ProjectStatus } from '../../../shared/plan/schema.js';
import { Field } from '../../components/common.js';
import { DataTable } from '../../components/table.js';
import { Notice, StaffLayout, type StaffContext } from '../layout.js';
import { inLang, localized } from '../../localized.js';
import { OBSERVATION_REASON_MAX_LENGTH, SOURCE_MAX_LENGTH, YEARS } from '../../../shared/publishing/observations.js';
import { PROGRESS_NOTE_MAX_LENGTH, PROGRESS_REASON_MAX_LENGTH } from '../../../shared/api/staff-schemas.js';

export interface ImportReport {
  problems: CsvProblem[];
  summary: { rows: number; changed: number; unchanged: number; dryRun: boolean } | null;
}

export interface PublishState {
  indicators: Indicator[];
  projects: Project[];
  notice: { kind: 'ok' | 'error'; text: string } | null;
  report: ImportReport | null;
  /** What was typed, when a form comes back with a mistake. */
  typed: Record<string, string>;
}

export function PublishPage({ ctx, state }: { ctx: StaffContext; state: PublishState }) {
  const { s, lang } = ctx;
  const v = (name: string) => state.typed[name] ?? '';
  return (
    <StaffLayout ctx={ctx} title={s.publishTitle} section="publish">
      <h1>{s.publishTitle}</h1>
      <p>{s.publishIntro}</p>
      {ctx.scope?.plan.status === 'closed' && (
        <Notice kind="error">
          <span id="plan-closed">{s.planClosedToPublishing}</span>
        </Notice>
      )}
      {state.notice && <Notice kind={state.notice.kind}>{state.notice.text}</Notice>}
      {state.report && <ImportReportView ctx={ctx} report={state.report} />}

      <form method="post" action={`${ctx.home}/publish/observation`} class="staff-form" id="observation-form">
        <h2>{s.observationHeading}</h2>
        <Field id="o-indicator" label={s.indicator}>
          <select id="o-indicator" name="indicator" required>
            {state.indicators.map((i) => (
              <option value={i.id} selected={v('indicator') === i.id}>
                {`${i.seq}. ${inLang(lang, i, 'name')}${i.unit ? ` (${localized(lang, { zh: i.unit, en: i.unitEn })})` : ''}`}
              </option>
            ))}
          </select>
        </Field>
        <Field id="o-year" label={s.year}>
          <input
            type="number"
            id="o-year"
            name="year"
            min={YEARS.min}
            max={YEARS.max}
            step="1"
            required
            value={v('year')}
          />
        </Field>
        <Field id="o-value" label={s.value}>
          <input type="text" id="o-value" name="value" inputmode="decimal" required value={v('value')} />
        </Field>
        <Field id="o-source" label={s.source}>
          <input type="text" id="o-source" name="source" maxlength={SOURCE_MAX_LENGTH} value={v('source')} />
        </Field>
        <Field id="o-note" label={s.noteOrReason} hint={s.noteOrReasonHint}>
          <input
            type="text"
            id="o-note"
            name="note"
            maxlength={OBSERVATION_REASON_MAX_LENGTH}
            aria-describedby="o-note-hint"
            value={v('note')}
          />
        </Field>
        <p>
          <button type="submit" class="button">
            {s.publish}
          </button>
        </p>
      </form>

      <form method="post" action={`${ctx.home}/publish/progress`} class="staff-form" id="progress-form">
        <h2>{s.progressHeading}</h2>
        <Field id="p-project" label={s.project}>
          <select id="p-project" name="project" required>
            {state.projects.map((p) => (
              <option value={p.id} selected={v('project') === p.id}>
                {inLang(lang, p, 'title')}
              </option>
            ))}
          </select>
        </Field>
        <Field id="p-status" label={s.projectStatusLabel}>
          <select id="p-status" name="status">
            {ProjectStatus.options.map((st) => (
              <option value={st} selected={v('status') === st}>
                {s.projectStatus(st)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="p-progress" label={s.progressPercent}>
          <input
            type="number"
            id="p-progress"
            name="progress"
            min="0"
            max="100"
            step="any"
            required
            value={v('progress')}
          />
        </Field>
        <Field id="p-note" label={s.progressNote}>
          <textarea id="p-note" name="note" required maxlength={PROGRESS_NOTE_MAX_LENGTH}>
            {v('progressNote')}
          </textarea>
        </Field>
        <Field id="p-source" label={s.source}>
          <input type="text" id="p-source" name="source" maxlength={SOURCE_MAX_LENGTH} />
        </Field>
        <Field id="p-reason" label={s.progressReason} hint={s.progressReasonHint}>
          <input
            type="text"
            id="p-reason"
            name="reason"
            maxlength={PROGRESS_REASON_MAX_LENGTH}
            aria-describedby="p-reason-hint"
          />
        </Field>
        <p>
          <button type="submit" class="button">
            {s.publish}
          </button>
        </p>
      </form>

      <form
        method="post"
        action={`${ctx.home}/publish/import`}
        enctype="multipart/form-data"
        class="staff-form"
        id="import-form"
      >
        <h2>{s.importHeading}</h2>
        <p>{s.importIntro}</p>
        <Field id="i-kind" label={s.importKind}>
          <select id="i-kind" name="kind">
            <option value="observations">{s.importKindObservations}</option>
            <option value="progress">{s.importKindProgress}</option>
          </select>
        </Field>
        <Field id="i-file" label={s.importFile}>
          <input type="file" id="i-file" name="file" accept=".csv,text/csv" required />
        </Field>
        <div class="field">
          <label>
            <input type="checkbox" name="dryRun" value="true" /> {s.importDryRun}
          </label>
        </div>
        <p>
          <button type="submit" class="button">
            {s.importSubmit}
          </button>
        </p>
      </form>

      <h2>{s.exportsHeading}</h2>
      <ul>
        <li>
          <a href={`${ctx.home}/export/indicators.csv`}>{s.exportIndicators}</a>
        </li>
        <li>
          <a href={`${ctx.home}/export/observations.csv`}>{s.exportObservations}</a>
        </li>
        <li>
          <a href={`${ctx.home}/export/progress.csv`}>{s.exportProgress}</a>
        </li>
        <li>
          <a href={`${ctx.home}/export/aggregates.csv`}>{s.exportAggregates}</a>
        </li>
      </ul>
    </StaffLayout>
  );
}

function ImportReportView({ ctx, report }: { ctx: StaffContext; report: ImportReport }) {
  const { s } = ctx;
  return (
    <section aria-labelledby="import-report" id="import-report-section">
      <h2 id="import-report">{s.importReportTitle}</h2>
      {report.summary && (
        <Notice kind="ok">
          {s.importSummary(
            report.summary.rows,
            report.summary.changed,
            report.summary.unchanged,
            report.summary.dryRun,
          )}
        </Notice>
      )}
      {report.problems.length > 0 && (
        <>
          <Notice kind="error">{s.importProblems(report.problems.length)}</Notice>
          <DataTable label={s.importReportTitle} id="import-problems" columns={[s.colLine, s.colColumn, s.colProblem]}>
            {report.problems.map((p) => (
              <tr>
                <td>{p.line}</td>
                <td>{p.column ?? ''}</td>
                <td>{s.csvReason(p.why)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
