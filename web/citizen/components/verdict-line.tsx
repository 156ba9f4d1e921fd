import type { Verdict } from '../../../shared/verdicts/verdicts.js';
import type { PageContext } from '../../context.js';
import { inPlan } from '../place.js';
import { officialName, satisfactionText } from '../verdict-text.js';

/** One line on a target's page: which region of the two verdicts it is in, and why. */
export function VerdictLine({ ctx, verdict }: { ctx: PageContext; verdict: Verdict | null }) {
  const { t, lang } = ctx;
  if (!verdict) return null;
  const why = verdict.reason
    ? t.undeterminedReason(verdict.reason)
    : t.verdictLineWhy(
        officialName(t, verdict),
        `${t.citizensStanding(verdict.citizens.standing)} ${satisfactionText(t, lang, verdict)}`,
      );
  return (
    <p class={`verdict-line verdict-line--${verdict.region}`}>
      <strong>{t.verdictLineHeading}</strong> {t.verdictLine(t.region(verdict.region), why)}{' '}
      <a href={inPlan(ctx.place, '/verdicts')}>{t.verdictLineLink}</a>
    </p>
  );
}
