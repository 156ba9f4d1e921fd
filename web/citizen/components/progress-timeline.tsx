import type { PageContext } from '../../context.js';
import { formatDate } from '../../format.js';
import { reasonInWords } from '../../i18n-revisions.js';
import type { ProjectPageData } from '../data.js';
import { ProjectProgress, ProjectStatusBadge, Text } from './plan-text.js';

/** One progress report as the project's page shows it (shared/plan/progress.ts's progressHistory). */
export type ProgressReportEntry = ProjectPageData['project']['progressHistory'][number];

/**
 * A project's progress reports as a timeline, newest first (after Decidim's project timeline): the
 * date, the status and progress reported, what was done, who reported it (the publishing role, never
 * a person's name) and why this report exists: gongping's own reasons in the page's language, a
 * publisher's words as written, their Chinese marked as such.
 */
export function ProgressTimeline({ ctx, reports }: { ctx: PageContext; reports: readonly ProgressReportEntry[] }) {
  const { t } = ctx;
  return (
    <section class="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t.timelineHeading}</h2>
      {reports.length === 0 ? (
        <p>{t.timelineNone}</p>
      ) : (
        <>
          <p class="muted">{t.timelineIntro}</p>
          <ol class="timeline" reversed>
            {[...reports]
              .sort((a, b) => b.revision - a.revision)
              .map((report) => (
                <li class="timeline__item" id={`report-${report.revision}`}>
                  <h3 class="timeline__head">
                    <time datetime={report.recordedAt}>{formatDate(report.recordedAt)}</time>
                    <span class="timeline__number">{t.timelineReport(report.revision)}</span>
                  </h3>
                  <p class="timeline__status">
                    <ProjectStatusBadge status={report.status} t={t} /> <ProjectProgress project={report} t={t} />
                  </p>
                  <p class="timeline__note">
                    <Text ctx={ctx} text={report.note} />
                  </p>
                  <dl class="timeline__facts">
                    <div>
                      <dt>{t.timelineReason}</dt>
                      <dd>
                        <Text ctx={ctx} text={reasonInWords(t, report)} />
                      </dd>
                    </div>
                    {report.source && (
                      <div>
                        <dt>{t.source}</dt>
                        <dd>
                          <Text ctx={ctx} text={report.source} />
                        </dd>
                      </div>
                    )}
                  </dl>
                  <p class="timeline__by muted">{t.timelineReportedBy}</p>
                </li>
              ))}
          </ol>
        </>
      )}
    </section>
  );
}
