import type { CaseStatus, DueState } from '../../shared/cases/case.js';
import { bilingual } from '../i18n-area.js';

/** The complaint cases: the list by deadline, one case's steps, history and audit trail. */
export const staffCasesMessages = bilingual({
  zh: {
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
        disputed: '复核中',
      })[s],
    caseStatesSummary: '这些状态是什么意思？',
    caseStatusMeaning: (s: CaseStatus) =>
      ({
        open: '新案件：附有留言的差评已立案，还没有人开始核实。答复期限从群众评价的时间起算。',
        verifying: '正在核实群众反映的情况，并确定承办部门。',
        rectifying: '情况属实，承办部门正在整改；整改后答复群众。',
        replied: '已正式答复（同时作为官方回复公开在留言下）。等待群众评价答复：满意即办结，不满意则进入复核。',
        closed: '办理结束：群众对答复满意，或答复、复核后由工作人员办结（须写明说明）。',
        disputed: '群众对答复不满意，申请复核：重新核实，有新的答复期限。',
      })[s],
    caseStatusCitizenSees: (citizenWording: string) => `群众在“我的评价”页看到：${citizenWording}`,
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
  },
  en: {
    casesTitle: 'Complaint cases',
    casesIntro: 'Every rating of 1 or 2 with a comment opens a case, to be answered within the working days allowed.',
    caseView: (v) => ({ active: 'Open', 'due-soon': 'Due soon', overdue: 'Overdue', closed: 'Closed' })[v],
    caseStatus: (s) =>
      ({
        open: 'awaiting verification',
        verifying: 'being verified',
        rectifying: 'being rectified',
        replied: 'replied',
        closed: 'closed',
        disputed: 'under review',
      })[s],
    caseStatesSummary: 'What do these states mean?',
    caseStatusMeaning: (s) =>
      ({
        open: 'A new case: a low rating with a comment opened it and nobody has started verifying it. The reply deadline counts from when the citizen rated.',
        verifying: 'What the citizen reported is being checked, and the department in charge decided.',
        rectifying: 'The complaint holds and the department is putting it right; the citizen is answered afterwards.',
        replied:
          'Officially answered (the reply is also published under the comment). Awaiting the citizen’s verdict: satisfied closes the case, not satisfied starts a review.',
        closed:
          'Finished: the citizen was satisfied with the reply, or staff closed it after a reply or a review (with a note).',
        disputed:
          'The citizen was not satisfied with the reply and asked for a review: verified again, with a new deadline.',
      })[s],
    caseStatusCitizenSees: (citizenWording) => `On the citizen’s “My feedback” page: ${citizenWording}`,
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
      ({ verify: 'Start verifying', rectify: 'Move to rectification', reply: 'Reply to the citizen', close: 'Close' })[
        a
      ],
    caseStepDone: 'The case is updated.',
    note: 'Note',
    noteHint: 'Required to rectify or close; kept in the case history.',
    noSteps: 'No step applies to this case now.',
    colWhen: 'When',
    colWho: 'Who',
    colAction: 'Action',
    colFromTo: 'Status',
  },
});
