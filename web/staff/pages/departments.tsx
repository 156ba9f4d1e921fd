import type { Department } from '../../../shared/departments/department.js';
import { DEPARTMENT_MAX_LENGTH } from '../../../shared/feedback/record.js';
import type { CsvProblem } from '../../../shared/publishing/csv.js';
import { DataTable } from '../../components/table.js';
import { Field } from '../../components/common.js';
import { Notice, StaffLayout, type StaffContext } from '../layout.js';
import { CsvProblems } from './publish.js';

/** Aliases as the forms show and read them: one cell, separated by semicolons. */
export const ALIAS_LIST_SEPARATOR = '；';

/** One department's names, as a row of inputs (`prefix` keeps the ids apart). */
function NameFields({ ctx, prefix, department }: { ctx: StaffContext; prefix: string; department?: Department }) {
  const { s } = ctx;
  return (
    <>
      <Field id={`${prefix}-zh`} label={s.deptColNameZh}>
        <input
          type="text"
          id={`${prefix}-zh`}
          name="nameZh"
          required
          maxlength={DEPARTMENT_MAX_LENGTH}
          value={department?.nameZh ?? ''}
        />
      </Field>
      <Field id={`${prefix}-en`} label={s.deptColNameEn}>
        <input
          type="text"
          id={`${prefix}-en`}
          name="nameEn"
          required
          maxlength={DEPARTMENT_MAX_LENGTH}
          value={department?.nameEn ?? ''}
        />
      </Field>
      <Field id={`${prefix}-aliases`} label={s.deptColAliases}>
        <input
          type="text"
          id={`${prefix}-aliases`}
          name="aliases"
          value={department?.aliases.join(ALIAS_LIST_SEPARATOR) ?? ''}
        />
      </Field>
    </>
  );
}

/** An administrator's list of the departments replies choose from: add, rename, deactivate, import. */
export function DepartmentsPage({
  ctx,
  departments,
  notice,
  problems,
}: {
  ctx: StaffContext;
  departments: readonly Department[];
  notice: { kind: 'ok' | 'error'; text: string } | null;
  problems: readonly CsvProblem[];
}) {
  const { s } = ctx;
  return (
    <StaffLayout ctx={ctx} title={s.departmentsTitle} section="departments">
      <h1>{s.departmentsTitle}</h1>
      <p>{s.departmentsIntro}</p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <CsvProblems ctx={ctx} problems={problems} />

      {departments.length === 0 ? (
        <p>{s.departmentsNone}</p>
      ) : (
        <DataTable
          label={s.departmentsTitle}
          id="departments"
          columns={[s.deptColId, s.deptColNameZh, s.deptColNameEn, s.deptColAliases, s.deptColState]}
        >
          {departments.map((d) => (
            <tr>
              <td>{d.id}</td>
              <td>{d.nameZh}</td>
              <td>{d.nameEn}</td>
              <td>{d.aliases.join(ALIAS_LIST_SEPARATOR)}</td>
              <td>{d.active ? s.deptActive : s.deptInactive}</td>
            </tr>
          ))}
        </DataTable>
      )}

      {departments.map((d) => (
        <details class="staff-form">
          <summary>{`${d.id} · ${d.nameZh}`}</summary>
          <form method="post" action={`/staff/departments/${d.id}`}>
            <NameFields ctx={ctx} prefix={`d-${d.id}`} department={d} />
            <p>
              <button type="submit" class="button">
                {s.deptSave}
              </button>
            </p>
          </form>
          <form method="post" action={`/staff/departments/${d.id}`}>
            <input type="hidden" name="active" value={d.active ? 'false' : 'true'} />
            <p>
              <button type="submit" class="button button--secondary">
                {d.active ? s.deptDeactivate : s.deptActivate}
              </button>
            </p>
          </form>
        </details>
      ))}

      <form method="post" action="/staff/departments" class="staff-form" id="department-add">
        <h2>{s.deptAddHeading}</h2>
        <Field id="n-id" label={s.deptColId} hint={s.deptIdHint}>
          <input
            type="text"
            id="n-id"
            name="id"
            required
            maxlength={40}
            pattern="[a-z0-9][a-z0-9\-]{0,39}"
            aria-describedby="n-id-hint"
          />
        </Field>
        <NameFields ctx={ctx} prefix="n" />
        <p>
          <button type="submit" class="button">
            {s.deptAdd}
          </button>
        </p>
      </form>

      <form
        method="post"
        action="/staff/departments/import"
        enctype="multipart/form-data"
        class="staff-form"
        id="department-import"
      >
        <h2>{s.deptImportHeading}</h2>
        <p class="hint">{s.deptImportHint}</p>
        <Field id="i-file" label={s.importFile}>
          <input type="file" id="i-file" name="file" accept=".csv,text/csv" required />
        </Field>
        <p>
          <button type="submit" class="button">
            {s.deptImport}
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}
