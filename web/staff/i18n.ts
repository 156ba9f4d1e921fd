import type { CaseStatus } from '../../shared/cases/case.js';
import type { DueState } from '../../shared/cases/case.js';
import type { Role } from '../../shared/auth/roles.js';
import type { Lang } from '../i18n.js';
import type { CommentStatus } from '../../shared/feedback/rating.js';
import { csvReasonEn, type CsvReason } from '../../shared/publishing/csv.js';
import { targetKind } from '../../shared/feedback/target-kinds.js';
import { staffVerdictsEn, staffVerdictsZh } from './i18n-verdicts.js';
import { staffPlansEn, staffPlansZh } from './i18n-plans.js';

/**
 * Every string a staff member sees, in Chinese (the default) and English, kept apart from the
 * citizens' dictionary. `en` is typed as the shape of `zh`, so a key missing from either fails
 * the typecheck.
 */
const zh = {
  staffName: '共评 · 工作台',
  navDashboard: '概况',
  navQueue: '审核队列',
  navCases: '差评办理',
  navPublish: '数据发布',
  navAudit: '审计日志',
  navPublicSite: '公众网站',
  signedInAs: (name: string, roles: string) => `已登录：${name}（${roles}）`,
  signOut: '退出登录',
  role: (role: Role) => ({ monitor: '监督员', publisher: '发布员', admin: '管理员' })[role],

  forbiddenTitle: '没有权限',
  forbiddenBody: (roles: string) => `此页面需要以下角色之一：${roles}。请联系管理员分配角色，或用其他账号登录。`,
  notConfiguredTitle: '工作人员登录未配置',
  notConfiguredBody: '本服务未配置身份提供方，工作人员页面暂不可用。',
  signInFailedTitle: '登录未完成',
  signInFailedBody: '登录请求已过期、不完整或不是由本站发起的。请重新登录。',
  signInAgain: '重新登录',
  signedInTitle: '已登录',
  signedInContinue: '继续',
  notFoundTitle: '未找到',
  notFoundBody: '该条目不存在或已被删除。',

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

  queueTitle: '留言审核',
  queueIntro:
    '待审核的留言和被市民举报、待复核的留言按进入队列的时间排列（最早的在前）。被举报的留言复核期间仍公开，标为“复核中”，由审核人员保留或隐藏。勾选后可批量处理；驳回和隐藏必须写明理由。',
  filterStatus: '状态',
  filterTarget: '事项',
  filterReason: '进入队列原因',
  filterAge: '等待至少（小时）',
  filterAll: '全部',
  filterApply: '筛选',
  commentStatus: (s: CommentStatus) =>
    ({ none: '无留言', pending: '待审核', published: '已公开', rejected: '已驳回', hidden: '已隐藏' })[s],
  queueReason: (r: 'new' | 'flagged') => ({ new: '新留言', flagged: '被举报' })[r],
  queueEmpty: '没有符合条件的留言。',
  queueCount: (n: number) => `本页 ${n} 条`,
  colSelect: '选择',
  colComment: '留言',
  colRating: '评分',
  colSince: '时间',
  colFlags: '举报',
  selectComment: (id: string) => `选择留言 ${id}`,
  bulkAction: '对选中的留言',
  action: (a: 'publish' | 'reject' | 'hide') => ({ publish: '通过并公开', reject: '驳回', hide: '隐藏' })[a],
  actionKeep: '保留（撤销“复核中”标记）',
  actionPublishOrKeep: '通过并公开，或保留被举报的留言',
  underReview: '复核中（仍公开）',
  reason: '理由',
  reasonHint: '驳回或隐藏时必填，会记入审计日志。',
  apply: '执行',
  open: '处理',
  nextPage: '下一页',
  moderated: (done: number, failed: number) =>
    `已处理 ${done} 条${failed > 0 ? `，${failed} 条未能处理（可能已被他人处理）` : ''}。`,
  noneSelected: '请至少勾选一条留言。',
  reasonRequired: '驳回或隐藏需要写明理由。',

  commentTitle: '留言',
  commentOn: '所评事项',
  officialReplies: '官方回复',
  officialReply: '官方回复',
  noReplies: '尚无官方回复。',
  replyHeading: '发布官方回复',
  replyHint: '公众看到的是部门名称，而不是个人。留言公开后回复随之公开。',
  department: '部门',
  replyText: '回复内容',
  sendReply: '发布回复',
  replied: '回复已发布。',
  moderateHeading: '审核',
  moderatedOne: '已处理。',
  fieldsMissing: '请填写所有必填项。',
  tooLargeTitle: '提交的内容过大',
  formTooLarge: '表单内容超出了可接收的大小，请精简后再提交。',
  importTooLarge: 'CSV 导入文件最大 1 MiB，请拆分后分批导入。',
  invalidLinkTitle: '链接无效',
  invalidLinkBody: '这个翻页链接不是本站生成的，或已失效。请从列表第一页重新打开。',
  textTooLongMasked: '隐去个人信息后，答复超出了可保存的长度，请精简后再提交。',
  invalidState: '当前状态下不能执行此操作（可能已被他人处理）。',

  casesTitle: '差评办理',
  casesIntro: '每条附有留言的差评（1或2分）都会立案，须在规定的工作日内答复。',
  caseView: (v: 'active' | 'due-soon' | 'overdue' | 'closed') =>
    ({ active: '办理中', 'due-soon': '即将到期', overdue: '已超期', closed: '已办结' })[v],
  caseStatus: (s: CaseStatus) =>
    ({
      open: '待核实',
      verifying: '核实中',
      rectifying: '整改中',
      replied: '已答复',
      closed: '已办结',
      disputed: '群众不满意，复核中',
    })[s],
  dueState: (d: DueState) =>
    ({
      overdue: '已超期',
      'due-soon': '即将到期',
      'on-time': '未到期',
      'awaiting-citizen': '等待群众评价',
      closed: '已办结',
    })[d],
  /** Once replied, the deadline that counts for the public statistics: the first reply's. */
  firstReply: (due: string, repliedAt: string | null, onTime: boolean) =>
    repliedAt ? `${due}前；${repliedAt}答复，${onTime ? '按期' : '逾期'}` : `${due}前`,
  colCase: '案件',
  colStatus: '状态',
  colDue: '答复期限',
  colDueState: '期限状态',
  colDepartment: '部门',
  casesEmpty: '没有符合条件的案件。',
  caseTitle: '差评案件',
  caseOpened: '立案时间',
  caseDue: '答复期限',
  caseRating: '评分',
  caseComment: '群众留言',
  caseHistory: '办理记录',
  caseAudit: '审计记录',
  caseStep: (a: 'verify' | 'rectify' | 'reply' | 'close') =>
    ({ verify: '开始核实', rectify: '转入整改', reply: '答复群众', close: '办结' })[a],
  caseStepDone: '已更新案件状态。',
  note: '说明',
  noteHint: '整改和办结必须写明说明，会记入办理记录。',
  noSteps: '此案件当前没有可执行的步骤。',
  colWhen: '时间',
  colWho: '操作人',
  colAction: '操作',
  colFromTo: '状态变化',

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
    ({ new: '已发布新数值。', correction: '已发布更正（新的修订版本）。', unchanged: '数值与现有的相同，未作改动。' })[
      outcome
    ],
  progressHeading: '项目进展',
  project: '项目',
  projectStatusLabel: '状态',
  projectStatus: (s: 'unknown' | 'not_started' | 'in_progress' | 'completed') =>
    ({ unknown: '未知', not_started: '未开工', in_progress: '推进中', completed: '已完成' })[s],
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
    }
  },
  exportsHeading: '导出',
  exportIndicators: '指标与状态',
  exportObservations: '指标数值（可修改后导入）',
  exportProgress: '项目进展（可修改后导入）',
  exportAggregates: '评价统计（全部时间）',
  exportCases: '差评案件',
  exportAudit: '导出 CSV（当前筛选）',

  auditTitle: '审计日志',
  auditIntro: '每一次审核、回复、案件操作和数据发布都记录在此：谁、何时、做了什么、为什么。记录只增不改。',
  auditAction: '操作类型',
  auditActor: '操作人（sub）',
  auditSince: '起（UTC，ISO 时间）',
  auditUntil: '止（UTC，ISO 时间）',
  auditEmpty: '没有符合条件的记录。',
  colSubject: '对象',
  colReason: '理由',
  colDetails: '详情',
  badFilter: '筛选条件无效，已忽略。',
  ...staffVerdictsZh,
  ...staffPlansZh,
};

