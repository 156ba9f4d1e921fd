import { STATUS_THRESHOLDS } from '../../../shared/progress/assessment.js';
import { TableWrap } from '../../components/table.js';
import { StatusBadge } from '../components/plan-text.js';
import type { PageContext } from '../../context.js';
import { formatNumber } from '../../format.js';
import { Layout } from '../layout.js';
import type { YearSpan } from '../../i18n.js';

/** How status, 满意率, intervals and rankings are computed, in plain words, with the live thresholds. */
export function MethodPage({ ctx, minRatings, years }: { ctx: PageContext; minRatings: number; years: YearSpan }) {
  const { t, lang } = ctx;
  const onTrack = formatNumber(STATUS_THRESHOLDS.onTrack, lang);
  const accelerate = formatNumber(STATUS_THRESHOLDS.needsAcceleration, lang);
  return (
    <Layout ctx={ctx} title={t.methodTitle} section="method">
      <h1>{t.methodTitle}</h1>
      <p class="lead">{t.methodIntro}</p>

      <section class="panel prose" aria-labelledby="m-status">
        <h2 id="m-status">{t.methodStatusHeading}</h2>
        <p>{t.methodStatusP1(years)}</p>
        <p class="formula">{t.methodStatusFormula}</p>
        <TableWrap label={t.methodStatusBandsCaption}>
          <table class="data-table">
            <caption>{t.methodStatusBandsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.methodColCondition}</th>
                <th scope="col">{t.methodColStatus}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{t.methodBandAchieved}</td>
                <td>
                  <StatusBadge status="achieved" t={t} />
                </td>
              </tr>
              <tr>
                <td>{t.methodBandOnTrack(onTrack)}</td>
                <td>
                  <StatusBadge status="on_track" t={t} />
                </td>
              </tr>
              <tr>
                <td>{t.methodBandAccelerate(accelerate, onTrack)}</td>
                <td>
                  <StatusBadge status="needs_acceleration" t={t} />
                </td>
              </tr>
              <tr>
                <td>{t.methodBandLimited(accelerate)}</td>
                <td>
                  <StatusBadge status="limited_progress" t={t} />
                </td>
              </tr>
              <tr>
                <td>{t.methodBandDeteriorating}</td>
                <td>
                  <StatusBadge status="deteriorating" t={t} />
                </td>
              </tr>
              <tr>
                <td>{t.methodBandNotAssessable}</td>
                <td>
                  <StatusBadge status="not_assessable" t={t} />
                </td>
              </tr>
            </tbody>
          </table>
        </TableWrap>
        <p>{t.methodStatusP2(years)}</p>
        <p>{t.methodStatusP3(years)}</p>
        <p>{t.methodStatusP4(years)}</p>
      </section>

      <section class="panel prose" aria-labelledby="m-satisfaction">
        <h2 id="m-satisfaction">{t.methodSatisfactionHeading}</h2>
        <p>{t.methodSatisfactionP1}</p>
        <p>{t.methodSatisfactionP2}</p>
      </section>

      <section class="panel prose" aria-labelledby="m-ranking">
        <h2 id="m-ranking">{t.methodRankingHeading}</h2>
        <p>{t.methodRankingP1(minRatings)}</p>
        <p>{t.methodRankingP2(minRatings)}</p>
        <p class="formula">{t.methodRankingFormula(minRatings)}</p>
        <p>{t.methodRankingP3}</p>
      </section>

      <section class="panel prose" aria-labelledby="m-counting">
        <h2 id="m-counting">{t.methodCountingHeading}</h2>
        <p>{t.methodCountingP1}</p>
        <p>{t.methodCountingP2}</p>
      </section>

      <section class="panel prose" aria-labelledby="m-source">
        <h2 id="m-source">{t.methodSourceHeading}</h2>
        <p>{t.methodSourceP}</p>
      </section>
    </Layout>
  );
}
