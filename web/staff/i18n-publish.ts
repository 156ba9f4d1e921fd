import { csvReasonEn, type CsvReason } from '../../shared/publishing/csv.js';
import { targetKind } from '../../shared/feedback/target-kinds.js';
import type { ProjectStatus } from '../../shared/plan/schema.js';
import { bilingual } from '../i18n-area.js';

/**
 * Publishing: a yearly indicator value, a project's progress, the CSV import and its line-by-line
 * problems, the exports.
 */
export const staffPublishMessages = bilingual({
  zh: {
    importTooLarge: 'CSV 导入文件最大 1 MiB，请拆分后分批导入。',

    publishTitle: '数据发布',
    publishIntro: '发布指标年度数值或项目进展。已有数值的更正会成为新的修订版本，必须写明理由；原值保留可查。',
    observationHeading: '指标年度数值',
    indicator: '指标',
    year: '年份',
    value: '数值',
    source: '来源',
    noteOrReason: '备注 / 更正理由',
    noteOrReasonHint: '首次发布可不填；更正已有数值时必填。',
    publish: '发布',
    published: (outcome: 'new' | 'correction' | 'unchanged') =>
      ({
        new: '已发布新数值。',
        correction: '已发布更正（新的修订版本）。',
        unchanged: '数值与现有的相同，未作改动。',
      })[outcome],
    projectStatus: (s: ProjectStatus) =>
      ({ unknown: '未知', not_started: '未开工', in_progress: '推进中', completed: '已完成' })[s],
    progressHeading: '项目进展',
    project: '项目',
    projectStatusLabel: '状态',
    progressPercent: '完成进度（%）',
    progressNote: '进展说明（公开显示）',
    progressReason: '变更理由',
    progressReasonHint: '项目已有进展报告时必填。',
    progressPublished: '已发布项目进展。',
    importHeading: 'CSV 批量导入',
    importIntro: '上传导出的文件（修改后）。全部行先校验，只要有一行有问题，就不写入任何数据，并逐行列出问题。',
    importKind: '文件类型',
    importKindObservations: '指标数值（observations.csv）',
    importKindProgress: '项目进展（progress.csv）',
    importFile: 'CSV 文件（UTF-8）',
    importDryRun: '只校验，不写入',
    importSubmit: '导入',
    importReportTitle: '导入结果',
    importProblems: (n: number) => `发现 ${n} 个问题，未导入任何数据：`,
    importSummary: (rows: number, changed: number, unchanged: number, dryRun: boolean) =>
      `${dryRun ? '校验通过（未写入）' : '已导入'}：共 ${rows} 行，${dryRun ? '将变更' : '变更'} ${changed} 行，未变 ${unchanged} 行。`,
    importNoFile: '请选择一个 UTF-8 编码的 CSV 文件。',
    colLine: '行',
    colColumn: '列',
    colProblem: '问题',
    csvReason: (why: CsvReason): string => {
      switch (why.code) {
        case 'unreadable':
          return `无法按 CSV 读取（${why.detail}）`;
        case 'noHeader':
          return '文件没有表头';
        case 'unknownColumn':
          return `未知的列；可用的列为 ${why.columns.join('、')}`;
        case 'missingColumn':
          return '缺少必需的列';
        case 'duplicateColumn':
          return '有重复的列';
        case 'cellCount':
          return `这一行有 ${why.found} 个单元格，表头有 ${why.expected} 列`;
        case 'noRows':
          return '文件没有数据行';
        case 'required':
          return '必填';
        case 'unknownId':
          return `没有${targetKind(why.kind).label.zh} ${why.id}`;
        case 'yearRange':
          return `年份须在 ${why.min} 至 ${why.max} 之间，而不是 ${JSON.stringify(why.text)}`;
        case 'thousandsSeparator':
          return '数字不要用千位分隔符（写 1234.5，不写 1,234.5）';
        case 'notANumber':
          return `不是数字：${JSON.stringify(why.text)}`;
        case 'tooLarge':
          return `数字过大：${JSON.stringify(why.text)}`;
        case 'tooLong':
          return `最多 ${why.max} 个字符`;
        case 'repeated':
          return `${why.what} 已在第 ${why.line} 行出现`;
        case 'correctionNeedsReason':
          return `${why.year} 年已有数值 ${why.value}；更正须写明理由`;
        case 'oneOf':
          return `须为以下之一：${why.options.join('、')}`;
        case 'percentRange':
          return `须为 0 至 100 的百分比，而不是 ${JSON.stringify(why.text)}`;
        case 'noteRequired':
          return '请说明做了什么或改了什么';
        case 'departmentId':
          return '编号须由小写字母、数字和连字符组成，最多 40 个字符（如 licheng-stats）';
        case 'nameTaken':
          return `${why.name} 已是部门 ${why.by} 的名称`;
      }
    },
    exportsHeading: '导出',
    exportIndicators: '指标与状态',
    exportObservations: '指标数值（可修改后导入）',
    exportProgress: '项目进展（可修改后导入）',
    exportAggregates: '评价统计（全部时间）',
    exportCases: '差评案件',
    exportAudit: '导出 CSV（当前筛选）',
  },
  en: {
    importTooLarge: 'A CSV import may be at most 1 MiB; split the file.',

    publishTitle: 'Publishing',
    publishIntro:
      'Publish yearly indicator values and project progress. A correction of a value already published becomes a new revision and needs a reason; the earlier value stays visible.',
    observationHeading: 'A yearly indicator value',
    indicator: 'Indicator',
    year: 'Year',
    value: 'Value',
    source: 'Source',
    noteOrReason: 'Note / reason for a correction',
    noteOrReasonHint: 'Optional for a first value; required to correct one.',
    publish: 'Publish',
    published: (outcome) =>
      ({
        new: 'The new value is published.',
        correction: 'The correction is published (a new revision).',
        unchanged: 'The value is the same as the current one; nothing changed.',
      })[outcome],
    projectStatus: (s) =>
      ({ unknown: 'unknown', not_started: 'not started', in_progress: 'in progress', completed: 'completed' })[s],
    progressHeading: 'Project progress',
    project: 'Project',
    projectStatusLabel: 'Status',
    progressPercent: 'Progress (%)',
    progressNote: 'What was done (shown publicly)',
    progressReason: 'Reason for the change',
    progressReasonHint: 'Required once the project has a report.',
    progressPublished: 'The project progress is published.',
    importHeading: 'CSV import',
    importIntro:
      'Upload an exported file, edited. Every row is checked first; if any row has a problem nothing is written, and every problem is listed by line.',
    importKind: 'File',
    importKindObservations: 'Indicator values (observations.csv)',
    importKindProgress: 'Project progress (progress.csv)',
    importFile: 'CSV file (UTF-8)',
    importDryRun: 'Check only, write nothing',
    importSubmit: 'Import',
    importReportTitle: 'Import report',
    importProblems: (n) => `${n} problem(s) found; nothing was imported:`,
    importSummary: (rows, changed, unchanged, dryRun) =>
      `${dryRun ? 'Checked (nothing written)' : 'Imported'}: ${rows} rows, ${changed} ${dryRun ? 'would change' : 'changed'}, ${unchanged} unchanged.`,
    importNoFile: 'Choose a CSV file in UTF-8.',
    colLine: 'Line',
    colColumn: 'Column',
    colProblem: 'Problem',
    csvReason: csvReasonEn,
    exportsHeading: 'Exports',
    exportIndicators: 'Indicators and statuses',
    exportObservations: 'Indicator values (edit and import back)',
    exportProgress: 'Project progress (edit and import back)',
    exportAggregates: 'Rating statistics (all time)',
    exportCases: 'Complaint cases',
    exportAudit: 'Export as CSV (this filter)',
  },
});
