import type { Role } from '../../shared/auth/roles.js';
import { bilingual } from '../i18n-area.js';

/**
 * The staff pages' frame: the name, the navigation, signing in, the pages that refuse or find
 * nothing, and the answers any form or link can get (a field missing, too large, a forged link, a
 * step that no longer applies, a filter ignored).
 */
export const staffFrameMessages = bilingual({
  zh: {
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

    fieldsMissing: '请填写所有必填项。',
    tooLargeTitle: '提交的内容过大',
    formTooLarge: '表单内容超出了可接收的大小，请精简后再提交。',
    invalidLinkTitle: '链接无效',
    invalidLinkBody: '这个翻页链接不是本站生成的，或已失效。请从列表第一页重新打开。',
    invalidState: '当前状态下不能执行此操作（可能已被他人处理）。',

    badFilter: '筛选条件无效，已忽略。',
  },
  en: {
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

    fieldsMissing: 'Fill in every required field.',
    tooLargeTitle: 'Too large',
    formTooLarge: 'The form is larger than can be accepted; shorten it and send it again.',
    invalidLinkTitle: 'This link does not work',
    invalidLinkBody:
      'This page link was not made by this site, or no longer works. Open the list again from its first page.',
    invalidState: 'That step does not apply in the current status (perhaps someone else acted meanwhile).',

    badFilter: 'The filter was not valid and was ignored.',
  },
});
