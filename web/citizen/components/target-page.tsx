import type { Child } from 'hono/jsx';
import { targetKind } from '../../../shared/feedback/target-kinds.js';
import type { TargetType } from '../../../shared/feedback/target.js';
import type { PageContext } from '../../context.js';
import type { Messages } from '../../i18n.js';
import type { TargetFeedback } from '../data.js';
import { Layout, type Section } from '../layout.js';
import { targetFeed } from '../links.js';
import { Comments, FeedbackSection, type Confirmation, type FeedbackFormState } from './feedback.js';
import { RatingSummary } from './ratings.js';

/** What a target's page shows besides the data: the year rated now, the form as sent back, a confirmation. */
export interface TargetPageState {
  year: number;
  form: FeedbackFormState;
  confirmation: Confirmation | null;
}

/** Where each kind's page sits in the site: its section, and the words of the link back to its list. */
export const PAGE_OF_KIND = {
  indicator: { section: 'indicators', back: 'backToIndicators' },
  project: { section: 'projects', back: 'backToProjects' },
} as const satisfies Record<TargetType, { section: Section; back: keyof Messages }>;

/**
 * A target's page (an indicator's, a project's) around what is its own (`children`): the layout with
 * the target's feed and the chart and feedback scripts, a link back to its list, its name (and on an
 * English page the Chinese one), then what citizens say: the ratings, the form and the comments.
 */
export function TargetPage(props: {
  ctx: PageContext;
  type: TargetType;
  id: string;
  name: string;
  nameZh: string;
  feedback: TargetFeedback;
  state: TargetPageState;
  children?: Child;
}) {
  const { ctx, type, id, name, feedback, state } = props;
  const { t } = ctx;
  const kind = targetKind(type);
  return (
    <Layout
      ctx={ctx}
      title={name}
      section={PAGE_OF_KIND[type].section}
      scripts={['charts.js', 'feedback.js', 'follow.js']}
      feed={{ href: targetFeed(type, id, ctx.place), title: t.feedTitleTarget(name) }}
    >
      <p class="back">
        <a href={kind.listPath(ctx.place?.base)}>{t[PAGE_OF_KIND[type].back]}</a>
      </p>
      <h1>{name}</h1>
      {ctx.lang === 'en' && (
        <p class="subtitle" lang="zh-CN">
          {props.nameZh}
        </p>
      )}
      {props.children}
      <RatingSummary
        ctx={ctx}
        summary={feedback.summary}
        minRatings={feedback.minRatings}
        years={feedback.years}
        name={name}
      />
      <FeedbackSection
        ctx={ctx}
        targetType={type}
        targetId={id}
        yours={feedback.yours}
        year={state.year}
        form={state.form}
        confirmation={state.confirmation}
      />
      <Comments ctx={ctx} comments={feedback.comments} basePath={kind.pagePath(id, ctx.place?.base)} />
    </Layout>
  );
}
