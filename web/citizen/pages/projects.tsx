import { ProjectStatus } from '../../../shared/plan/schema.js';
import { Fact } from '../../components/common.js';
import { ListPage } from '../components/list-filters.js';
import { ProjectProgress, ProjectStatusBadge, SatisfactionBrief, Zh } from '../components/plan-text.js';
import type { PageContext } from '../../context.js';
import type { ProjectListData } from '../data.js';
import { inLang } from '../../localized.js';
import { targetKind } from '../../../shared/feedback/target-kinds.js';

/** Every project, filtered by box and status and searched by name, on the server. */
export function ProjectsPage({ ctx, data }: { ctx: PageContext; data: ProjectListData }) {
  const { t, lang } = ctx;
  return (
    <ListPage
      ctx={ctx}
      type="project"
      title={t.projectsTitle}
      intro={t.projectsIntro}
      class="filters--projects"
      choices={{
        box: {
          label: t.filterBox,
          options: data.boxes.map(
            ({ box, title }) =>
              [
                String(box),
                <>
                  {t.boxLabel(box)} {title}
                </>,
              ] as const,
          ),
        },
        status: {
          label: t.filterStatus,
          options: ProjectStatus.options.map((s) => [s, t.projectStatus(s)] as const),
        },
      }}
      chosen={data.filter}
      shown={data.items.length}
      total={data.total}
    >
      {data.items.map((p) => (
        <li class="card">
          <h2 class="card__title">
            <a href={targetKind('project').pagePath(p.id, ctx.place?.base)}>{inLang(lang, p, 'title')}</a>
          </h2>
          <p class="card__meta">
            {t.boxLabel(p.box)} · <Zh ctx={ctx}>{p.boxTitle}</Zh>
          </p>
          <p>
            <ProjectStatusBadge status={p.status} t={t} />
          </p>
          <dl class="facts facts--row">
            <Fact term={t.progress}>
              <ProjectProgress project={p} t={t} />
            </Fact>
            <Fact term={t.satisfaction}>
              <SatisfactionBrief ctx={ctx} brief={p.ratings} />
            </Fact>
          </dl>
        </li>
      ))}
    </ListPage>
  );
}
