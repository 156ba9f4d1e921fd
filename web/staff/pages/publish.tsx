import type { Child } from 'hono/jsx';
import type { CsvProblem } from '../../../shared/publishing/csv.js';
import type { Indicator, Project } from '../../../shared/plan/schema.js';
import { ProjectStatus } from '../../../shared/plan/schema.js';
import { Field } from '../../components/common.js';
import { DataTable } from '../../components/table.js';
import { Notice, StaffLayout, type StaffContext } from '../layout.js';
import { inLang, localized } from '../../localized.js';
import {
  OBSERVATION_REASON_MAX_LENGTH,
  SOURCE_MAX_LENGTH,
  observableYears,
} from '../../../shared/publishing/observations.js';
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
  // A control of one of the forms: its id is `<form>-<name>`; a select shows what was typed when the form comes back.
  const named = (form: string, name: string) => ({ id: `${form}-${name}`, name });
  const select = (form: string, name: string) => ({ ...named(form, name), selected: v(name) });
  // A plan without indicators still draws the form, its year input without bounds.
  const years = observableYears(state.indicators);
  const indicatorOptions = state.indicators.map(
    (i) =>
      [
        i.id,
        `${i.seq}. ${inLang(lang, i, 'name')}${i.unit ? ` (${localized(lang, { zh: i.unit, en: i.unitEn })})` : ''}`,
      ] as const,
  );
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

      <PublishForm ctx={ctx} action="observation" heading={s.observationHeading} submit={s.publish}>
        <SelectField {...select('o', 'indicator')} label={s.indicator} options={indicatorOptions} required />
        <Field id="o-year" label={s.year}>
          <input
            type="number"
            id="o-year"
            name="year"
            min={years.min}
            max={years.max}
            step="1"
            required
            value={v('year')}
          />
        </Field>
        <Field id="o-value" label={s.value}>
          <input type="text" id="o-value" name="value" inputmode="decimal" required value={v('value')} />
        </Field>
        <TextField {...named('o', 'source')} label={s.source} maxlength={SOURCE_MAX_LENGTH} value={v('source')} />
        <TextField
          {...named('o', 'note')}
          label={s.noteOrReason}
          hint={s.noteOrReasonHint}
          maxlength={OBSERVATION_REASON_MAX_LENGTH}
          value={v('note')}
        />
      </PublishForm>

      <PublishForm ctx={ctx} action="progress" heading={s.progressHeading} submit={s.publish}>
        <SelectField
          {...select('p', 'project')}
          label={s.project}
          options={state.projects.map((p) => [p.id, inLang(lang, p, 'title')] as const)}
          required
        />
        <SelectField
          {...select('p', 'status')}
          label={s.projectStatusLabel}
          options={ProjectStatus.options.map((st) => [st, s.projectStatus(st)] as const)}
        />
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
        <TextField {...named('p', 'source')} label={s.source} maxlength={SOURCE_MAX_LENGTH} />
        <TextField
          {...named('p', 'reason')}
          label={s.progressReason}
          hint={s.progressReasonHint}
          maxlength={PROGRESS_REASON_MAX_LENGTH}
        />
      </PublishForm>

      <PublishForm ctx={ctx} action="import" heading={s.importHeading} submit={s.importSubmit} multipart>
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
      </PublishForm>

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

/** One of the page's forms, posting to `<home>/publish/<action>`; its id is `<action>-form`. */
function PublishForm(props: {
  ctx: StaffContext;
  action: 'observation' | 'progress' | 'import';
  heading: string;
  submit: string;
  /** Carries a file. */
  multipart?: boolean;
  children: Child;
}) {
  return (
    <form
      method="post"
      action={`${props.ctx.home}/publish/${props.action}`}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
      class="staff-form"
      id={`${props.action}-form`}
    >
      <h2>{props.heading}</h2>
      {props.children}
      <p>
        <button type="submit" class="button">
          {props.submit}
        </button>
      </p>
    </form>
  );
}

/** A select in a form field, showing `selected` chosen (nothing, when it is none of the options). */
function SelectField(props: {
  id: string;
  name: string;
  label: string;
  required?: boolean;
  options: ReadonlyArray<readonly [value: string, text: string]>;
  selected: string;
}) {
  return (
    <Field id={props.id} label={props.label}>
      <select id={props.id} name={props.name} required={props.required}>
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.selected === value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A line of text in a form field, described by its hint where it has one. */
function TextField(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  maxlength: number;
  value?: string;
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint}>
      <input
        type="text"
        id={props.id}
        name={props.name}
        maxlength={props.maxlength}
        aria-describedby={props.hint === undefined ? undefined : `${props.id}-hint`}
        value={props.value}
      />
    </Field>
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
      <CsvProblems ctx={ctx} problems={report.problems} />
    </section>
  );
}

/** A refused CSV import's problems, each with its line and column, in the page's language. */
export function CsvProblems({ ctx, problems }: { ctx: StaffContext; problems: readonly CsvProblem[] }) {
  const { s } = ctx;
  if (problems.length === 0) return null;
  return (
    <>
      <Notice kind="error">{s.importProblems(problems.length)}</Notice>
      <DataTable label={s.importReportTitle} id="import-problems" columns={[s.colLine, s.colColumn, s.colProblem]}>
        {problems.map((p) => (
          <tr>
            <td>{p.line}</td>
            <td>{p.column ?? ''}</td>
            <td>{s.csvReason(p.why)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
