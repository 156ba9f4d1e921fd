import type { StaffContext } from '../layout.js';
import type { StaffMessages } from '../i18n.js';
import type { TargetName } from '../data.js';

/** A target's name in the page's language, or what stands for it when the plan no longer names it. */
export const nameOf = (ctx: StaffContext, name: TargetName | undefined, fallback: string) => (name ? (ctx.lang === 'en' ? name.nameEn : name.nameZh) : fallback);

/** A target's name linked to its public page. */
export function TargetLink({ ctx, name, fallback }: { ctx: StaffContext; name: TargetName | undefined; fallback: string }) {
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
      <div class="field">
        <label for={`${prefix}-department`}>{ctx.s.department}</label>
        <input type="text" id={`${prefix}-department`} name="department" required maxlength={100} />
      </div>
      <div class="field">
        <label for={`${prefix}-text`}>{ctx.s.replyText}</label>
        <textarea id={`${prefix}-text`} name={textName} required maxlength={4000}></textarea>
      </div>
    </>
  );
}
