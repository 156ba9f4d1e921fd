import type { CommentStatus } from '../shared/feedback/rating.js';
import { bilingual } from './i18n-area.js';

/**
 * A rating's level, 5 (very satisfied) to 1 (very dissatisfied). */
type Level = 1 | 2 | 3 | 4 | 5;

/** A target's ratings and their statistics, its published comments, and the feedback form with what
 * it answers.
 */
export const feedbackMessages = bilingual({
  zh: {
    // Ratings
    ratingsHeading: '群众评价',
    ratingsCount: (n: number) => `${n} 条评价`,
    ratingsNone: '还没有人评价。欢迎成为第一个评价的人。',
    noRatingsShort: '暂无评价',
    tooFewToSummarise: '评价太少，暂不计算满意率',
    satisfactionValue: (share: string, lower: string, upper: string) => `${share}（95% 置信区间 ${lower}–${upper}）`,
    satisfactionExplain: '满意率是“非常满意”和“满意”所占的比例。',
    meanScore: '平均分（1–5）',
    bayesianMean: '排名用分（贝叶斯平均）',
    rank: '排名',
    rankValue: (rank: number) => `第 ${rank} 名`,
    tooFewToRank: (min: number) => `评价少于 ${min} 条，不参与排名。`,
    histogramCaption: '各满意度等级的评价数',
    histogramLabel: (name: string) => `${name}：五个满意度等级的评价数条形图`,
    colLevel: '等级',
    colCount: '评价数',
    colShare: '占比',
    ratingsUpdated: '统计每隔几分钟更新一次，新提交的评价会在下次统计后计入。',
    seriesHeading: '按年份',
    seriesCaption: '各年的评价数和满意率',
    colPeriod: '年份',
    level: (r: Level) => ({ 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' })[r],

    // Comments
    commentsHeading: '群众留言',
    commentsNone: '还没有公开的留言。',
    commentsIntro: '留言经审核后公开；无论留言是否公开，评价都会计入。',
    commentRated: (level: string) => `评价：${level}`,
    commentPublished: (date: string) => `${date} 公开`,
    commentUnderReview: '复核中',
    commentUnderReviewNote: '有市民举报这条留言，审核人员正在复核；复核期间照常显示。',
    officialReply: '官方回复',
    repliedAt: (date: string) => `${date} 回复`,
    olderComments: '更早的留言',

    // Feedback form
    formHeading: '我来评价',
    formIntro: '无需注册。每人每年对每一项保留一条评价；再次提交会替换您今年的评价，以前的评价留作记录。',
    formLevelLegend: '您对这一项的满意程度',
    formComment: '留言（可选）',
    formCommentHint: '最多 2000 字。留言审核后公开，请勿填写个人信息。',
    formSubmit: '提交评价',
    formChange: '修改我的评价',
    formErrorsHeading: '请修改以下问题：',
    errRating: '请选择一个满意度等级。',
    errComment: '留言最多 2000 字。',
    errCommentInvalid: '留言含有无法保存的字符。',
    errConflict: '您的评价正在另一处同时提交，请再试一次。',
    errRateLimited: '提交过于频繁，请过几分钟再试。',
    errNetwork: '网络出现问题，请再试一次。',
    // Said to a person, who may just be quick: the protection stays, the words do not blame them.
    errNotPerson: '这次提交没有被接受。请稍候几秒，确认您的选择后再提交一次。',
    formTooLargeTitle: '提交的内容过大',
    formTooLarge: (limit: string) => `这个表单最多接收 ${limit}，请精简内容后返回上一页再提交。`,
    errFormExpired: '这个表单已过期或不是从本站页面提交的。请确认您的选择后再提交一次。',
    formHoneypot: '请勿填写此栏',
    doneRecorded: '您的评价已计入。',
    doneReplaced: '您的评价已更新，替换了今年早先的评价。',
    donePending: '您的留言已收到，审核后公开。',
    doneCounted: '统计数字会在下次统计（几分钟内）后更新。',
    yoursHeading: '我的评价',
    yoursThisYear: (year: number, level: string) => `您${year}年的评价：${level}`,
    yoursRecordedAt: (date: string) => `提交时间：${date}`,
    yoursComment: '您的留言：',
    // Said of a rating of any year (the /me page lists earlier years too), so not "this year".
    yoursRevisions: (n: number) => `已修改 ${n - 1} 次`,
    yoursEarlier: (year: number, level: string) => `${year}年：${level}`,
    commentStatus: (s: CommentStatus) =>
      ({ none: '无留言', pending: '待审核', published: '已公开', rejected: '未通过审核', hidden: '已隐藏' })[s],
  },
  en: {
    ratingsHeading: 'Citizens’ ratings',
    ratingsCount: (n: number) => (n === 1 ? '1 rating' : `${n} ratings`),
    ratingsNone: 'Nobody has rated this yet. Be the first.',
    noRatingsShort: 'No ratings yet',
    tooFewToSummarise: 'Too few ratings to summarise',
    satisfactionValue: (share: string, lower: string, upper: string) => `${share} (95% interval ${lower}–${upper})`,
    satisfactionExplain: 'Satisfaction is the share of “very satisfied” and “satisfied” ratings.',
    meanScore: 'Mean score (1–5)',
    bayesianMean: 'Ranking score (Bayesian mean)',
    rank: 'Rank',
    rankValue: (rank: number) => `No. ${rank}`,
    tooFewToRank: (min: number) => `Fewer than ${min} ratings: too few to rank.`,
    histogramCaption: 'Ratings at each level',
    histogramLabel: (name: string) => `${name}: bar chart of the ratings at each of the five levels`,
    colLevel: 'Level',
    colCount: 'Ratings',
    colShare: 'Share',
    ratingsUpdated: 'The figures are recounted every few minutes; a new rating counts from the next recount.',
    seriesHeading: 'By year',
    seriesCaption: 'Ratings and satisfaction by year',
    colPeriod: 'Year',
    level: (r: Level) =>
      ({ 5: 'Very satisfied', 4: 'Satisfied', 3: 'Fairly satisfied', 2: 'Dissatisfied', 1: 'Very dissatisfied' })[r],

    commentsHeading: 'Comments',
    commentsNone: 'No published comments yet.',
    commentsIntro:
      'Comments are published after moderation; every rating counts whether or not its comment is published.',
    commentRated: (level: string) => `Rated: ${level}`,
    commentPublished: (date: string) => `Published ${date}`,
    commentUnderReview: 'Under review',
    commentUnderReviewNote:
      'Citizens flagged this comment and a moderator is reviewing it; it stays visible meanwhile.',
    officialReply: 'Official reply',
    repliedAt: (date: string) => `Replied ${date}`,
    olderComments: 'Older comments',

    formHeading: 'Rate this',
    formIntro:
      'No account needed. You keep one rating per item per year; rating again replaces this year’s rating, and the earlier one is kept on record.',
    formLevelLegend: 'How satisfied are you with this?',
    formComment: 'Comment (optional)',
    formCommentHint:
      'Up to 2,000 characters. Comments are published after moderation; please leave out personal details.',
    formSubmit: 'Submit rating',
    formChange: 'Change my rating',
    formErrorsHeading: 'Please correct the following:',
    errRating: 'Choose one of the five levels.',
    errComment: 'A comment may have at most 2,000 characters.',
    errCommentInvalid: 'The comment contains characters that cannot be stored.',
    errConflict: 'Your rating is being submitted elsewhere at the same moment; please try again.',
    errRateLimited: 'Too many submissions in a short time; please try again in a few minutes.',
    errNetwork: 'The network failed; please try again.',
    errNotPerson: 'This submission was not accepted. Please wait a few seconds, check your choice and submit again.',
    formTooLargeTitle: 'Too large',
    formTooLarge: (limit: string) =>
      `This form takes at most ${limit}; go back, shorten what you wrote and send it again.`,
    errFormExpired:
      'This form has expired or was not sent from this site’s page. Please check your choice and submit again.',
    formHoneypot: 'Leave this field empty',
    doneRecorded: 'Your rating counts.',
    doneReplaced: 'Your rating is updated: it replaces your earlier rating this year.',
    donePending: 'Your comment was received and awaits moderation.',
    doneCounted: 'The figures update at the next recount, within a few minutes.',
    yoursHeading: 'Your rating',
    yoursThisYear: (year: number, level: string) => `Your rating for ${year}: ${level}`,
    yoursRecordedAt: (date: string) => `Submitted ${date}`,
    yoursComment: 'Your comment:',
    yoursRevisions: (n: number) => (n === 2 ? 'Changed once' : `Changed ${n - 1} times`),
    yoursEarlier: (year: number, level: string) => `${year}: ${level}`,
    commentStatus: (s: CommentStatus) =>
      ({
        none: 'no comment',
        pending: 'awaiting moderation',
        published: 'published',
        rejected: 'not approved',
        hidden: 'hidden',
      })[s],
  },
});
