import type { CitizensStanding, Region, UndeterminedReason } from '../shared/verdicts/classify.js';
import { bilingual } from './i18n-area.js';

/**
 * The strings of the two verdicts side by side: the page /verdicts, the line on each indicator's
 * page and the monitors' dashboard list. One area of the
 * dictionary of web/i18n.ts (web/i18n-area.ts).
 */
export const verdictsMessages = bilingual({
  zh: {
    navVerdicts: '两种评价',
    verdictsTitle: '官方进展与群众满意度对照',
    verdictsIntro:
      '每个指标和项目都有两种评价：官方数据算出的进展状态，和群众的满意率。两者一致时放心；不一致时最值得追问——纸面上按进度但群众不满意（纸面进展），或进度落后但群众满意（默默见效）。',
    verdictsMethod: (low: string, high: string, min: number) =>
      `满意率按95%置信区间判断：整个区间不低于 ${high} 算满意，整个区间低于 ${low} 算不满意；区间跨过阈值、评价少于 ${min} 条或官方无法评估的，列为待定。所以少数几条评价不会让任何一项被归类。`,
    verdictsLatest: (year: number, value: string, expected: string | null) =>
      expected === null ? `${year}年 ${value}` : `${year}年 ${value}（按路径应为 ${expected}）`,
    verdictsPercent: (percent: string) => `完成 ${percent}%`,
    verdictsNotYet: '还没有计算结果：评价汇总每隔几分钟运行一次，运行后这里就会显示。',
    verdictsFilterCategory: '类别',
    verdictsFilterYear: '年份',
    verdictsAllYears: '全部年份',
    verdictsYearOption: (year: string) => `${year}年`,
    verdictsProjects: '项目',
    verdictsCounts: '各区域的数量',
    region: (r: Region) =>
      ({
        'paper-progress': '纸面进展',
        'quiet-success': '默默见效',
        'agree-bad': '一致：进展不足',
        'agree-good': '一致：进展良好',
        undetermined: '待定',
      })[r],
    regionExplained: (r: Region) =>
      ({
        'paper-progress': '官方达成或按进度，但群众不满意',
        'quiet-success': '官方进度落后，但群众满意',
        'agree-bad': '官方进度落后，群众也不满意',
        'agree-good': '官方达成或按进度，群众也满意',
        undetermined: '还不能判断',
      })[r],
    undeterminedReason: (r: UndeterminedReason) =>
      ({
        'not-assessable': '官方进展无法评估',
        'too-few-ratings': '评价太少',
        'straddles-threshold': '满意率区间跨过阈值，需要更多评价',
        'between-thresholds': '满意率居中，既不算满意也不算不满意',
      })[r],
    citizensStanding: (s: CitizensStanding) =>
      ({
        satisfied: '满意',
        dissatisfied: '不满意',
        middling: '居中',
        straddling: '尚不确定',
        'too-few': '评价太少',
      })[s],
    verdictsChartCaption: '官方进展（横轴）与满意率（纵轴，竖线为95%区间）',
    verdictsChartLabel: (shown: number) =>
      `散点图：${shown} 个有评价的指标和项目，按官方进展分栏，纵轴为满意率及其95%区间。同样的数据见下表。`,
    verdictsAxisOfficial: '官方进展',
    verdictsAxisSatisfaction: '满意率',
    verdictsBehind: '落后',
    verdictsGood: '达成或按进度',
    verdictsNotAssessable: '无法评估',
    verdictsTableCaption: '每个指标和项目的两种评价',
    verdictsColTarget: '指标或项目',
    verdictsColOfficial: '官方进展',
    verdictsColRatio: '进展比',
    verdictsColSatisfaction: '满意率（95%区间）',
    verdictsColCount: '评价数',
    verdictsColRegion: '对照结果',
    verdictsInterval: (share: string, lower: string, upper: string) => `${share}（区间 ${lower}–${upper}）`,
    verdictsNone: '没有符合条件的指标或项目。',
    verdictsPointTitle: (name: string, official: string, satisfaction: string, region: string) =>
      `${name}：${official}；满意率 ${satisfaction}；${region}`,
    /** The one line on an indicator's page. */
    verdictLineHeading: '两种评价对照',
    verdictLine: (region: string, why: string) => `属于“${region}”：${why}。`,
    verdictLineWhy: (official: string, citizens: string) => `官方为“${official}”，群众评价为“${citizens}”`,
    verdictLineLink: '查看全部对照',
    verdictTrendHeading: '官方数据与群众满意度，逐年',
    verdictTrendCaption: '每年的官方数据、按规划路径应达的数值，以及当年评价的满意率（95%区间）和评价数',
  },
  en: {
    navVerdicts: 'Two verdicts',
    verdictsTitle: 'Official progress and citizens’ satisfaction, side by side',
    verdictsIntro:
      'Every indicator and project has two verdicts: the status computed from the official figures, and how satisfied citizens are. Where they agree, fine; where they disagree is worth asking about — on track on paper while citizens are dissatisfied (paper progress), or behind schedule while citizens are content (quiet success).',
    verdictsMethod: (low: string, high: string, min: number) =>
      `Satisfaction is judged by its 95% interval: an interval wholly at or above ${high} is satisfied, one wholly below ${low} dissatisfied. An interval across a threshold, fewer than ${min} ratings or an official status that cannot be assessed leave a target undetermined — so a handful of ratings classifies nothing.`,
    verdictsLatest: (year: number, value: string, expected: string | null) =>
      expected === null ? `${value} in ${year}` : `${value} in ${year} (the path: ${expected})`,
    verdictsPercent: (percent: string) => `${percent}% complete`,
    verdictsNotYet:
      'Nothing computed yet: the rating aggregation runs every few minutes, and the verdicts appear here after it has.',
    verdictsFilterCategory: 'Category',
    verdictsFilterYear: 'Year',
    verdictsAllYears: 'All years',
    verdictsYearOption: (year: string) => year,
    verdictsProjects: 'Projects',
    verdictsCounts: 'How many in each region',
    region: (r: Region) =>
      ({
        'paper-progress': 'Paper progress',
        'quiet-success': 'Quiet success',
        'agree-bad': 'Agree: not going well',
        'agree-good': 'Agree: going well',
        undetermined: 'Undetermined',
      })[r],
    regionExplained: (r: Region) =>
      ({
        'paper-progress': 'achieved or on track officially, but citizens are dissatisfied',
        'quiet-success': 'behind officially, but citizens are satisfied',
        'agree-bad': 'behind officially, and citizens are dissatisfied',
        'agree-good': 'achieved or on track officially, and citizens are satisfied',
        undetermined: 'cannot be told yet',
      })[r],
    undeterminedReason: (r: UndeterminedReason) =>
      ({
        'not-assessable': 'the official progress cannot be assessed',
        'too-few-ratings': 'too few ratings',
        'straddles-threshold': 'the satisfaction interval crosses a threshold; more ratings are needed',
        'between-thresholds': 'satisfaction is middling, neither satisfied nor dissatisfied',
      })[r],
    citizensStanding: (s: CitizensStanding) =>
      ({
        satisfied: 'satisfied',
        dissatisfied: 'dissatisfied',
        middling: 'middling',
        straddling: 'not yet clear',
        'too-few': 'too few ratings',
      })[s],
    verdictsChartCaption: 'Official progress (across) and satisfaction (up, with its 95% interval as a line)',
    verdictsChartLabel: (shown: number) =>
      `Scatter chart of ${shown} rated indicators and projects, in columns by official progress, with satisfaction and its 95% interval upwards. The table below holds the same data.`,
    verdictsAxisOfficial: 'Official progress',
    verdictsAxisSatisfaction: 'Satisfaction',
    verdictsBehind: 'Behind',
    verdictsGood: 'Achieved or on track',
    verdictsNotAssessable: 'Not assessable',
    verdictsTableCaption: 'The two verdicts on each indicator and project',
    verdictsColTarget: 'Indicator or project',
    verdictsColOfficial: 'Official progress',
    verdictsColRatio: 'Progress ratio',
    verdictsColSatisfaction: 'Satisfaction (95% interval)',
    verdictsColCount: 'Ratings',
    verdictsColRegion: 'Verdicts',
    verdictsInterval: (share: string, lower: string, upper: string) => `${share} (${lower}–${upper})`,
    verdictsNone: 'No indicator or project matches.',
    verdictsPointTitle: (name: string, official: string, satisfaction: string, region: string) =>
      `${name}: ${official}; satisfaction ${satisfaction}; ${region}`,
    verdictLineHeading: 'Two verdicts',
    verdictLine: (region: string, why: string) => `${region}: ${why}.`,
    verdictLineWhy: (official: string, citizens: string) => `officially “${official}”, citizens ${citizens}`,
    verdictLineLink: 'See all verdicts',
    verdictTrendHeading: 'Official value and satisfaction, year by year',
    verdictTrendCaption:
      'Each year’s official value, the value the path to the target reaches, and that year’s satisfaction (95% interval) and number of ratings',
  },
});
