import type {
  AssessmentNote,
  AssessmentReason,
  ProgressMethod,
  ProgressStatus,
} from '../shared/progress/assessment.js';
import type { Attribute, Direction, Measure } from '../shared/plan/schema.js';
import { bilingual, type YearSpan } from './i18n-area.js';

/**
 * How an indicator's status was reached, in words (method, reasons, notes), and the names of the
 * statuses, attributes, directions and measures the status method and the plan use.
 */
export const assessmentMessages = bilingual({
  zh: {
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
    growthValue: (percent: string, atLeast: boolean) =>
      atLeast ? `年均增长不低于 ${percent}%` : `年均增长 ${percent}%`,
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
  },
  en: {
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
    growthValue: (percent: string, atLeast: boolean) =>
      atLeast ? `at least ${percent}% a year` : `${percent}% a year`,
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
        'growth-target-needs-positive-base':
          'The baseline is not above zero, so a growth rate cannot be applied to it.',
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
  },
});
