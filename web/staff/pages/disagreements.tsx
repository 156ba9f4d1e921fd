import type { Disagreement } from '../verdicts-data.js';
import type { StaffContext } from '../layout.js';
import { formatShare } from '../../format.js';
import { inLang } from '../../localized.js';
import { targetKind } from '../../../shared/feedback/target-kinds.js';
import { officialName, satisfactionText } from '../../citizen/verdict-text.js';
import { Text } from '../../citizen/components/plan-text.js';
import { publicBase } from '../data.js';

/** The dashboard's first list: where the official verdict and the citizens' disagree, and what citizens wrote. */
export function Disagreements({ ctx, items }: { ctx: StaffContext; items: Disagreement[] | null }) {
  const { s, t, lang } = ctx;
  const base = ctx.scope ? publicBase(ctx.scope.plan.id) : '';
  return (
    <section aria-labelledby="disagree-heading" id="disagreements">
      <h2 id="disagree-heading">{s.disagreeHeading}</h2>
      <p class="hint">{s.disagreeIntro}</p>
      {items === null ? (
        <p>{s.disagreeNotYet}</p>
      ) : items.length === 0 ? (
        <p>{s.disagreeNone}</p>
      ) : (
        <ul class="cards">
          {items.map(({ verdict: v, comments, read, bad }) => (
            <li class={`card verdict-line--${v.region}`} data-target={`${v.targetType}:${v.targetId}`}>
              <h3 class="card__title">
                <a href={targetKind(v.targetType).pagePath(v.targetId, base)}>{inLang(lang, v, 'name')}</a>
              </h3>
              <p>
                <strong>{t.region(v.region)}</strong> · {s.disagreeOfficial} {officialName(t, v)} ·{' '}
                {s.disagreeCitizens(satisfactionText(t, lang, v), v.citizens.count)}
              </p>
              {read === 0 ? (
                <p class="muted">{s.disagreeNoComments}</p>
              ) : (
                <>
                  <p class="disagree-bad-share">{s.disagreeBadShare(bad, read, formatShare(bad / read, lang))}</p>
                  <p class="muted">{s.disagreeRecent}</p>
                  <ul>
                    {comments.map((c) => (
                      <li>
                        <span class="muted">{t.level(c.rating)}</span> <Text ctx={ctx} text={c.comment} />
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`${base}/verdicts`}>{s.disagreeAll}</a>
      </p>
    </section>
  );
}
