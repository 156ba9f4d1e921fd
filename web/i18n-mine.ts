import type { CaseEvent, CaseStatus, DueState } from '../shared/cases/case.js';
import type { PiiKind } from '../shared/moderation/pii.js';
import { bilingual } from './i18n-area.js';

/**
 * The strings of the citizen's own page (/me) and of what a submission tells the citizen about
 * masked personal data and the 差评 case it opened. One area of the
 * dictionary of web/i18n.ts (web/i18n-area.ts).
 */
export const mineMessages = bilingual({
  zh: {
    navMine: '我的评价',
    mineTitle: '我的评价和差评办理',
    mineIntro:
      '这里列出从这个浏览器提交的评价和留言，以及差评的办理进度。本页只凭浏览器里的匿名凭证（Cookie）认出您，别人看不到。',
    mineNoVoter:
      '这个浏览器还没有提交过评价，所以这里没有内容。评价时浏览器会收到一个匿名凭证（Cookie），本页凭它找到您的评价和差评办理情况；换了浏览器或清除了 Cookie 就找不到了。',
    mineRatingsHeading: '我的评价和留言',
    mineRatingsNone: '这个浏览器还没有提交过评价。',
    mineRatingsNote: '留言在保存前已隐去其中的个人信息，这里显示的就是保存下来的文字。',
    mineCasesHeading: '差评办理',
    mineCasesIntro: (days: number) =>
      `每一条“不满意”或“非常不满意”并附留言的评价都会立案办理：先核实，需要时整改，再在 ${days} 个工作日内正式答复。收到答复后，您可以评价一次；不满意可以申请复核。`,
    mineCasesNone: '您还没有需要办理的差评。',
    caseRef: '案件编号',
    caseDeadline: '答复期限',
    caseStatus: (s: CaseStatus) =>
      ({
        open: '已受理，待核实',
        verifying: '核实中',
        rectifying: '整改中',
        replied: '已答复',
        closed: '已办结',
        disputed: '复核中',
      })[s],
    caseStatesSummary: '这些状态是什么意思？',
    caseStatusMeaning: (s: CaseStatus) =>
      ({
        open: '您的差评已立案，正在等待核实。答复期限从您评价的时间起算。',
        verifying: '工作人员正在核实您反映的情况，并确定由哪个部门办理。',
        rectifying: '情况属实，承办部门正在整改，整改后会正式答复您。',
        replied: '已正式答复。请告诉我们您是否满意：满意即办结，不满意可以申请复核。',
        closed: '办理结束：您对答复表示满意，或工作人员在答复、复核后办结了案件。',
        disputed: '您对答复不满意，案件重新核实，并有新的答复期限。',
      })[s],
    caseStep: (a: CaseEvent['action']) =>
      ({
        open: '立案',
        verify: '核实',
        rectify: '整改',
        reply: '答复',
        close: '办结',
        assign: '转交承办部门',
        satisfied: '您对答复满意',
        unsatisfied: '您对答复不满意，申请复核',
      })[a],
    caseOpenedAt: '立案时间',
    caseDepartment: '承办部门',
    caseDue: (date: string, days: number) =>
      days === 0 ? `今天（${date}）是答复期限` : `须在 ${date} 前答复，还有 ${days} 个工作日`,
    caseOverdue: (date: string, days: number) =>
      days === 0 ? `已超过答复期限（${date}）` : `已超过答复期限（${date}），逾期 ${days} 个工作日`,
    caseDueState: (s: DueState) =>
      ({
        overdue: '已逾期',
        'due-soon': '即将到期',
        'on-time': '在期限内',
        'awaiting-citizen': '等待您评价答复',
        closed: '已办结',
      })[s],
    caseStepsHeading: '办理经过',
    caseStepsLatest: (n: number, latest: string) => `共 ${n} 步，最近：${latest}`,
    caseNoReplyYet: '还没有正式答复。',
    caseSatisfaction: (s: 'satisfied' | 'unsatisfied') =>
      ({
        satisfied: '您对答复表示满意，案件已办结。',
        unsatisfied: '您对答复不满意，案件已进入复核，复核后会再次答复。',
      })[s],
    rateReplyLegend: '您对这个答复满意吗？',
    rateReplyOnce: '每个答复只能评价一次。不满意将进入申诉复核，有新的答复期限。',
    rateReplySatisfied: '满意（办结）',
    rateReplyUnsatisfied: '不满意，申请复核',
    rateReplyNote: '不满意的原因（可选）',
    rateReplyNoteHint: '最多 2000 字。请勿填写个人信息。',
    rateReplySubmit: '提交我对答复的评价',
    errRateReplyChoice: '请选择“满意”或“不满意”。',
    errRateReplyNote: '原因最多 2000 字。',
    errAlreadyRated: '这个答复已经评价过了，不能再次评价。',
    piiKind: (k: PiiKind) =>
      ({ 'id-card': '身份证号', 'bank-card': '银行卡号', email: '邮箱', phone: '电话号码', address: '住址' })[k],
    listSeparator: '、',
    doneMasked: (kinds: string) =>
      `您的留言里有个人信息（${kinds}），保存前已经隐去：原文没有保存，任何人（包括审核人员）都看不到。`,
    doneCaseOpened: (date: string) => `这是一条差评，已立案办理：须在 ${date} 前正式答复。`,
    doneCaseLink: '查看办理进度',
  },
  en: {
    navMine: 'My feedback',
    mineTitle: 'My feedback and cases',
    mineIntro:
      'Your ratings and comments sent from this browser, and how your low ratings are being followed up. This page knows you only by the anonymous token (a cookie) in this browser; nobody else can see it.',
    mineNoVoter:
      'Nothing was rated from this browser, so there is nothing to show. When you rate, the browser receives an anonymous token (a cookie), and this page finds your ratings and cases by it; from another browser, or after clearing cookies, they cannot be found.',
    mineRatingsHeading: 'My ratings and comments',
    mineRatingsNone: 'Nothing was rated from this browser yet.',
    mineRatingsNote: 'Personal details were masked in comments before they were stored; this is the text as stored.',
    mineCasesHeading: 'Follow-up of my low ratings',
    mineCasesIntro: (days: number) =>
      `Every “dissatisfied” or “very dissatisfied” rating that comes with a comment opens a case: it is verified, rectified where needed, and officially answered within ${days} working days. Once answered, you can rate the reply once; if you are not satisfied, the case is reviewed.`,
    mineCasesNone: 'None of your ratings has opened a case.',
    caseRef: 'Case number',
    caseDeadline: 'Reply deadline',
    caseStatus: (s: CaseStatus) =>
      ({
        open: 'Received, awaiting verification',
        verifying: 'Being verified',
        rectifying: 'Being rectified',
        replied: 'Replied',
        closed: 'Closed',
        disputed: 'Under review',
      })[s],
    caseStatesSummary: 'What do these states mean?',
    caseStatusMeaning: (s: CaseStatus) =>
      ({
        open: 'Your low rating opened a case, which is waiting to be verified. The reply deadline counts from when you rated.',
        verifying: 'Staff are checking what you reported and deciding which department handles it.',
        rectifying:
          'What you reported holds and the department is putting it right; you will get an official reply afterwards.',
        replied:
          'Officially answered. Tell us whether you are satisfied: satisfied closes the case; if not, you can ask for a review.',
        closed: 'Finished: you were satisfied with the reply, or staff closed the case after a reply or a review.',
        disputed: 'You were not satisfied with the reply: the case is verified again, with a new deadline.',
      })[s],
    caseStep: (a: CaseEvent['action']) =>
      ({
        open: 'Opened',
        verify: 'Verification',
        rectify: 'Rectification',
        reply: 'Official reply',
        close: 'Closed',
        assign: 'Handed to a department',
        satisfied: 'You were satisfied with the reply',
        unsatisfied: 'You were not satisfied and asked for a review',
      })[a],
    caseOpenedAt: 'Opened',
    caseDepartment: 'Department',
    caseDue: (date: string, days: number) =>
      days === 0
        ? `The reply is due today (${date})`
        : `Reply due by ${date}: ${days} working day${days === 1 ? '' : 's'} left`,
    caseOverdue: (date: string, days: number) =>
      days === 0
        ? `Overdue: the reply was due by ${date}`
        : `Overdue: the reply was due by ${date}, ${days} working day${days === 1 ? '' : 's'} ago`,
    caseDueState: (s: DueState) =>
      ({
        overdue: 'Overdue',
        'due-soon': 'Due soon',
        'on-time': 'On time',
        'awaiting-citizen': 'Awaiting your verdict',
        closed: 'Closed',
      })[s],
    caseStepsHeading: 'Steps so far',
    caseStepsLatest: (n: number, latest: string) => `${n === 1 ? '1 step' : `${n} steps`}; latest: ${latest}`,
    caseNoReplyYet: 'No official reply yet.',
    caseSatisfaction: (s: 'satisfied' | 'unsatisfied') =>
      ({
        satisfied: 'You were satisfied with the reply; the case is closed.',
        unsatisfied: 'You were not satisfied with the reply; the case is under review and will be answered again.',
      })[s],
    rateReplyLegend: 'Are you satisfied with this reply?',
    rateReplyOnce: 'Each reply can be rated once. If you are not satisfied, the case is reviewed, with a new deadline.',
    rateReplySatisfied: 'Satisfied (close the case)',
    rateReplyUnsatisfied: 'Not satisfied: ask for a review',
    rateReplyNote: 'Why not (optional)',
    rateReplyNoteHint: 'Up to 2,000 characters. Please leave out personal details.',
    rateReplySubmit: 'Send my verdict on the reply',
    errRateReplyChoice: 'Choose “satisfied” or “not satisfied”.',
    errRateReplyNote: 'The reason may have at most 2,000 characters.',
    errAlreadyRated: 'This reply has already been rated; it cannot be rated again.',
    piiKind: (k: PiiKind) =>
      ({
        'id-card': 'identity number',
        'bank-card': 'bank card number',
        email: 'e-mail address',
        phone: 'phone number',
        address: 'home address',
      })[k],
    listSeparator: ', ',
    doneMasked: (kinds: string) =>
      `Your comment contained personal details (${kinds}); they were masked before it was stored. The original was not kept, and nobody, moderators included, can see it.`,
    doneCaseOpened: (date: string) => `This low rating opened a follow-up case: an official reply is due by ${date}.`,
    doneCaseLink: 'Follow the case',
  },
});
