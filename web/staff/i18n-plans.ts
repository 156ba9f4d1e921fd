import type { PlanStatus } from '../../shared/plan/lifecycle.js';
import { bilingual } from '../i18n-area.js';

/**
 * The plans page (/staff/plans): a publisher uploads a plan file, which is stored as a draft, and
 * publishes, closes or reopens plans. One area of the staff dictionary (web/staff/i18n.ts).
 */
export const staffPlansMessages = bilingual({
  zh: {
    navPlans: '规划管理',
    plansTitle: '规划管理',
    plansIntro:
      '上传规划文件（JSON，格式见 docs/plan-format.md）后先存为草稿，只有工作人员可见；核对无误后发布，群众即可查看和评价。规划期结束后关闭：仍可查看，不再接受评价。每次更改都记入审计日志。',
    planStatusName: (status: PlanStatus) => ({ draft: '草稿', published: '已发布', closed: '已关闭' })[status],
    planColumnPlan: '规划',
    planColumnPeriod: '规划期',
    planColumnStatus: '状态',
    planColumnActions: '操作',
    planNone: '还没有载入任何规划。',
    planPublish: '发布',
    planClose: '关闭',
    planReopen: '重新开放',
    planReason: '理由（可选，记入审计日志）',
    uploadHeading: '上传规划文件',
    uploadFile: '规划文件（JSON，UTF-8，最大 2 MiB）',
    uploadButton: '检查并存为草稿',
    uploadNoFile: '请选择一个规划文件。',
    uploadTooLarge: '规划文件最大 2 MiB。',
    uploadProblems: (count: number) => `规划文件有 ${count} 处问题，未写入任何内容：`,
    uploaded: (outcome: 'stored' | 'replaced' | 'unchanged', planId: string) =>
      ({
        stored: `规划 ${planId} 已存为草稿。`,
        replaced: `草稿 ${planId} 已替换为新文件。`,
        unchanged: `草稿 ${planId} 已是此文件，未作更改。`,
      })[outcome],
    uploadRefusedPublic: (planId: string) =>
      `规划 ${planId} 已对外公开：上传只能替换草稿。公开规划的文件由运维人员用 npm run plan -- import 替换。`,
    uploadRefusedDrops: (planId: string) =>
      `新文件缺少规划 ${planId} 已有的指标或项目；已存内容不会删除（评价和数据引用它们），请在文件中保留这些编号。`,
    planStatusChanged: (planId: string, status: PlanStatus) =>
      `规划 ${planId} 现为“${({ draft: '草稿', published: '已发布', closed: '已关闭' } as const)[status]}”。`,
    planStatusRefused: '该规划的状态不允许此操作（可能刚被他人更改），请刷新后再试。',
    planSwitchLabel: '当前处理的规划',
    planSwitchCurrent: '网站当前规划',
    planClosedToPublishing:
      '该规划已关闭：指标数值和项目进展已定稿，不能再发布。如需更正，请先在“规划管理”中重新开放。',
  },
  en: {
    navPlans: 'Plans',
    plansTitle: 'Plans',
    plansIntro:
      'An uploaded plan file (JSON, in the format of docs/plan-format.md) is stored as a draft, which only staff see; once checked, publish it and citizens can read and rate it. Close it when its period is over: still readable, no more ratings. Every change is in the audit log.',
    planStatusName: (status: PlanStatus) => ({ draft: 'draft', published: 'published', closed: 'closed' })[status],
    planColumnPlan: 'Plan',
    planColumnPeriod: 'Period',
    planColumnStatus: 'Status',
    planColumnActions: 'Actions',
    planNone: 'No plan has been loaded yet.',
    planPublish: 'Publish',
    planClose: 'Close',
    planReopen: 'Reopen',
    planReason: 'Reason (optional, in the audit log)',
    uploadHeading: 'Upload a plan file',
    uploadFile: 'Plan file (JSON, UTF-8, at most 2 MiB)',
    uploadButton: 'Check and store as a draft',
    uploadNoFile: 'Choose a plan file.',
    uploadTooLarge: 'A plan file may be at most 2 MiB.',
    uploadProblems: (count: number) =>
      `The plan file has ${count} ${count === 1 ? 'problem' : 'problems'}; nothing was written:`,
    uploaded: (outcome, planId) =>
      ({
        stored: `Plan ${planId} is stored as a draft.`,
        replaced: `Draft ${planId} now has the new file.`,
        unchanged: `Draft ${planId} has this file already; nothing changed.`,
      })[outcome],
    uploadRefusedPublic: (planId: string) =>
      `Plan ${planId} is public: an upload replaces a draft only. An operator replaces a public plan's file with npm run plan -- import.`,
    uploadRefusedDrops: (planId: string) =>
      `The file lacks indicators or projects plan ${planId} has; stored items are never deleted (ratings and values refer to them): keep their ids in the file.`,
    planStatusChanged: (planId: string, status: PlanStatus) => `Plan ${planId} is now ${status}.`,
    planStatusRefused:
      'The plan’s status does not allow this (someone may just have changed it); reload and try again.',
    planSwitchLabel: 'Working on',
    planSwitchCurrent: 'the site’s current plan',
    planClosedToPublishing:
      'This plan is closed: its values and progress are final and cannot be published. To correct them, reopen it on the Plans page first.',
  },
});
