import { bilingual } from '../i18n-area.js';

/**
 * The monitors' overview (web/staff/pages/dashboard.tsx): the queue and the cases at a glance, the
 * least satisfied targets and the ranking of all of them.
 */
export const staffDashboardMessages = bilingual({
  zh: {
    dashboardTitle: '工作概况',
    dashboardQueue: '待审核留言',
    dashboardCasesOpen: '办理中的差评',
    dashboardCasesDueSoon: '即将到期（3个工作日内）',
    dashboardCasesOverdue: '已超期',
    dashboardOpenQueue: '去审核',
    dashboardOpenCases: '查看差评',
    dashboardLeastHeading: '满意度最低的事项',
    dashboardLeastIntro: (min: number) => `只列出评价数不少于 ${min} 条的事项。`,
    dashboardLeastNone: (min: number) => `还没有哪一项的评价数达到 ${min} 条。`,
    dashboardRankingHeading: '各事项评价（全部时间）',
    dashboardRankingIntro: '按排名排列；评价太少的事项不排名，但仍显示样本量和区间。',
    dashboardNoRatings: '尚无已发布的评价统计（统计任务运行后显示）。',
    colRank: '排名',
    colTarget: '事项',
    colCount: '评价数',
    colMean: '平均分',
    colSatisfaction: '满意率（95%区间）',
    colDissatisfaction: '差评率（95%区间）',
    colBayesian: '贝叶斯平均',
    tooFew: '样本不足',
  },
  en: {
    dashboardTitle: 'Overview',
    dashboardQueue: 'Comments awaiting moderation',
    dashboardCasesOpen: 'Open complaint cases',
    dashboardCasesDueSoon: 'Due within 3 working days',
    dashboardCasesOverdue: 'Overdue',
    dashboardOpenQueue: 'Moderate',
    dashboardOpenCases: 'See the cases',
    dashboardLeastHeading: 'Least satisfied',
    dashboardLeastIntro: (min) => `Only items with at least ${min} ratings.`,
    dashboardLeastNone: (min) => `No item has ${min} ratings yet.`,
    dashboardRankingHeading: 'Ratings by item (all time)',
    dashboardRankingIntro:
      'In rank order; items with too few ratings are not ranked but show their sample size and interval.',
    dashboardNoRatings: 'No rating statistics published yet (they appear after the aggregation runs).',
    colRank: 'Rank',
    colTarget: 'Item',
    colCount: 'Ratings',
    colMean: 'Mean',
    colSatisfaction: 'Satisfied (95% interval)',
    colDissatisfaction: 'Dissatisfied (95% interval)',
    colBayesian: 'Bayesian mean',
    tooFew: 'too few',
  },
});
