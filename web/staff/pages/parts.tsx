import type { StaffContext } from '../layout.js';
import type { StaffMessages } from '../i18n.js';
import type { TargetName } from '../data.js';
import { inLang } from '../../localized.js';
import { Field } from '../../components/common.js';
import { DEPARTMENT_MAX_LENGTH, REPLY_TEXT_MAX } from '../../../shared/feedback/record.js';

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

/** The department and the reply's text: a comment's official reply and a case's reply step. */
export function DepartmentAndText({ ctx, prefix, textName }: { ctx: StaffContext; prefix: string; textName: string }) {
  return (
    <>
      <Field id={`${prefix}-department`} label={ctx.s.department}>
        <input type="text" id={`${prefix}-department`} name="department" required maxlength={DEPARTMENT_MAX_LENGTH} />
      </Field>
      <Field id={`${prefix}-text`} label={ctx.s.replyText}>
        <textarea id={`${prefix}-text`} name={textName} required maxlength={REPLY_TEXT_MAX}></textarea>
      </Field>
    </>
  );
}
