import type { CaseView, StaffCase } from '../../../shared/cases/workflow.js';
import { formatDateTime } from '../../format.js';
import { DataTable } from '../../components/table.js';
import type { TargetName } from '../data.js';
import { StaffLayout, type StaffContext } from '../layout.js';
import { nameOf, NextPage } from './parts.js';
import { StaffCaseStates } from './case-states.js';

export const CASE_VIEWS: readonly CaseView[] = ['active', 'due-soon', 'overdue', 'closed'];

export function CasesPage({
  ctx,
  view,
  items,
  names,
  nextHref,
}: {
  ctx: StaffContext;
  view: CaseView;
  items: StaffCase[];
  names: Map<string, TargetName>;
  nextHref: string | null;
}) {
  const { s } = ctx;
  return (
    <StaffLayout ctx={ctx} title={s.casesTitle} section="cases">
      <h1>{s.casesTitle}</h1>
      <p>{s.casesIntro}</p>
      <StaffCaseStates ctx={ctx} />
      <nav aria-label={s.casesTitle}>
        <ul class="staff-actions">
          {CASE_VIEWS.map((v) => (
            <li>
              <a href={`${ctx.home}/cases?view=${v}`} aria-current={v === view ? 'page' : undefined}>
                {s.caseView(v)}
              </a>
            </li>
          ))}
          <li>
            <a href={`${ctx.home}/export/cases.csv`}>{s.exportCases} (CSV)</a>
          </li>
        </ul>
      </nav>
      {items.length === 0 ? (
        <p>{s.casesEmpty}</p>
      ) : (
        <DataTable
          label={s.caseView(view)}
          id="cases"
          columns={[s.colCase, s.colTarget, s.colStatus, s.colDue, s.colDueState, s.colDepartment]}
        >
          {items.map((c) => (
            <tr>
              <th scope="row">
                <a href={`/staff/cases/${c.caseId}`}>{c.caseId.slice(0, 8)}</a>
              </th>
              <td>{nameOf(ctx, names.get(`${c.targetType}:${c.targetId}`), `${c.targetType}:${c.targetId}`)}</td>
              <td>{s.caseStatus(c.status)}</td>
              <td>{c.dueAt ? formatDateTime(c.dueAt) : '—'}</td>
              <td>{s.dueState(c.dueState)}</td>
              <td>{c.department ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <NextPage s={s} href={nextHref} />
    </StaffLayout>
  );
}
