import type { AuditEntry, SubjectType } from '../../../shared/audit/entry.js';
import { AUDIT_ACTIONS } from '../../../shared/audit/entry.js';
import { formatDateTime } from '../../format.js';
import { DataTable } from '../../components/table.js';
import { FilterSelect } from '../../components/common.js';
import { Notice, StaffLayout, type StaffContext } from '../layout.js';
import { NextPage } from './parts.js';
import { AuditDetails, auditReasonText } from './audit-details.js';
import { AUDIT_ACTOR_MAX_LENGTH } from '../../../shared/api/staff-schemas.js';

/** The subjects that have a staff page of their own. */
const SUBJECT_PAGES: Partial<Record<SubjectType, string>> = { comment: 'comments', case: 'cases' };

/** What an entry acted on, named in words, linked to its staff page where it has one. */
function Subject({ ctx, subject }: { ctx: StaffContext; subject: AuditEntry['subject'] }) {
  const page = SUBJECT_PAGES[subject.type];
  return (
    <>
      {ctx.s.auditSubjectType(subject.type)}{' '}
      {page ? <a href={`/staff/${page}/${subject.id}`}>{subject.id}</a> : subject.id}
    </>
  );
}

export function AuditPage({
  ctx,
  filter,
  items,
  nextHref,
  csvHref,
  notice,
}: {
  ctx: StaffContext;
  filter: Record<'action' | 'actor' | 'since' | 'until', string>;
  items: AuditEntry[];
  nextHref: string | null;
  csvHref: string;
  notice: string | null;
}) {
  const { s } = ctx;
  return (
    <StaffLayout ctx={ctx} title={s.auditTitle} section="audit">
      <h1>{s.auditTitle}</h1>
      <p>{s.auditIntro}</p>
      {notice && <Notice kind="error">{notice}</Notice>}
      <form method="get" action="/staff/audit" class="filters">
        <FilterSelect
          id="a-action"
          name="action"
          label={s.auditAction}
          all={s.filterAll}
          options={AUDIT_ACTIONS.map((a) => [a, s.auditActionName(a)] as const)}
          selected={filter.action}
        />
        <div class="filters__field">
          <label for="a-actor">{s.auditActor}</label>
          <input type="text" id="a-actor" name="actor" value={filter.actor} maxlength={AUDIT_ACTOR_MAX_LENGTH} />
        </div>
        <div class="filters__field">
          <label for="a-since">{s.auditSince}</label>
          <input type="text" id="a-since" name="since" value={filter.since} placeholder="2026-01-01T00:00:00Z" />
        </div>
        <div class="filters__field">
          <label for="a-until">{s.auditUntil}</label>
          <input type="text" id="a-until" name="until" value={filter.until} placeholder="2026-12-31T23:59:59Z" />
        </div>
        <div class="filters__actions">
          <button type="submit" class="button button--secondary">
            {s.filterApply}
          </button>
          <a href={csvHref}>{s.exportAudit}</a>
        </div>
      </form>
      {items.length === 0 ? (
        <p>{s.auditEmpty}</p>
      ) : (
        <DataTable
          label={s.auditTitle}
          id="audit"
          columns={[s.colWhen, s.colWho, s.colAction, s.colSubject, s.colReason, s.colDetails]}
        >
          {items.map((e) => (
            <tr>
              <td>{formatDateTime(e.at)}</td>
              <td>
                {e.actor.kind === 'staff'
                  ? e.actor.name === e.actor.sub
                    ? e.actor.sub
                    : `${e.actor.name} (${e.actor.sub})`
                  : s.auditActorKind(e.actor.kind)}
              </td>
              <td data-action={e.action}>{s.auditActionName(e.action)}</td>
              <td>
                <Subject ctx={ctx} subject={e.subject} />
              </td>
              <td>{auditReasonText(s, e)}</td>
              <td>
                <AuditDetails ctx={ctx} entry={e} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <NextPage s={s} href={nextHref} />
    </StaffLayout>
  );
}
