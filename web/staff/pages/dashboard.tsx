import type { ScopeSummary } from '../../../shared/ratings/documents.js';
import type { Proportion } from '../../../shared/ratings/statistics.js';
import { formatNumber, formatShare } from '../../format.js';
import { DataTable } from '../../components/table.js';
import { Fact } from '../../components/common.js';
import { COUNT_CAP, type DashboardData, type TargetName } from '../data.js';
import { StaffLayout, type StaffContext } from '../layout.js';
import { TargetLink } from './parts.js';
import { Disagreements } from './disagreements.js';
import { inLang } from '../../localized.js';

const interval = (ctx: StaffContext, p: Proportion | null) =>
  p ? `${formatShare(p.share, ctx.lang)} (${formatShare(p.lower, ctx.lang)}–${formatShare(p.upper, ctx.lang)})` : '—';

const count = (n: number) => (n >= COUNT_CAP ? `${COUNT_CAP}+` : String(n));

export function DashboardPage({ ctx, data }: { ctx: StaffContext; data: DashboardData }) {
  const { s, lang } = ctx;
  const monitor = ctx.staff?.roles.some((r) => r === 'monitor' || r === 'admin') ?? false;
  return (
    <StaffLayout ctx={ctx} title={s.dashboardTitle} section="dashboard">
      <h1>{s.dashboardTitle}</h1>
      <dl class="facts">
        <Fact term={s.dashboardQueue} id="queue-size">
          {count(data.queueSize)}
        </Fact>
        <Fact term={s.dashboardCasesOpen} id="cases-open">
          {count(data.cases.open)}
        </Fact>
        <Fact term={s.dashboardCasesDueSoon} id="cases-due-soon">
          {data.cases.dueSoon}
        </Fact>
        <Fact term={s.dashboardCasesOverdue} id="cases-overdue">
          {data.cases.overdue}
        </Fact>
      </dl>
      {monitor && (
        <p class="staff-actions">
          <a class="button" href={`${ctx.home}/queue`}>
            {s.dashboardOpenQueue}
          </a>
          <a class="button button--secondary" href={`${ctx.home}/cases`}>
            {s.dashboardOpenCases}
          </a>
        </p>
      )}

      <Disagreements ctx={ctx} items={data.disagreements} />

      <h2>{s.dashboardLeastHeading}</h2>
      <p class="hint">{s.dashboardLeastIntro(data.minRatings)}</p>
      {data.least.length === 0 ? (
        <p>{s.dashboardLeastNone(data.minRatings)}</p>
      ) : (
        <ol id="least">
          {data.least.map((l) => (
            <li>
              <a href={l.href}>{inLang(lang, l, 'name')}</a>
              {` — ${formatNumber(l.summary.bayesianMean ?? 0, lang)}, ${l.summary.count}`}
            </li>
          ))}
        </ol>
      )}

      <h2>{s.dashboardRankingHeading}</h2>
      <p class="hint">{s.dashboardRankingIntro}</p>
      {data.targets.length === 0 ? (
        <p>{s.dashboardNoRatings}</p>
      ) : (
        <DataTable
          label={s.dashboardRankingHeading}
          id="ranking"
          columns={[
            s.colRank,
            s.colTarget,
            s.colCount,
            s.colMean,
            s.colSatisfaction,
            s.colDissatisfaction,
            s.colBayesian,
          ]}
        >
          {data.targets.map(({ summary, name }: { summary: ScopeSummary; name: TargetName | undefined }) => (
            <tr>
              <td>{summary.rank ?? s.tooFew}</td>
              <th scope="row">
                <TargetLink ctx={ctx} name={name} fallback={summary.scope} />
              </th>
              <td>{summary.count}</td>
              <td>{summary.mean === null ? '—' : formatNumber(summary.mean, lang)}</td>
              <td>{interval(ctx, summary.satisfaction)}</td>
              <td>{interval(ctx, summary.dissatisfaction)}</td>
              <td>{summary.bayesianMean === null ? '—' : formatNumber(summary.bayesianMean, lang)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </StaffLayout>
  );
}
