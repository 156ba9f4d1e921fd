import { DataTable } from '../../components/table.js';
import { Fact } from '../../components/common.js';
import { ProjectProgress, ProjectStatusBadge, Text, Zh } from '../components/plan-text.js';
import type { PageContext } from '../../context.js';
import { TargetPage, type TargetPageState } from '../components/target-page.js';
import { ProgressTimeline } from '../components/progress-timeline.js';
import type { ProjectPageData } from '../data.js';
import { formatNumber, withUnit } from '../../format.js';
import { inLang } from '../../localized.js';

/** One project: what the plan says, its status and progress, its numeric goals, ratings, the form, comments. */
export function ProjectPage({ ctx, data, state }: { ctx: PageContext; data: ProjectPageData; state: TargetPageState }) {
  const { t, lang } = ctx;
  const { project } = data;
  const name = inLang(lang, project, 'title');
  return (
    <TargetPage
      ctx={ctx}
      type="project"
      id={project.id}
      name={name}
      nameZh={project.titleZh}
      feedback={data}
      state={state}
    >
      <section class="panel status-panel" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t.projectFacts}</h2>
        <p class="status-line">
          <ProjectStatusBadge status={project.status} t={t} />
        </p>
        {project.status === 'unknown' && <p class="muted">{t.projectStatusNote}</p>}
        <dl class="facts facts--row">
          <Fact term={t.progress}>
            <ProjectProgress project={project} t={t} />
          </Fact>
          <Fact term={t.box}>
            {t.boxLabel(project.box)} · <Zh ctx={ctx}>{project.boxTitle}</Zh>
          </Fact>
          <Fact term={t.area}>
            <Zh ctx={ctx}>{project.area}</Zh>
          </Fact>
        </dl>
      </section>

      <ProgressTimeline ctx={ctx} reports={project.progressHistory} />

      <section class="panel" aria-labelledby="goals-heading">
        <h2 id="goals-heading">{t.goalsHeading}</h2>
        {project.goals.length === 0 ? (
          <p>{t.goalsNone}</p>
        ) : (
          <DataTable
            label={t.goalsHeading}
            caption={{ text: t.goalsHeading }}
            columns={[t.colGoal, t.colGoalValue, t.colGoalYear]}
          >
            {project.goals.map((goal) => (
              <tr>
                <th scope="row">
                  <Zh ctx={ctx}>{goal.description}</Zh>
                </th>
                <td>
                  <Text ctx={ctx} text={withUnit(formatNumber(goal.value, lang), goal.unit)} />
                </td>
                <td>{goal.year ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {project.source.text && (
          <>
            <h3>{t.planText}</h3>
            <blockquote class="plan-text" lang="zh-CN">
              {project.source.text}
            </blockquote>
            <p class="muted">
              {t.source}: <Zh ctx={ctx}>{project.source.box}</Zh>
            </p>
          </>
        )}
      </section>
    </TargetPage>
  );
}
