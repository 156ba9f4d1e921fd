import { bilingual, type YearSpan } from './i18n-area.js';

/**
 * The method page (/method): how statuses, satisfaction, rankings and counting work, in plain words.
 */
export const methodMessages = bilingual({
  zh: {
    // Method page
    methodTitle: '计算方法',
    methodIntro:
      '共评的每个数字都按公开的方法计算，这里用通俗的话说明。代码和这里的说明一致；若有出入，以代码为准并修正本页。',
    methodStatusHeading: '指标的进展状态',
    methodStatusP1: (years: YearSpan) =>
      `规划从 ${years.base} 年（基期）到 ${years.target} 年（目标年）。对每项指标，我们比较它实际每年变化的速度和要在 ${years.target} 年达到目标每年所需的速度：`,
    methodStatusFormula: '比值 = 每年实际变化 ÷ 每年所需变化',
    methodStatusBandsCaption: '比值与状态',
    methodColCondition: '条件',
    methodColStatus: '状态',
    methodBandAchieved: '最新数据已达到目标',
    methodBandOnTrack: (x: string) => `比值 ≥ ${x}`,
    methodBandAccelerate: (lo: string, hi: string) => `${lo} ≤ 比值 < ${hi}`,
    methodBandLimited: (hi: string) => `0 ≤ 比值 < ${hi}`,
    methodBandDeteriorating: '比值 < 0',
    methodBandNotAssessable: '没有数值目标、起点或数据',
    methodStatusP2: (years: YearSpan) =>
      `“每年变化”的算法取决于指标类型：总量和水平（如地区生产总值）用复合年均增长率；比重（如森林覆盖率）用每年百分点变化；累计数（如新增学位）从零起线性计算；本身就是年度增速的指标（如固定资产投资增长率）比较 ${years.base + 1} 年起各年的平均值与规定下限。越低越好的指标（如 PM2.5 浓度）两边都是下降，比值仍为正数。`,
    methodStatusP3: (years: YearSpan) =>
      `只有年均增速目标的指标，按基期值和增速推算 ${years.target} 年应达到的水平，并注明这是推算值。到了 ${years.target} 年仍未完成的目标，最多算“需加快”，不算“进展顺利”。目标为文字表述（如“完成市下达目标”）的指标无法计算，如实标为“无法评估”。`,
    methodStatusP4: (years: YearSpan) =>
      `规划本身只公布了 ${years.base} 年基期值。在官方公布后续年度数据之前，各项指标都是“无法评估”：共评不会编造数据。`,
    methodSatisfactionHeading: '满意率和置信区间',
    methodSatisfactionP1:
      '评价分五级：非常满意（5）、满意（4）、基本满意（3）、不满意（2）、非常不满意（1）。满意率是选“非常满意”或“满意”的评价所占的比例；差评率是选“不满意”或“非常不满意”的比例。',
    methodSatisfactionP2:
      '评价的人少时，比例很不稳定。所以每个满意率都附有 95% 置信区间（Wilson 区间）：它表示在这么多评价的情况下，真实满意率大致落在的范围。评价越多，区间越窄。Wilson 区间即使在评价很少、或者全部满意时也不会缩成一个点，也不会超出 0%–100%。',
    methodRankingHeading: '排名',
    methodRankingP1: (min: number) =>
      `评价少于 ${min} 条的事项照常显示统计，但标为“评价过少，不参与排名”。这样三个好评不会让一个事项排到第一。`,
    methodRankingP2: (min: number) =>
      `排名按贝叶斯平均分：把该事项的评价与 ${min} 条“虚拟评价”合在一起求平均，虚拟评价的分数是同一时期全规划的平均分。评价多了，事项自己的平均分就起主要作用；评价少时，分数靠近全规划平均。`,
    methodRankingFormula: (min: number) =>
      `排名用分 = (${min} × 全规划平均分 + 该事项评分总和) ÷ (${min} + 该事项评价数)`,
    methodRankingP3: '分数相同（精确到小数点后九位）的事项并列，下一名跳过相应名次，例如 1、2、2、4（竞赛排名法）。',
    methodCountingHeading: '评价怎样计入',
    methodCountingP1:
      '每位评价者对每一项每年（按北京时间）保留一条评价；再次评价会替换今年早先的评价，早先的评价作为历史保留。评价不需要注册：浏览器会收到一个匿名凭证（Cookie），其中不含任何个人信息。共评不保存 IP 地址。',
    methodCountingP2:
      '统计由定时任务每隔几分钟完成一次，页面读取已发布的统计结果，因此新评价会在下一次统计后出现。留言经过审核才公开，但审核只影响留言文字，不影响评价本身。',
    methodSourceHeading: '代码和文档',
    methodSourceP:
      '进展状态：shared/progress/status.ts 和 docs/status-method.md；满意率、区间和贝叶斯平均：shared/ratings/statistics.ts；排名和发布：shared/ratings/publish.ts。',
  },
  en: {
    methodTitle: 'How the numbers are computed',
    methodIntro:
      'Every figure on Gongping is computed by a published method, explained here in plain words. The code and this page agree; should they ever differ, the code is right and this page gets fixed.',
    methodStatusHeading: 'An indicator’s progress status',
    methodStatusP1: (years: YearSpan) =>
      `The plan runs from ${years.base} (the base year) to ${years.target} (the target year). For each indicator we compare how fast it has actually moved each year with how fast it has to move each year to reach its ${years.target} target:`,
    methodStatusFormula: 'ratio = observed change per year ÷ required change per year',
    methodStatusBandsCaption: 'Ratio and status',
    methodColCondition: 'Condition',
    methodColStatus: 'Status',
    methodBandAchieved: 'The latest value meets the target',
    methodBandOnTrack: (x: string) => `ratio ≥ ${x}`,
    methodBandAccelerate: (lo: string, hi: string) => `${lo} ≤ ratio < ${hi}`,
    methodBandLimited: (hi: string) => `0 ≤ ratio < ${hi}`,
    methodBandDeteriorating: 'ratio < 0',
    methodBandNotAssessable: 'No numeric target, starting point or data',
    methodStatusP2: (years: YearSpan) =>
      `How “change per year” is measured depends on the kind of indicator: levels (such as GDP) use compound annual growth; shares (such as forest coverage) use percentage points per year; running totals (such as new school places) count linearly from zero; indicators that are themselves yearly rates (such as growth of fixed investment) compare the mean of the yearly values from ${years.base + 1} with the required floor. For lower-is-better indicators (such as PM2.5) both changes are falls, so the ratio is still positive.`,
    methodStatusP3: (years: YearSpan) =>
      `Where the plan gives only an annual growth rate, the ${years.target} level it implies is computed from the baseline and marked as implied. A target still unmet in ${years.target} is at best “needs acceleration”, never “on track”. Indicators whose target is a statement (such as “meet the targets set by the city”) cannot be computed and are honestly shown as “not assessable”.`,
    methodStatusP4: (years: YearSpan) =>
      `The plan itself publishes only the ${years.base} baseline. Until official values for later years are published, every indicator is “not assessable”: Gongping does not invent data.`,
    methodSatisfactionHeading: 'Satisfaction and its interval',
    methodSatisfactionP1:
      'Ratings have five levels: very satisfied (5), satisfied (4), fairly satisfied (3), dissatisfied (2), very dissatisfied (1). Satisfaction is the share of ratings that are “very satisfied” or “satisfied”; dissatisfaction is the share of “dissatisfied” or “very dissatisfied”.',
    methodSatisfactionP2:
      'With few ratings a share is unstable, so every satisfaction figure comes with its 95% interval (the Wilson interval): the range in which the true share plausibly lies given this many ratings. The more ratings, the narrower it gets. Unlike the textbook formula, the Wilson interval never shrinks to a point when there are few ratings or all of them are positive, and never leaves 0–100%.',
    methodRankingHeading: 'Rankings',
    methodRankingP1: (min: number) =>
      `An item with fewer than ${min} ratings still shows its figures but is marked “too few to rank”, so three good ratings cannot put an item at the top.`,
    methodRankingP2: (min: number) =>
      `Rankings use the Bayesian mean: the item’s ratings are averaged together with ${min} “virtual” ratings at the plan-wide mean of the same period. With many ratings the item’s own mean dominates; with few, its score stays near the plan-wide mean.`,
    methodRankingFormula: (min: number) =>
      `ranking score = (${min} × plan-wide mean + sum of the item’s ratings) ÷ (${min} + number of the item’s ratings)`,
    methodRankingP3:
      'Items whose scores are equal (to nine decimals) share a rank, and the next rank is skipped: 1, 2, 2, 4 (competition ranking).',
    methodCountingHeading: 'How ratings are counted',
    methodCountingP1:
      'Each person keeps one rating per item per calendar year (China Standard Time); rating again replaces this year’s rating, and the earlier one is kept as history. No account is needed: the browser receives an anonymous token (a cookie) that contains nothing about the person. Gongping stores no IP address.',
    methodCountingP2:
      'A scheduled job recounts every few minutes, and the pages read what it published, so a new rating appears after the next recount. Comments are published only after moderation, which affects only the comment’s text, never the rating.',
    methodSourceHeading: 'Code and documentation',
    methodSourceP:
      'Progress status: shared/progress/status.ts and docs/status-method.md. Satisfaction, intervals and the Bayesian mean: shared/ratings/statistics.ts. Rankings and publishing: shared/ratings/publish.ts.',
  },
});
