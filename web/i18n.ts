import type {
  AssessmentNote,
  AssessmentReason,
  ProgressMethod,
  ProgressStatus,
} from '../shared/progress/assessment.js';
import type { Attribute, Direction, Measure, ProjectStatus } from '../shared/plan/schema.js';
import type { CommentStatus } from '../shared/feedback/rating.js';
import { mineEn, mineZh } from './i18n-mine.js';
import { evaluationEn, evaluationZh } from './i18n-evaluation.js';
import { plansEn, plansZh } from './i18n-plans.js';
import { verdictsEn, verdictsZh } from './i18n-verdicts.js';

/**
 * Every string a citizen sees, in Chinese (the default) and English. `en` is typed as the shape of
 * `zh`, so a key missing from either, or a message function with other parameters, fails the
 * typecheck. Plan data (names, units, boxes) is not here: it comes with the plan, in both languages
 * where the plan has them.
 */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

type Level = 1 | 2 | 3 | 4 | 5;

/**
 * The years a sentence speaks of, from the plan shown (its baseline year and the end of its
 * period) or from one indicator (its baseline year and target year): no plan's years are written here.
 */
export interface YearSpan {
  base: number;
  target: number;
}

const zh = {
  siteName: '共评',
  siteTagline: '规划进展与群众评价',
  skipToContent: '跳到正文',
  sampleDataBanner: '示例数据 · 本站所有数字、评价和留言均为演示生成的虚构数据，不是官方统计，也不是真实市民的意见。',
  navLabel: '主导航',
  navHome: '概览',
  navIndicators: '指标',
  navProjects: '项目',
  navMethod: '计算方法',
  settingsLabel: '显示设置',
  otherLanguage: 'English',
  otherLanguageLabel: 'Switch to English',
  elderMode: '大字模式',
  elderModeHint: '适老模式：更大的字号、更高的对比度',
  footerAbout: '共评公开规划指标与项目的进展，并接受群众对每一项的满意度评价和留言。无需注册，不记录 IP 地址。',
  footerMethod: '状态和满意率如何计算',
  footerLinksLabel: '开放数据与订阅',
  footerOpenData: '开放数据（CSV、JSON 下载）',
  footerApiDocs: '接口说明（API）',
  footerPlanFeed: '订阅全部更新（Atom）',
  footerPageFeed: '订阅本项更新（Atom）',
  footerPlanData: '规划原文数据（plan.json，注明原文件及其 SHA-256）',
  feedTitlePlan: '共评：全部指标和项目的更新',
  feedTitleTarget: (name: string) => `共评：${name}的更新`,
  pageTitle: (title: string) => `${title} · 共评`,

  // Home
  homeTitle: '规划概览',
  homeIntro: (indicators: number, projects: number) =>
    `本规划共有 ${indicators} 项主要指标和 ${projects} 个重点项目。每项指标的状态按公开的方法由官方数据计算；满意度来自群众评价。`,
  homeStatusHeading: '指标进展',
  homeStatusCaption: '各类别指标按进展状态的数量',
  homeCategory: '类别',
  homeTotal: '合计',
  homeAllCategories: '全部指标',
  categoryCounts: (indicators: number, binding: number) => `${indicators} 项指标，其中约束性 ${binding} 项`,
  homeNoData: (baseYear: number) =>
    `目前规划只公布了 ${baseYear} 年基期值，尚无后续年度的官方数据，因此各项指标暂时“无法评估”。数据公布后状态会自动更新。`,
  homeSatisfactionHeading: '总体满意度',
  homeLeastHeading: '满意度最低的事项',
  homeLeastIntro: (min: number) => `只列出评价数不少于 ${min} 条的事项，按贝叶斯平均分从低到高排列。`,
  homeLeastNone: (min: number) => `还没有哪一项的评价数达到 ${min} 条，暂不排名。`,
  homeBrowseIndicators: '查看全部指标',
  homeBrowseProjects: '查看全部项目',
  homeProjectsHeading: '重点项目',
  homeProjectsSummary: (total: number) => `共 ${total} 个项目，按项目状态：`,

  // Lists and filters
  indicatorsTitle: '主要指标',
  indicatorsIntro: '规划“专栏3”中的全部主要指标。可按类别、属性、状态筛选，或按中文、英文名称搜索。',
  projectsTitle: '重点项目',
  projectsIntro: '规划各专栏列出的重点项目和举措。可按专栏、状态筛选，或按名称搜索。',
  filterHeading: '筛选',
  filterCategory: '类别',
  filterAttribute: '属性',
  filterStatus: '状态',
  filterBox: '专栏',
  filterAll: '全部',
  filterSearch: '搜索名称',
  filterSearchHint: '中文或英文名称中的任意文字',
  filterApply: '筛选',
  filterReset: '清除筛选',
  resultCount: (n: number, total: number) => `显示 ${n} 项，共 ${total} 项`,
  noResults: '没有符合条件的项目。请放宽筛选条件。',
  boxLabel: (box: number) => `专栏${box}`,

  // Indicator fields
  baseline: (year: number) => `基期值（${year}年）`,
  latest: '最新值',
  target: (year: number) => `目标值（${year}年）`,
  growthTarget: '年均增速目标',
  stretchTarget: '奋斗目标',
  status: '状态',
  satisfaction: '满意率',
  attribute: '属性',
  direction: '方向',
  measure: '指标类型',
  unit: '单位',
  category: '类别',
  source: '出处',
  sourceRow: (box: string, row: number) => `${box} 第 ${row} 行`,
  sourceFootnote: (box: string, footnote: number) => `${box} 注${footnote}`,
  notGiven: '未给出',
  noValueYet: '暂无',
  valueInYear: (value: string, year: number) => `${value}（${year}年）`,
  impliedMark: '（由增速推算）',

  // Indicator detail
  backToIndicators: '返回指标列表',
  backToProjects: '返回项目列表',
  indicatorSeq: (seq: number) => `第 ${seq} 项指标`,
  statusHeading: '进展状态',
  howComputed: '状态是怎样算出来的',
  chartHeading: '历史与目标',
  chartLabel: (name: string, year: number) => `${name}：历史值、官方年度数据、所需路径和${year}年目标的折线图`,
  tableHeading: '数据表',
  tableUnitCaption: (unit: string) => `数据表（单位：${unit}）`,
  tableCaption: (name: string, unit: string) => `${name}（${unit}）：各年数值`,
  colYear: '年份',
  colHistory: '上一规划期实际值（专栏1）',
  colObserved: '官方年度数据',
  colPath: '所需路径',
  colTarget: (year: number) => `${year}年目标`,
  seriesHistory: (row: string) => `上一规划期实际值：${row}`,
  seriesObserved: '官方年度数据',
  seriesPath: '达到目标所需的路径',
  seriesFloor: '每年需达到的增速',
  seriesTarget: (year: number) => `${year}年目标`,
  seriesImpliedTarget: (year: number) => `${year}年目标（由年均增速推算）`,
  seriesStretch: '奋斗目标',
  chartSummaryHistory: (row: string, values: string) => `上一规划期（${row}）：${values}。`,
  chartSummaryObservedNone: (baseYear: number) => `${baseYear}年以后尚无官方年度数据。`,
  chartSummaryObserved: (list: string) => `官方年度数据：${list}。`,
  chartSummaryTarget: (value: string, year: number) => `${year}年目标 ${value}。`,
  chartSummaryImpliedTarget: (value: string, year: number) =>
    `按年均增速推算，${year}年应达到 ${value}（规划未直接公布此数）。`,
  chartSummaryQualitative: (text: string, year: number) => `${year}年目标为文字表述：“${text}”，无法画在图上。`,
  chartSummaryNoTarget: (year: number) => `规划没有给出${year}年的数值目标。`,
  chartSummaryStretch: (value: string) => `奋斗目标 ${value}。`,
  chartSummaryStretchText: (raw: string) =>
    `奋斗目标：“${raw}”。这是一个金额，而本指标是增长率，两者不能画在同一坐标上，因此只以文字列出。`,
  chartSummaryPath: (from: string, to: string) => `所需路径从 ${from} 到 ${to}。`,
  chartSummaryFloor: (floor: string) => `每年增速需达到 ${floor}。`,
  historyOtherUnit: (unit: string) => `单位为“${unit}”，与本指标不同，未画入图中`,
  revisionsHeading: '数据修订记录',
  revisionsIntro: '官方数据只追加、不覆盖：更正会作为新的修订保存，并说明原因。',
  colRevision: '修订',
  colValue: '数值',
  colRecordedAt: '记录时间',
  colReason: '原因',
  colSource: '来源',

  // Assessment in words
  methodName: (m: ProgressMethod, years: YearSpan) =>
    ({
      compound: '复合增长法：比较实际与所需的年均增长率',
      linear: '线性法：比较实际与所需的每年变化量',
      'percentage-point': '百分点法：比较实际与所需的每年百分点变化',
      'annual-floor': `年度下限法：比较${years.base + 1}年起各年增速的平均值与规定下限`,
    })[m],
  explainMethod: '方法',
  explainBase: '起点',
  explainTarget: '目标',
  explainLatest: '最新数据',
  explainRequired: '每年所需',
  explainObserved: '每年实际',
  explainRatio: '实际 ÷ 所需',
  explainExpected: '按路径此时应达到',
  explainReason: '结论',
  explainNotes: '说明',
  baseSource: (s: 'baseline' | 'first-observation' | 'cumulative-zero') =>
    ({
      baseline: '规划公布的基期值',
      'first-observation': '规划未给基期值，取最早的官方数据',
      'cumulative-zero': '累计指标，从零起算',
    })[s],
  perYearPercent: (pct: string) => `${pct}% / 年`,
  perYearUnits: (value: string) => `${value} / 年`,
  perYearPoints: (value: string) => `${value} 个百分点 / 年`,
  growthValue: (percent: string, atLeast: boolean) => (atLeast ? `年均增长不低于 ${percent}%` : `年均增长 ${percent}%`),
  floorPercent: (pct: string) => `不低于 ${pct}%`,
  meanPercent: (pct: string) => `平均 ${pct}%`,
  ratioBands: '≥ 0.95 进展顺利；0.60–0.95 需加快；0–0.60 进展有限；小于 0 为倒退。',
  reason: (r: AssessmentReason, years: YearSpan) =>
    ({
      'qualitative-target': '目标为文字表述（如“完成市下达目标”），没有数值，无法计算进展。',
      'missing-target': '规划没有给出数值目标或增速，无法计算进展。',
      'no-base': '没有基期值，官方数据也不足两年，无法确定起点。',
      'no-observation-after-base': `${years.base}年以后尚无官方数据，暂时无法评估。`,
      'growth-target-needs-positive-base': '基期值不大于零，无法按增长率推算目标。',
      'target-met': '最新数据已达到目标。',
      'maintain-missed': '目标要求保持不低于基期水平，而最新数据未能保持。',
      'floor-missed': '各年平均增速未达到规定的下限。',
      'floor-met': '各年平均增速已达到规定的下限，但规划期尚未结束。',
      ratio: '按实际与所需之比划分状态。',
      'ratio-capped-at-target-year': `已到${years.target}年而目标未完成，即使比值达到0.95也不算“进展顺利”，最多为“需加快”。`,
    })[r],
  note: (n: AssessmentNote, years: YearSpan) =>
    ({
      'duplicate-years-last-wins': '同一年有多条数据，使用了最后一条。',
      'invalid-observations-ignored': '有无效数据被忽略。',
      'observations-outside-period-ignored': `${years.base}年以前或${years.target}年以后的数据不参与计算。`,
      'baseline-year-observation-differs': `${years.base}年的官方数据与规划公布的基期值不同，以规划为准。`,
      'linear-fallback-non-positive-base': '基期值不大于零，改用线性法。',
      'linear-fallback-non-positive-target': '目标值不大于零，改用线性法。',
      'observed-value-not-positive': '最新值不大于零，实际增长率按 −100% 计。',
      'no-improvement-required': '目标不要求超过基期水平，只要求保持。',
    })[n],
  growthCheck: (required: string, observed: string | null, met: boolean | null) =>
    observed === null
      ? `规划另要求年均增长 ${required}%，尚无数据可核对。`
      : `规划另要求年均增长 ${required}%，实际为 ${observed}%，${met ? '已达到' : '未达到'}。`,

  // Ratings
  ratingsHeading: '群众评价',
  ratingsCount: (n: number) => `${n} 条评价`,
  ratingsNone: '还没有人评价。欢迎成为第一个评价的人。',
  noRatingsShort: '暂无评价',
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
  errNotPerson: '这次提交没有被接受：看起来不像是人工填写的。请确认您的选择，稍等片刻后再提交一次。',
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

  // Projects
  projectStatus: (s: ProjectStatus) =>
    ({ not_started: '未开工', in_progress: '在建', completed: '已完成', unknown: '未报告' })[s],
  projectStatusNote: '规划本身没有给出项目进度；在责任单位报告之前，状态为“未报告”。',
  progress: '进度',
  progressValue: (pct: number) => `${pct}%`,
  goalsHeading: '量化目标',
  goalsNone: '规划没有给出这个项目的量化目标。',
  colGoal: '内容',
  colGoalValue: '目标',
  colGoalYear: '年份',
  colGoalRaw: '原文',
  area: '领域',
  box: '专栏',
  planText: '规划原文',
  projectFacts: '项目信息',

  // Vocabularies
  statusName: (s: ProgressStatus) =>
    ({
      achieved: '已实现',
      on_track: '进展顺利',
      needs_acceleration: '需加快',
      limited_progress: '进展有限',
      deteriorating: '倒退',
      not_assessable: '无法评估',
    })[s],
  attributeName: (a: Attribute) => ({ expected: '预期性', binding: '约束性' })[a],
  directionName: (d: Direction) => ({ higher: '越高越好', lower: '越低越好' })[d],
  measureName: (m: Measure) => ({ level: '总量或水平', share: '比重', rate: '年度增速', cumulative: '累计数' })[m],

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

  // Errors
  notFoundTitle: '没有找到这个页面',
  notFoundBody: '地址可能有误，或者这一项已不存在。',
  errorTitle: '出了点问题',
  errorBody: '这是我们这边的问题，请稍后再试。',
  goHome: '返回概览',
  yes: '是',
  no: '否',

  // The citizen's own page, and what a submission tells about masking and cases (web/i18n-mine.ts)
  ...mineZh,
  // A plan's final evaluation (web/i18n-evaluation.ts)
  ...evaluationZh,
  ...plansZh,
  ...verdictsZh,
};

