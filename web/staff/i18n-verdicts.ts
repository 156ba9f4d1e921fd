import { bilingual } from '../i18n-area.js';

/**
 * The monitors' dashboard's list of targets whose two verdicts disagree (shared/verdicts/). One
 * area of the staff dictionary (web/staff/i18n.ts); the regions' names are the citizen pages'.
 */
export const staffVerdictsMessages = bilingual({
  zh: {
    disagreeHeading: '两种评价不一致的事项',
    disagreeIntro:
      '纸面进展（官方达成或按进度，群众不满意）在前，默默见效（官方落后，群众满意）在后；每项附最近公开的留言，以及其中差评（不满意、非常不满意）所占比例。',
    disagreeNone: '目前没有两种评价明显不一致的事项。',
    disagreeNotYet: '还没有计算结果：评价汇总运行后显示。',
    disagreeOfficial: '官方',
    disagreeCitizens: (satisfaction: string, count: number) => `满意率 ${satisfaction}，${count} 条评价`,
    disagreeRecent: '最近公开的留言',
    disagreeNoComments: '还没有公开的留言。',
    disagreeBadShare: (bad: number, read: number, share: string) =>
      `最近 ${read} 条公开留言中差评 ${bad} 条（${share}）`,
    disagreeAll: '查看全部对照',
  },
  en: {
    disagreeHeading: 'Where the two verdicts disagree',
    disagreeIntro:
      'Paper progress (achieved or on track officially, citizens dissatisfied) first, then quiet success (behind officially, citizens satisfied); each with its most recent published comments and the share of complaints (dissatisfied, very dissatisfied) among them.',
    disagreeNone: 'No target’s two verdicts clearly disagree at the moment.',
    disagreeNotYet: 'Nothing computed yet: shown after the rating aggregation has run.',
    disagreeOfficial: 'Officially',
    disagreeCitizens: (satisfaction: string, count: number) =>
      `satisfaction ${satisfaction}, ${count} ${count === 1 ? 'rating' : 'ratings'}`,
    disagreeRecent: 'Most recent published comments',
    disagreeNoComments: 'No published comments yet.',
    disagreeBadShare: (bad: number, read: number, share: string) =>
      `complaints in the last ${read} published comments: ${bad} (${share})`,
    disagreeAll: 'See all verdicts',
  },
});
