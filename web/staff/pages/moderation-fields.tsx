import { ALLOWED_FROM, type ModerationAction } from '../../../shared/moderation/flags.js';
import type { StaffMessages } from '../i18n.js';
import { Field } from '../../components/common.js';
import { REASON_MAX_LENGTH } from '../../../shared/api/staff-schemas.js';

/** The moderation steps a comment in this status can take, by the rule itself. */
export const actionsFor = (status: 'pending' | 'published' | 'rejected' | 'hidden'): ModerationAction[] =>
  (Object.keys(ALLOWED_FROM) as ModerationAction[]).filter((action) => ALLOWED_FROM[action].includes(status));

/** How `publish` reads where it is offered: approving a pending comment, keeping one under review, or either. */
export type PublishMeans = 'publish' | 'keep' | 'either';
export const actionLabel = (s: StaffMessages, means: PublishMeans) => (a: ModerationAction) =>
  a !== 'publish'
    ? s.action(a)
    : means === 'keep'
      ? s.actionKeep
      : means === 'either'
        ? s.actionPublishOrKeep
        : s.action(a);

/** The moderation action and its reason: the same two fields for one comment or for several. */
export function ModerationFields({
  s,
  prefix,
  actions,
  label,
}: {
  s: StaffMessages;
  prefix: string;
  actions: readonly ModerationAction[];
  label: (a: ModerationAction) => string;
}) {
  return (
    <>
      <Field id={`${prefix}-action`} label={s.colAction}>
        <select id={`${prefix}-action`} name="action">
          {actions.map((a) => (
            <option value={a}>{label(a)}</option>
          ))}
        </select>
      </Field>
      <Field id={`${prefix}-reason`} label={s.reason} hint={s.reasonHint}>
        <input
          type="text"
          id={`${prefix}-reason`}
          name="reason"
          maxlength={REASON_MAX_LENGTH}
          aria-describedby={`${prefix}-reason-hint`}
        />
      </Field>
    </>
  );
}