/** The shape every language must have: the same keys, the same message parameters. */
export type Messages = { [K in keyof typeof zh]: (typeof zh)[K] };

const en: Messages = {
  siteName: 'Gongping',
  siteTagline: 'Plans: progress and citizens’ verdict',
  skipToContent: 'Skip to content',
  sampleDataBanner:
    'Sample data · every figure, rating and comment on this site is invented for a demonstration: none is an official figure or a real citizen’s view.',
  navLabel: 'Main',
  navHome: 'Overview',
  navIndicators: 'Indicators',
  navProjects: 'Projects',
  navMethod: 'Method',
  settingsLabel: 'Display settings',
  otherLanguage: '中文',
  otherLanguageLabel: '切换到中文',
  elderMode: 'Large text',
  elderModeHint: 'Elder-friendly mode: larger text, higher contrast',
  footerAbout:
    'Gongping publishes how each indicator and project of the plan is going, and lets citizens rate and comment on each. No account needed; no IP address is stored.',
  footerMethod: 'How statuses and satisfaction are computed',
  footerLinksLabel: 'Open data and feeds',
  footerOpenData: 'Open data (CSV and JSON downloads)',
  footerApiDocs: 'API reference',
  footerPlanFeed: 'All updates (Atom feed)',
  footerPageFeed: 'Updates on this item (Atom feed)',
  footerPlanData: 'The plan as data (plan.json, naming the source document and its SHA-256)',
  feedTitlePlan: 'Gongping: updates on every indicator and project',
  feedTitleTarget: (name: string) => `Gongping: updates on ${name}`,
  pageTitle: (title: string) => `${title} · Gongping`,

  homeTitle: 'The plan at a glance',
  homeIntro: (indicators: number, projects: number) =>
    `The plan has ${indicators} main indicators and ${projects} key projects. Each indicator’s status is computed from official data by a published method; satisfaction comes from citizens’ ratings.`,
  homeStatusHeading: 'Progress of the indicators',
  homeStatusCaption: 'Indicators by category and progress status',
  homeCategory: 'Category',
  homeTotal: 'Total',
  homeAllCategories: 'All indicators',
  categoryCounts: (indicators: number, binding: number) =>
    `${indicators} indicator${indicators === 1 ? '' : 's'}, ${binding} binding`,
  homeNoData: (baseYear: number) =>
    `So far the plan publishes only the ${baseYear} baseline and no official value for a later year, so every indicator is “not assessable” for now. Statuses update as soon as values are published.`,
  homeSatisfactionHeading: 'Overall satisfaction',
  homeLeastHeading: 'Least satisfied',
  homeLeastIntro: (min: number) => `Only items with at least ${min} ratings, lowest Bayesian mean first.`,
  homeLeastNone: (min: number) => `No item has ${min} ratings yet, so nothing is ranked.`,
  homeBrowseIndicators: 'All indicators',
  homeBrowseProjects: 'All projects',
  homeProjectsHeading: 'Key projects',
  homeProjectsSummary: (total: number) => `${total} projects, by status:`,

  indicatorsTitle: 'Main indicators',
  indicatorsIntro:
    'Every main indicator of the plan (box 3). Filter by category, attribute or status, or search by Chinese or English name.',
  projectsTitle: 'Key projects',
  projectsIntro:
    'The key projects and measures listed in the plan’s boxes. Filter by box or status, or search by name.',
  filterHeading: 'Filter',
  filterCategory: 'Category',
  filterAttribute: 'Attribute',
  filterStatus: 'Status',
  filterBox: 'Box',
  filterAll: 'All',
  filterSearch: 'Search names',
  filterSearchHint: 'Any part of the Chinese or English name',
  filterApply: 'Apply',
  filterReset: 'Clear filters',
  resultCount: (n: number, total: number) => `Showing ${n} of ${total}`,
  noResults: 'Nothing matches. Try fewer filters.',
  boxLabel: (box: number) => `Box ${box}`,

  baseline: (year: number) => `Baseline (${year})`,
  latest: 'Latest value',
  target: (year: number) => `Target (${year})`,
  growthTarget: 'Annual growth target',
  stretchTarget: 'Stretch goal',
  status: 'Status',
  satisfaction: 'Satisfaction',
  attribute: 'Attribute',
  direction: 'Direction',
  measure: 'Kind of quantity',
  unit: 'Unit',
  category: 'Category',
  source: 'Source',
  sourceRow: (box: string, row: number) => `${box}, row ${row}`,
  sourceFootnote: (box: string, footnote: number) => `${box}, note ${footnote}`,
  notGiven: 'not given',
  noValueYet: 'none yet',
  valueInYear: (value: string, year: number) => `${value} (${year})`,
  impliedMark: ' (implied by the growth rate)',

  backToIndicators: 'Back to the indicators',
  backToProjects: 'Back to the projects',
  indicatorSeq: (seq: number) => `Indicator ${seq}`,
  statusHeading: 'Progress status',
  howComputed: 'How this status was computed',
  chartHeading: 'History and target',
  chartLabel: (name: string, year: number) =>
    `${name}: line chart of past values, official yearly values, the required path and the ${year} target`,
  tableHeading: 'Data table',
  tableUnitCaption: (unit: string) => `Data table (unit: ${unit})`,
  tableCaption: (name: string, unit: string) => `${name} (${unit}): values by year`,
  colYear: 'Year',
  colHistory: 'Previous plan’s actual (box 1)',
  colObserved: 'Official value',
  colPath: 'Required path',
  colTarget: (year: number) => `${year} target`,
  seriesHistory: (row: string) => `Previous plan’s actual: ${row}`,
  seriesObserved: 'Official yearly values',
  seriesPath: 'Path required to reach the target',
  seriesFloor: 'Yearly rate required',
  seriesTarget: (year: number) => `${year} target`,
  seriesImpliedTarget: (year: number) => `${year} target (implied by the growth rate)`,
  seriesStretch: 'Stretch goal',
  chartSummaryHistory: (row: string, values: string) => `In the previous plan (${row}): ${values}.`,
  chartSummaryObservedNone: (baseYear: number) => `No official value after ${baseYear} yet.`,
  chartSummaryObserved: (list: string) => `Official values: ${list}.`,
  chartSummaryTarget: (value: string, year: number) => `${year} target: ${value}.`,
  chartSummaryImpliedTarget: (value: string, year: number) =>
    `At the annual growth rate, ${year} should reach ${value} (the plan does not state this figure).`,
  chartSummaryQualitative: (text: string, year: number) =>
    `The ${year} target is a statement, “${text}”, which cannot be plotted.`,
  chartSummaryNoTarget: (year: number) => `The plan gives no numeric ${year} target.`,
  chartSummaryStretch: (value: string) => `Stretch goal: ${value}.`,
  chartSummaryStretchText: (raw: string) =>
    `Stretch goal: “${raw}”. It is an amount, while this indicator is a growth rate, so the two cannot share an axis; it is listed here as text only.`,
  chartSummaryPath: (from: string, to: string) => `The required path runs from ${from} to ${to}.`,
  chartSummaryFloor: (floor: string) => `Each year’s rate should reach ${floor}.`,
  historyOtherUnit: (unit: string) => `in “${unit}”, not this indicator’s unit, so not plotted`,
  revisionsHeading: 'Revisions of the data',
  revisionsIntro:
    'Official values are appended, never overwritten: a correction is kept as a new revision with its reason.',
  colRevision: 'Revision',
  colValue: 'Value',
  colRecordedAt: 'Recorded',
  colReason: 'Reason',
  colSource: 'Source',

  methodName: (m: ProgressMethod, years: YearSpan) =>
    ({
      compound: 'Compound growth: observed against required average annual growth',
      linear: 'Linear: observed against required change per year',
      'percentage-point': 'Percentage points: observed against required change in points per year',
      'annual-floor': `Yearly floor: the mean of the yearly rates from ${years.base + 1} against the required floor`,
    })[m],
  explainMethod: 'Method',
  explainBase: 'Starting point',
  explainTarget: 'Target',
  explainLatest: 'Latest value',
  explainRequired: 'Required per year',
  explainObserved: 'Observed per year',
  explainRatio: 'Observed ÷ required',
  explainExpected: 'Expected by now on the path',
  explainReason: 'Verdict',
  explainNotes: 'Notes',
  baseSource: (s: 'baseline' | 'first-observation' | 'cumulative-zero') =>
    ({
      baseline: 'the plan’s baseline',
      'first-observation': 'no baseline in the plan: the earliest official value',
      'cumulative-zero': 'a running total, counted from zero',
    })[s],
  perYearPercent: (pct: string) => `${pct}% a year`,
  perYearUnits: (value: string) => `${value} a year`,
  perYearPoints: (value: string) => `${value} percentage points a year`,
  growthValue: (percent: string, atLeast: boolean) => (atLeast ? `at least ${percent}% a year` : `${percent}% a year`),
  floorPercent: (pct: string) => `at least ${pct}%`,
  meanPercent: (pct: string) => `${pct}% on average`,
  ratioBands: '≥ 0.95 on track; 0.60–0.95 needs acceleration; 0–0.60 limited progress; below 0 deteriorating.',
  reason: (r: AssessmentReason, years: YearSpan) =>
    ({
      'qualitative-target':
        'The target is a statement (such as “meet the targets set by the city”), not a number, so progress cannot be computed.',
      'missing-target': 'The plan gives neither a numeric target nor a growth rate, so progress cannot be computed.',
      'no-base': 'There is no baseline and fewer than two official values, so there is no starting point.',
      'no-observation-after-base': `No official value after ${years.base} yet, so it cannot be assessed for now.`,
      'growth-target-needs-positive-base': 'The baseline is not above zero, so a growth rate cannot be applied to it.',
      'target-met': 'The latest value meets the target.',
      'maintain-missed': 'The target asks to hold the baseline level, and the latest value falls short of it.',
      'floor-missed': 'The mean yearly rate misses the required floor.',
      'floor-met': 'The mean yearly rate meets the required floor so far; the plan period is not over.',
      ratio: 'The status comes from the ratio of observed to required change.',
      'ratio-capped-at-target-year': `It is ${years.target} and the target is not met: even a ratio of 0.95 or more counts as “needs acceleration” at best.`,
    })[r],
  note: (n: AssessmentNote, years: YearSpan) =>
    ({
      'duplicate-years-last-wins': 'A year had several values; the last one was used.',
      'invalid-observations-ignored': 'Invalid values were ignored.',
      'observations-outside-period-ignored': `Values before ${years.base} or after ${years.target} are not used.`,
      'baseline-year-observation-differs': `The official ${years.base} value differs from the plan’s baseline; the plan’s figure is used.`,
      'linear-fallback-non-positive-base': 'The baseline is not above zero, so the linear method is used.',
      'linear-fallback-non-positive-target': 'The target is not above zero, so the linear method is used.',
      'observed-value-not-positive': 'The latest value is not above zero; the observed rate counts as −100%.',
      'no-improvement-required': 'The target asks only to hold the baseline level, not to improve on it.',
    })[n],
  growthCheck: (required: string, observed: string | null, met: boolean | null) =>
    observed === null
      ? `The plan also asks for annual growth of ${required}%; there is no value to check it against yet.`
      : `The plan also asks for annual growth of ${required}%; observed ${observed}%, ${met ? 'met' : 'not met'}.`,

  ratingsHeading: 'Citizens’ ratings',
  ratingsCount: (n: number) => (n === 1 ? '1 rating' : `${n} ratings`),
  ratingsNone: 'Nobody has rated this yet. Be the first.',
  noRatingsShort: 'No ratings yet',
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
  commentUnderReviewNote: 'Citizens flagged this comment and a moderator is reviewing it; it stays visible meanwhile.',
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
  errNotPerson:
    'This submission was not accepted: it did not look like it was filled in by a person. Please check your choice, wait a moment and submit again.',
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

  projectStatus: (s: ProjectStatus) =>
    ({ not_started: 'Not started', in_progress: 'In progress', completed: 'Completed', unknown: 'Not reported' })[s],
  projectStatusNote:
    'The plan gives no project progress; until the responsible office reports it, the status is “not reported”.',
  progress: 'Progress',
  progressValue: (pct: number) => `${pct}%`,
  goalsHeading: 'Numeric goals',
  goalsNone: 'The plan gives no numeric goal for this project.',
  colGoal: 'Goal',
  colGoalValue: 'Target',
  colGoalYear: 'Year',
  colGoalRaw: 'Plan text',
  area: 'Area',
  box: 'Box',
  planText: 'Plan text',
  projectFacts: 'About the project',

  statusName: (s: ProgressStatus) =>
    ({
      achieved: 'Achieved',
      on_track: 'On track',
      needs_acceleration: 'Needs acceleration',
      limited_progress: 'Limited progress',
      deteriorating: 'Deteriorating',
      not_assessable: 'Not assessable',
    })[s],
  attributeName: (a: Attribute) => ({ expected: 'Expected', binding: 'Binding' })[a],
  directionName: (d: Direction) => ({ higher: 'Higher is better', lower: 'Lower is better' })[d],
  measureName: (m: Measure) =>
    ({ level: 'Level', share: 'Share', rate: 'Yearly rate', cumulative: 'Running total' })[m],

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

  notFoundTitle: 'Page not found',
  notFoundBody: 'The address may be wrong, or the item no longer exists.',
  errorTitle: 'Something went wrong',
  errorBody: 'The fault is ours. Please try again in a moment.',
  goHome: 'Back to the overview',
  yes: 'Yes',
  no: 'No',

  ...mineEn,
  ...evaluationEn,
  ...plansEn,
  ...verdictsEn,
};

const DICTIONARIES: Record<Lang, Messages> = { 'zh-CN': zh, en };

export const messages = (lang: Lang): Messages => DICTIONARIES[lang];

/** Every message key: the same list for each language (the type says so; the unit test checks the values). */
export const MESSAGE_KEYS = Object.keys(zh) as Array<keyof Messages>;

export const isLang = (value: unknown): value is Lang =>
  typeof value === 'string' && (LANGS as readonly string[]).includes(value);

/**
 * The language of a request: the `lang` cookie if it names one of ours, else the first language of
 * Accept-Language (by q) that we speak, else Chinese.
 */
export function negotiateLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(cookie)) return cookie;
  if (!acceptLanguage) return DEFAULT_LANG;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return DEFAULT_LANG;
}
