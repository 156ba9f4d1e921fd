import type { Verdict, VerdictReason, StretchReason } from '../shared/evaluation/indicators.js';
import { bilingual } from './i18n-area.js';

/** The reasons a verdict is "not assessable", each explained on the page. */
export const NOT_ASSESSABLE_REASONS = [
  'no-final-value',
  'qualitative-target',
  'missing-target',
  'no-base',
  'growth-target-needs-positive-base',
] as const satisfies readonly VerdictReason[];
export type NotAssessableReason = (typeof NOT_ASSESSABLE_REASONS)[number];
export const explainsNotAssessable = (r: VerdictReason): r is NotAssessableReason =>
  (NOT_ASSESSABLE_REASONS as readonly string[]).includes(r);

/**
 * The strings of a plan's final evaluation page (/plans/{planId}/evaluation). One area of the dictionary
 * of web/i18n.ts.
 */
export const evaluationMessages = bilingual({
  zh: {
    evaluationTitle: '规划终期评估',
    evaluationNav: '终期评估',
    evaluationIntro: (start: number, end: number) =>
      `${start}–${end} 年规划期结束时，每项主要指标的最后一个官方数值与规划目标的对比，重点项目的最终状态，以及群众评价。判定规则与进度状态相同，见“计算方法”。`,
    evaluationProvisional: (end: number) =>
      `规划期到 ${end} 年才结束，本评估为阶段性评估：数值和判定都可能随新数据改变。`,
    evaluationFinal: (asOf: string) => `规划期已结束。本评估依据 ${asOf} 时已公布的数据；数据修订后会随之更新。`,
    evaluationSummaryHeading: '总体情况',
    evaluationVerdict: (v: Verdict) => ({ achieved: '已实现', not_achieved: '未实现', not_assessable: '无法评估' })[v],
    evaluationCountsCaption: '按类别和属性统计的指标实现情况',
    evaluationAllIndicators: '全部指标',
    evaluationColGroup: '分组',
    evaluationColTotal: '指标数',
    evaluationIndicatorsHeading: '逐项指标',
    evaluationIndicatorsCaption: '每项指标的最终值、目标、判定和差距',
    evaluationColIndicator: '指标',
    evaluationColFinal: '最终值',
    evaluationColTarget: '目标',
    evaluationColVerdict: '判定',
    evaluationColGap: '差距',
    evaluationColStretch: '奋斗目标',
    evaluationNoFinalValue: '无最终值',
    evaluationFinalYear: (year: number) => `${year} 年`,
    evaluationTargetYearMissing: (year: number) => `${year} 年数值未公布`,
    evaluationPeriodMean: (mean: string) => `期间年均 ${mean}`,
    evaluationImplied: (rate: string) => `按年均增长 ${rate} 推算`,
    evaluationFloor: '每年不低于',
    evaluationGapBeyond: (gap: string) => `超出 ${gap}`,
    evaluationGapShort: (gap: string) => `差 ${gap}`,
    evaluationGapOn: '恰好达到',
    evaluationPoints: (value: string) => `${value} 个百分点`,
    evaluationGrowth: (observed: string, required: string) => `年均增长 ${observed}（目标 ${required}）`,
    evaluationReason: (r: NotAssessableReason): string =>
      ({
        'no-final-value': '规划期内没有公布数值',
        'qualitative-target': '目标为定性表述，无法用数值判定',
        'missing-target': '规划没有给出数值目标',
        'no-base': '缺少基期值，且数值不足以替代',
        'growth-target-needs-positive-base': '基期值不为正，无法按增长率推算',
      })[r],
    evaluationStretch: (v: Verdict, reason: StretchReason): string =>
      reason === 'different-quantity'
        ? '衡量的是另一个量，无法用本指标判定'
        : ({ achieved: '已实现', not_achieved: '未实现', not_assessable: '无最终值' } as const)[v],
    evaluationProjectsHeading: '重点项目的最终状态',
    evaluationProjectsCaption: '按最后一次报告的状态统计的项目数',
    evaluationColStatus: '状态',
    evaluationColProjects: '项目数',
    evaluationCitizensHeading: '群众评价',
    evaluationRatingsNone: '规划期内没有群众评价。',
    evaluationRatings: (count: number) => `整个规划期共 ${count} 条评价。`,
    evaluationCasesHeading: '差评办理',
    evaluationCasesCaption: '差评案件的办理情况',
    evaluationCasesOnTime: '按期答复',
    evaluationCasesLate: '超期答复',
    evaluationCasesOverdue: '未答复，已超期',
    evaluationCasesWithin: '未答复，尚在期限内',
    evaluationCasesClosedUnanswered: '未答复即办结',
    evaluationCasesTotal: '差评案件总数',
    evaluationCasesSatisfied: (satisfied: number, unsatisfied: number) =>
      `群众对答复表示满意 ${satisfied} 件，不满意 ${unsatisfied} 件。`,
    evaluationDownload: '下载 CSV',
    evaluationPrint: '打印本页（每项指标一行，页码在页脚）。',
  },
  en: {
    evaluationTitle: 'Final evaluation of the plan',
    evaluationNav: 'Final evaluation',
    evaluationIntro: (start: number, end: number) =>
      `At the end of the ${start}–${end} plan period: each main indicator’s last official value against its target, the projects’ final status, and what citizens said. The rules are those of the progress status, described under “Method”.`,
    evaluationProvisional: (end: number) =>
      `The plan runs until ${end}, so this evaluation is provisional: values and verdicts may change as data come in.`,
    evaluationFinal: (asOf: string) =>
      `The plan period has ended. This evaluation uses the data published as of ${asOf}; it follows any revision.`,
    evaluationSummaryHeading: 'Overview',
    evaluationVerdict: (v: Verdict) =>
      ({ achieved: 'Achieved', not_achieved: 'Not achieved', not_assessable: 'Not assessable' })[v],
    evaluationCountsCaption: 'Indicators achieved, by category and attribute',
    evaluationAllIndicators: 'All indicators',
    evaluationColGroup: 'Group',
    evaluationColTotal: 'Indicators',
    evaluationIndicatorsHeading: 'Indicator by indicator',
    evaluationIndicatorsCaption: 'Each indicator’s final value, target, verdict and gap',
    evaluationColIndicator: 'Indicator',
    evaluationColFinal: 'Final value',
    evaluationColTarget: 'Target',
    evaluationColVerdict: 'Verdict',
    evaluationColGap: 'Gap',
    evaluationColStretch: 'Stretch goal',
    evaluationNoFinalValue: 'No final value',
    evaluationFinalYear: (year: number) => `${year}`,
    evaluationTargetYearMissing: (year: number) => `no value published for ${year}`,
    evaluationPeriodMean: (mean: string) => `period mean ${mean}`,
    evaluationImplied: (rate: string) => `implied by ${rate} a year`,
    evaluationFloor: 'each year at least',
    evaluationGapBeyond: (gap: string) => `${gap} beyond`,
    evaluationGapShort: (gap: string) => `${gap} short`,
    evaluationGapOn: 'exactly met',
    evaluationPoints: (value: string) => `${value} pp`,
    evaluationGrowth: (observed: string, required: string) => `growth ${observed} a year (target ${required})`,
    evaluationReason: (r: NotAssessableReason): string =>
      ({
        'no-final-value': 'no value published in the plan period',
        'qualitative-target': 'the target is a statement, not a number',
        'missing-target': 'the plan gives no numeric target',
        'no-base': 'no baseline, and too few values to take one from',
        'growth-target-needs-positive-base': 'a growth rate cannot apply to a baseline of zero or less',
      })[r],
    evaluationStretch: (v: Verdict, reason: StretchReason) =>
      reason === 'different-quantity'
        ? 'measures another quantity; not judged by this indicator'
        : ({ achieved: 'Achieved', not_achieved: 'Not achieved', not_assessable: 'No final value' } as const)[v],
    evaluationProjectsHeading: 'Projects at the end',
    evaluationProjectsCaption: 'Projects by their last reported status',
    evaluationColStatus: 'Status',
    evaluationColProjects: 'Projects',
    evaluationCitizensHeading: 'What citizens said',
    evaluationRatingsNone: 'No citizen rated the plan during its period.',
    evaluationRatings: (count: number) => `${count} rating${count === 1 ? '' : 's'} over the whole period.`,
    evaluationCasesHeading: 'How complaints were handled',
    evaluationCasesCaption: 'Cases opened by dissatisfied ratings',
    evaluationCasesOnTime: 'Answered on time',
    evaluationCasesLate: 'Answered late',
    evaluationCasesOverdue: 'Not answered, overdue',
    evaluationCasesWithin: 'Not answered, within the deadline',
    evaluationCasesClosedUnanswered: 'Closed without an answer',
    evaluationCasesTotal: 'All cases',
    evaluationCasesSatisfied: (satisfied: number, unsatisfied: number) =>
      `Citizens were satisfied with ${satisfied} answer${satisfied === 1 ? '' : 's'} and dissatisfied with ${unsatisfied}.`,
    evaluationDownload: 'Download CSV',
    evaluationPrint: 'Print this page (one indicator per row, page numbers in the footer).',
  },
});
