import type * as z from 'zod/mini';
import { SubjectType, type AuditEntry } from '../../../shared/audit/entry.js';
import { auditSystemReasonOf, type AuditSystemReason } from '../../../shared/audit/system-reason.js';
import { FlagReason } from '../../../shared/moderation/flags.js';
import { CaseStatus } from '../../../shared/cases/case.js';
import { CommentStatus } from '../../../shared/feedback/rating.js';
import { PlanStatus } from '../../../shared/plan/lifecycle.js';
import { ProjectStatus } from '../../../shared/plan/schema.js';
import { formatDateTime } from '../../format.js';
import { LIST_SEPARATOR, localized } from '../../localized.js';
import type { StaffMessages } from '../i18n.js';
import type { StaffContext } from '../layout.js';

/** A code in words when the schema knows it, as it is otherwise (an entry written before the code was renamed). */
const worded =
  <T extends string>(schema: z.ZodMiniType<T>, word: (code: T) => string) =>
  (value: string) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? word(parsed.data) : value;
  };

/** The statuses each family of actions records (`from`, `to`, `status`), named as the pages name them. */
const statusWords = (s: StaffMessages): Record<string, (value: string) => string> => ({
  case: worded(CaseStatus, s.caseStatus),
  comment: worded(CommentStatus, s.commentStatus),
  plan: worded(PlanStatus, s.planStatusName),
  progress: worded(ProjectStatus, s.projectStatus),
});
const STATUS_FIELDS = new Set(['from', 'to', 'status']);
/** Fields whose values are codes of their own, whatever the action. */
const fieldWords = (s: StaffMessages): Record<string, (value: string) => string> => ({
  targetType: worded(SubjectType, s.auditSubjectType),
  lastReason: worded(FlagReason, s.auditFlagReason),
});
/** A time as the log keeps it (`dueAt`, `openedAt`): shown as the rest of the page shows times. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

export interface AuditDetailRow {
  key: string;
  label: string;
  value: string;
}

/**
 * An entry's details as a reader takes them in: each field under its label where gongping wrote
 * it (its key otherwise), yes and no in words, statuses named as the pages name them, lists as
 * lists. Details that are not a JSON object give no rows (the raw text is still shown).
 */
/** An entry's details as the object gongping writes, or null when they are not one. */
function detailsOf(entry: AuditEntry): Record<string, unknown> | null {
  let details: unknown;
  try {
    details = JSON.parse(entry.details);
  } catch {
    return null;
  }
  return details !== null && typeof details === 'object' && !Array.isArray(details)
    ? (details as Record<string, unknown>)
    : null;
}

export function auditDetailRows(ctx: Pick<StaffContext, 's' | 'lang'>, entry: AuditEntry): AuditDetailRow[] {
  const { s } = ctx;
  const details = detailsOf(entry);
  if (!details) return [];
  const labels: Record<string, string | undefined> = s.auditFields;
  const status = statusWords(s)[entry.action.split('.')[0] ?? ''];
  const fields = fieldWords(s);
  const text = (key: string, value: unknown): string => {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'boolean') return value ? s.auditYes : s.auditNo;
    if (typeof value === 'string') {
      if (status && STATUS_FIELDS.has(key)) return status(value);
      const words = fields[key];
      if (words) return words(value);
      return ISO_TIME.test(value) ? formatDateTime(value) : value;
    }
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) return value.map((item) => text('', item)).join(localized(ctx.lang, LIST_SEPARATOR));
    return JSON.stringify(value);
  };
  return Object.entries(details).map(([key, value]) => ({ key, label: labels[key] ?? key, value: text(key, value) }));
}

/** Each reason gongping writes (shared/audit/system-reason.ts) in the page's words, its numbers from the details. */
const SYSTEM_REASON_WORDS: Record<AuditSystemReason, (s: StaffMessages, details: Record<string, unknown>) => string> = {
  'opened-by-sweep': (s) => s.auditReasonSweep,
  'flags-reached-threshold': (s, d) => s.auditReasonFlagged(Number(d.flags), Number(d.threshold)),
};

/**
 * An entry's reason as the page shows it: the codes gongping itself writes (a case the sweep
 * opened, a comment flags sent for review) in the page's words; a person's reason, and an older
 * entry's English sentence from before the codes, as stored.
 */
export function auditReasonText(s: StaffMessages, entry: AuditEntry): string {
  const code = auditSystemReasonOf(entry);
  if (code) return SYSTEM_REASON_WORDS[code](s, detailsOf(entry) ?? {});
  return entry.reason ?? '';
}

/** The details as a small table of labelled fields, and the entry's raw JSON behind a toggle. */
export function AuditDetails({ ctx, entry }: { ctx: StaffContext; entry: AuditEntry }) {
  const rows = auditDetailRows(ctx, entry);
  return (
    <>
      {rows.length > 0 && (
        <dl class="audit-details">
          {rows.map((row) => (
            <div class="fact" data-field={row.key}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <details class="audit-raw">
        <summary>{ctx.s.auditRaw}</summary>
        <p>
          <code>{entry.action}</code>
        </p>
        {/* Kept as JSON text already: shown as it is, not encoded a second time. */}
        <code>{entry.details}</code>
      </details>
    </>
  );
}
