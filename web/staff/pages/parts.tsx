import type { StaffContext } from '../layout.js';
import type { StaffMessages } from '../i18n.js';
import type { TargetName } from '../data.js';
import { inLang } from '../../localized.js';
import { Field } from '../../components/common.js';
import { REPLY_TEXT_MAX } from '../../../shared/feedback/record.js';
import type { Department } from '../../../shared/departments/department.js';

/** A target's name in the page's language, or what stands for it when the plan no longer names it. */
export const nameOf = (ctx: StaffContext, name: TargetName | undefined, fallback: string) =>
  name ? inLang(ctx.lang, name, 'name') : fallback;

/** A target's name linked to its public page. */
export function TargetLink({
  ctx,
  name,
  fallback,
}: {
  ctx: StaffContext;
  name: TargetName | undefined;
  fallback: string;
}) {
  return name ? <a href={name.href}>{nameOf(ctx, name, fallback)}</a> : <>{fallback}</>;
}

/** The link under a paged staff list, when there is a next page. */
export function NextPage({ s, href }: { s: StaffMessages; href: string | null }) {
  return href ? (
    <p>
      <a href={href}>{s.nextPage}</a>
    </p>
  ) : null;
}

/**
 * The department, chosen from the active ones of the managed list (shared/departments/): a reply's,
 * an assignment's or (optional) a verification's.
 */
export function DepartmentSelect({
  ctx,
  id,
  departments,
  selected,
  required,
}: {
  ctx: StaffContext;
  id: string;
  departments: readonly Department[];
  selected?: string | null | undefined;
  required: boolean;
}) {
  const active = departments.filter((d) => d.active);
  return (
    <Field
      id={id}
      label={ctx.s.department}
      hint={active.length === 0 ? ctx.s.noDepartments : undefined}
      hintId={`${id}-hint`}
    >
      <select
        id={id}
        name="departmentId"
        required={required}
        aria-describedby={active.length === 0 ? `${id}-hint` : undefined}
      >
        <option value="">{ctx.s.chooseDepartment}</option>
        {active.map((d) => (
          <option value={d.id} selected={d.id === selected}>
            {ctx.lang === 'en' ? `${d.nameEn} · ${d.nameZh}` : d.nameZh}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The department and the reply's text: a case's reply step, and a reply to a comment that opened no case. */
export function DepartmentAndText({
  ctx,
  prefix,
  departments,
  selected,
}: {
  ctx: StaffContext;
  prefix: string;
  departments: readonly Department[];
  selected?: string | null | undefined;
}) {
  return (
    <>
      <DepartmentSelect ctx={ctx} id={`${prefix}-department`} departments={departments} selected={selected} required />
      <Field id={`${prefix}-text`} label={ctx.s.replyText}>
        <textarea id={`${prefix}-text`} name="text" required maxlength={REPLY_TEXT_MAX}></textarea>
      </Field>
    </>
  );
}