export type StaffMessages = { [K in keyof typeof zh]: (typeof zh)[K] };

const en: StaffMessages = {
  staffName: 'Gongping · Staff',
  navDashboard: 'Overview',
  navQueue: 'Moderation',
  navCases: 'Cases',
  navPublish: 'Publishing',
  navAudit: 'Audit log',
  navPublicSite: 'Public site',
  signedInAs: (name, roles) => `Signed in as ${name} (${roles})`,
  signOut: 'Sign out',
  role: (role) => ({ monitor: 'monitor', publisher: 'publisher', admin: 'admin' })[role],

  forbiddenTitle: 'Not allowed',
  forbiddenBody: (roles) =>
    `This page needs one of the roles ${roles}. Ask an administrator for the role, or sign in with another account.`,
  notConfiguredTitle: 'Staff sign-in is not configured',
  notConfiguredBody: 'No identity provider is configured for this service, so the staff pages are unavailable.',
  signInFailedTitle: 'Sign-in not completed',
  signInFailedBody:
    'The sign-in request expired, was incomplete, or was not started by this site. Please sign in again.',
  signInAgain: 'Sign in again',
  signedInTitle: 'Signed in',
  signedInContinue: 'Continue',
  notFoundTitle: 'Not found',
  notFoundBody: 'This item does not exist.',

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

  queueTitle: 'Moderation',
  queueIntro:
    'Comments awaiting moderation, and published comments citizens flagged, oldest first. A flagged comment stays public, marked “under review”, until a monitor keeps or hides it. Tick several to act on them at once; rejecting and hiding need a reason.',
  filterStatus: 'Status',
  filterTarget: 'Item',
  filterReason: 'Why queued',
  filterAge: 'Waiting at least (hours)',
  filterAll: 'All',
  filterApply: 'Filter',
  commentStatus: (s) =>
    ({ none: 'no comment', pending: 'pending', published: 'published', rejected: 'rejected', hidden: 'hidden' })[s],
  queueReason: (r) => ({ new: 'new', flagged: 'flagged' })[r],
  queueEmpty: 'No comments match.',
  queueCount: (n) => `${n} on this page`,
  colSelect: 'Select',
  colComment: 'Comment',
  colRating: 'Rating',
  colSince: 'Since',
  colFlags: 'Flags',
  selectComment: (id) => `Select comment ${id}`,
  bulkAction: 'With the selected comments',
  action: (a) => ({ publish: 'Approve and publish', reject: 'Reject', hide: 'Hide' })[a],
  actionKeep: 'Keep (clear the “under review” mark)',
  actionPublishOrKeep: 'Approve and publish, or keep a flagged one',
  underReview: 'under review (still public)',
  reason: 'Reason',
  reasonHint: 'Required to reject or hide; recorded in the audit log.',
  apply: 'Apply',
  open: 'Open',
  nextPage: 'Next page',
  moderated: (done, failed) =>
    `${done} done${failed > 0 ? `; ${failed} could not be (perhaps someone else moderated them)` : ''}.`,
  noneSelected: 'Tick at least one comment.',
  reasonRequired: 'Rejecting or hiding needs a reason.',

  commentTitle: 'Comment',
  commentOn: 'On',
  officialReplies: 'Official replies',
  officialReply: 'Official reply',
  noReplies: 'No official reply yet.',
  replyHeading: 'Reply officially',
  replyHint: 'The public sees the department, not the person. The reply is public once the comment is.',
  department: 'Department',
  replyText: 'Reply',
  sendReply: 'Publish the reply',
  replied: 'The reply is published.',
  moderateHeading: 'Moderate',
  moderatedOne: 'Done.',
  fieldsMissing: 'Fill in every required field.',
  tooLargeTitle: 'Too large',
  formTooLarge: 'The form is larger than can be accepted; shorten it and send it again.',
  importTooLarge: 'A CSV import may be at most 1 MiB; split the file.',
  invalidLinkTitle: 'This link does not work',
  invalidLinkBody:
    'This page link was not made by this site, or no longer works. Open the list again from its first page.',
  textTooLongMasked: 'With personal data masked, the reply is longer than can be kept; shorten it and send it again.',
  invalidState: 'That step does not apply in the current status (perhaps someone else acted meanwhile).',

  casesTitle: 'Complaint cases',
  casesIntro: 'Every rating of 1 or 2 with a comment opens a case, to be answered within the working days allowed.',
  caseView: (v) => ({ active: 'Open', 'due-soon': 'Due soon', overdue: 'Overdue', closed: 'Closed' })[v],
  caseStatus: (s) =>
    ({
      open: 'open',
      verifying: 'verifying',
      rectifying: 'rectifying',
      replied: 'replied',
      closed: 'closed',
      disputed: 'disputed, under review',
    })[s],
  dueState: (d) =>
    ({
      overdue: 'overdue',
      'due-soon': 'due soon',
      'on-time': 'on time',
      'awaiting-citizen': 'awaiting the citizen',
      closed: 'closed',
    })[d],
  firstReply: (due, repliedAt, onTime) =>
    repliedAt ? `by ${due}; replied ${repliedAt}, ${onTime ? 'on time' : 'late'}` : `by ${due}`,
  colCase: 'Case',
  colStatus: 'Status',
  colDue: 'Reply due',
  colDueState: 'Deadline',
  colDepartment: 'Department',
  casesEmpty: 'No cases match.',
  caseTitle: 'Complaint case',
  caseOpened: 'Opened',
  caseDue: 'Reply due',
  caseRating: 'Rating',
  caseComment: 'The citizen’s comment',
  caseHistory: 'History',
  caseAudit: 'Audit trail',
  caseStep: (a) =>
    ({ verify: 'Start verifying', rectify: 'Move to rectification', reply: 'Reply to the citizen', close: 'Close' })[a],
  caseStepDone: 'The case is updated.',
  note: 'Note',
  noteHint: 'Required to rectify or close; kept in the case history.',
  noSteps: 'No step applies to this case now.',
  colWhen: 'When',
  colWho: 'Who',
  colAction: 'Action',
  colFromTo: 'Status',

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
  progressHeading: 'Project progress',
  project: 'Project',
  projectStatusLabel: 'Status',
  projectStatus: (s) =>
    ({ unknown: 'unknown', not_started: 'not started', in_progress: 'in progress', completed: 'completed' })[s],
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

  auditTitle: 'Audit log',
  auditIntro:
    'Every moderation, reply, case step and publication is recorded here: who, when, what and why. Entries are only ever added.',
  auditAction: 'Action',
  auditActor: 'Staff member (sub)',
  auditSince: 'From (UTC, ISO time)',
  auditUntil: 'Until (UTC, ISO time)',
  auditEmpty: 'No entries match.',
  colSubject: 'Subject',
  colReason: 'Reason',
  colDetails: 'Details',
  badFilter: 'The filter was not valid and was ignored.',
  ...staffVerdictsEn,
  ...staffPlansEn,
};

const DICTIONARIES: Record<Lang, StaffMessages> = { 'zh-CN': zh, en };
export const staffMessages = (lang: Lang): StaffMessages => DICTIONARIES[lang];
