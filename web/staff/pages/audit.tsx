import type { AuditEntry } from '../../../shared/audit/entry.js';
import { AUDIT_ACTIONS } from '../../../shared/audit/entry.js';
import { formatDateTime } from '../../format.js';
import { DataTable } from '../../components/table.js';
import { FilterSelect } from '../../components/common.js';
import { Notice, StaffLayout, type StaffContext } from '../layout.js';
import { NextPage } from './parts.js';
import { AUDIT_ACTOR_MAX_LENGTH } from '../../../shared/api/staff-schemas.js';

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
          options={AUDIT_ACTIONS.map((a) => [a, a] as const)}
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
              <td>{e.actor.name === e.actor.sub ? e.actor.sub : `${e.actor.name} (${e.actor.sub})`}</td>
              <td>{e.action}</td>
              <td>{`${e.subject.type}:${e.subject.id}`}</td>
              <td>{e.reason ?? ''}</td>
              <td>
                {/* Kept as JSON text already: shown as it is, not encoded a second time. */}
                <code>{e.details}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <NextPage s={s} href={nextHref} />
    </StaffLayout>
  );
}
