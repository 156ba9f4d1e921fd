import type { AuditEntry } from '../../../shared/audit/entry.js';
import { stepsFrom } from '../../../shared/cases/case.js';
import type { StaffCase } from '../../../shared/cases/workflow.js';
import { formatDateTime } from '../../format.js';
import { DataTable } from '../../components/table.js';
import { Fact, Field } from '../../components/common.js';
import type { TargetName } from '../data.js';
import { Notice, StaffLayout, type StaffContext } from '../layout.js';
import { DepartmentAndText, DepartmentSelect, TargetLink } from './parts.js';
import { StaffCaseStates } from './case-states.js';
import type { Department } from '../../../shared/departments/department.js';
import { REASON_MAX_LENGTH } from '../../../shared/api/staff-schemas.js';

export type CaseDetail = StaffCase & {
  comment: {
    text: string | null;
    status: string;
    replies: Array<{ department: string; text: string; publishedAt: string }>;
  } | null;
  audit: AuditEntry[];
};

export function CasePage({
  ctx,
  item,
  name,
  departments,
  notice,
}: {
  ctx: StaffContext;
  item: CaseDetail;
  name: TargetName | undefined;
  departments: readonly Department[];
  notice: { kind: 'ok' | 'error'; text: string } | null;
}) {
  const { s } = ctx;
  // Assigning is part of verifying here (its department field); the citizen's own steps are not a monitor's.
  const steps = stepsFrom(item.status).filter(
    (step): step is 'verify' | 'rectify' | 'reply' | 'close' =>
      step === 'verify' || step === 'rectify' || step === 'reply' || step === 'close',
  );
  return (
    <StaffLayout ctx={ctx} title={s.caseTitle} section="cases">
      <h1>{`${s.caseTitle} ${item.caseId.slice(0, 8)}`}</h1>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <dl class="facts">
        <Fact term={s.commentOn}>
          <TargetLink ctx={ctx} name={name} fallback={`${item.targetType}:${item.targetId}`} />
        </Fact>
        <Fact term={s.colStatus} id="case-status">
          {s.caseStatus(item.status)}
        </Fact>
        <Fact term={s.caseRating}>{item.rating}</Fact>
        <Fact term={s.caseOpened}>{formatDateTime(item.openedAt)}</Fact>
        <Fact term={s.caseDue} id="case-due">
          {`${item.dueAt ? formatDateTime(item.dueAt) : s.firstReply(formatDateTime(item.firstDueAt), item.firstReplyAt && formatDateTime(item.firstReplyAt), item.firstReplyAt !== null && item.firstReplyAt <= item.firstDueAt)} (${s.dueState(item.dueState)})`}
        </Fact>
        <Fact term={s.colDepartment}>{item.department ?? '—'}</Fact>
      </dl>
      <StaffCaseStates ctx={ctx} />
      <h2>{s.caseComment}</h2>
      {item.comment && (
        <>
          <blockquote class="comment__text">{item.comment.text}</blockquote>
          {item.comment.replies.map((r) => (
            <div class="reply">
              <p class="reply__meta">{`${s.officialReply}: ${r.department} · ${formatDateTime(r.publishedAt)}`}</p>
              <p>{r.text}</p>
            </div>
          ))}
        </>
      )}

      {steps.length === 0 ? (
        <p>{s.noSteps}</p>
      ) : (
        steps.map((step) => (
          <form method="post" action={`/staff/cases/${item.caseId}/steps`} class="staff-form" id={`step-${step}`}>
            <h2>{s.caseStep(step)}</h2>
            <input type="hidden" name="action" value={step} />
            {step === 'reply' ? (
              <DepartmentAndText
                ctx={ctx}
                prefix={`s-${step}`}
                departments={departments}
                selected={item.departmentId}
              />
            ) : (
              <>
                {step === 'verify' && (
                  <DepartmentSelect
                    ctx={ctx}
                    id={`s-${step}-department`}
                    departments={departments}
                    selected={item.departmentId}
                    required={false}
                  />
                )}
                <Field id={`s-${step}-note`} label={s.note} hint={s.noteHint} hintId={`s-${step}-hint`}>
                  <input
                    type="text"
                    id={`s-${step}-note`}
                    name="note"
                    maxlength={REASON_MAX_LENGTH}
                    required={step === 'rectify' || step === 'close'}
                    aria-describedby={`s-${step}-hint`}
                  />
                </Field>
              </>
            )}
            <p>
              <button type="submit" class="button">
                {s.caseStep(step)}
              </button>
            </p>
          </form>
        ))
      )}

      <h2>{s.caseHistory}</h2>
      <DataTable label={s.caseHistory} id="case-history" columns={[s.colWhen, s.colWho, s.colFromTo, s.note]}>
        {item.history.map((e) => (
          <tr>
            <td>{formatDateTime(e.at)}</td>
            <td>{e.by === 'system' || e.by === 'citizen' ? s.auditActorKind(e.by) : e.by}</td>
            <td>{`${e.from ? s.caseStatus(e.from) : '—'} → ${s.caseStatus(e.to)}`}</td>
            <td>{e.note ?? ''}</td>
          </tr>
        ))}
      </DataTable>
    </StaffLayout>
  );
}
