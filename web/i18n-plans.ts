import { bilingual } from './i18n-area.js';

/**
 * The strings of the list of plans (/plans), the plan switcher, the notices of a plan that is not
 * the current one or is closed, and the home page's other plans. One area of the
 * dictionary of web/i18n.ts (web/i18n-area.ts).
 */
export const plansMessages = bilingual({
  zh: {
    plansTitle: '全部规划',
    plansIntro: '共评公开的每一个规划。当前规划排在最前；已结束的规划仍可查看，并附终期评估。',
    plansNone: '还没有公开的规划。',
    planPeriod: (start: number, end: number) => `${start}—${end}年`,
    planStatusName: (status: 'published' | 'closed') => ({ published: '实施中，接受评价', closed: '已结束' })[status],
    planCurrent: '当前规划',
    planOpen: '查看本规划',
    planEvaluation: '终期评估',
    planSwitchLabel: '切换规划',
    planSwitchAll: '全部规划',
    homeOtherPlansHeading: '其他规划',
    homeOtherPlansAll: '查看全部规划',
    notCurrentNotice: (current: string) => `您正在查看的不是当前规划。当前规划是：${current}。`,
    notCurrentLink: '转到当前规划',
    planClosedNotice: '本规划已结束：内容仍可查看，但不再接受评价。',
    ratingsClosed: '本规划已结束，不再接受评价和留言。已有的评价和留言仍在下方公开。',
  },
  en: {
    plansTitle: 'All plans',
    plansIntro:
      'Every plan Gongping publishes. The current plan comes first; plans that have ended stay readable, with their final evaluation.',
    plansNone: 'No plan has been published yet.',
    planPeriod: (start: number, end: number) => `${start}–${end}`,
    planStatusName: (status: 'published' | 'closed') =>
      ({ published: 'In force, open for ratings', closed: 'Closed' })[status],
    planCurrent: 'Current plan',
    planOpen: 'View this plan',
    planEvaluation: 'Final evaluation',
    planSwitchLabel: 'Switch plan',
    planSwitchAll: 'All plans',
    homeOtherPlansHeading: 'Other plans',
    homeOtherPlansAll: 'See all plans',
    notCurrentNotice: (current: string) => `This is not the current plan. The current plan is: ${current}.`,
    notCurrentLink: 'Go to the current plan',
    planClosedNotice: 'This plan has ended: it stays readable but takes no more ratings.',
    ratingsClosed:
      'This plan has ended and takes no more ratings or comments. The ratings and comments already given stay public below.',
  },
});
