import { bilingual } from './i18n-area.js';

/**
 * The strings of a 差评 case's receipt (its number and secret code), of /cases/lookup, which opens a
 * case with them from any device, and of following a case by its private feed. One area of the
 * dictionary of web/i18n.ts (web/i18n-area.ts).
 */
export const receiptMessages = bilingual({
  zh: {
    receiptHeading: '案件回执',
    receiptIntro:
      '凭案件编号和查询码，可以在任何手机或电脑上查看办理进度（“查询差评办理”页面），不需要账号。请抄下、复制或打印保存；查询码不要告诉别人。',
    receiptCode: '查询码',
    receiptNoCode: '这个浏览器没有保存这件差评的查询码。',
    receiptCopy: '复制回执',
    receiptCopied: '已复制。',
    receiptPrint: '打印回执',
    receiptPush: '有进展时通知我（浏览器通知）',
    receiptPushed: '好的：核实、答复、办结时，以及超过答复期限仍未答复时，这个浏览器会收到通知。办结后不再通知。',
    receiptPushFailed: '没能开启通知：浏览器没有允许，或暂时不可用。进展仍会显示在这里和订阅源里。',
    receiptLine: (id: string, code: string) =>
      `案件回执：编号 ${id}，查询码 ${code}。凭这两项可以在任何设备上查询办理进度。`,
    receiptLookupLink: '在其他设备上查询',
    receiptFeed: '订阅办理进度（Atom）',
    receiptFeedHint: '每一步进展和正式答复都会出现在这个私人订阅源里。订阅地址含有查询码，请只交给您信任的阅读器。',
    lookupTitle: '查询差评办理',
    lookupIntro: '输入差评立案时得到的案件编号和查询码，就能在这台设备上查看办理进度和正式答复，不需要账号。',
    lookupCaseNumber: '案件编号',
    lookupCaseNumberHint: '例如 07-20261206T011624123Z-……，可从回执中复制。',
    lookupCode: '查询码',
    lookupCodeHint: '10 位字母和数字，例如 7KQ2M-X9D4R；大小写、空格和短横线都不影响。',
    lookupAttach: '同时在这个浏览器的“我的评价”中关注这件差评',
    lookupSubmit: '查询',
    lookupNotFound: '没有找到：案件编号或查询码不对。请核对回执后再试。',
    lookupRateLimited: (minutes: number) => `查询次数太多，请 ${minutes} 分钟后再试。`,
    lookupInvalid: '请填写完整的案件编号和查询码。',
    lookupFound: '找到了这件差评。',
    lookupAttached: '已加入这个浏览器的“我的评价”。',
    lookupSeeMine: '到“我的评价”查看',
  },
  en: {
    receiptHeading: 'Case receipt',
    receiptIntro:
      'With the case number and the code you can follow this case from any phone or computer (“Look up a case”), without an account. Write them down, copy or print them; keep the code to yourself.',
    receiptCode: 'Code',
    receiptNoCode: 'This browser has no code for this case.',
    receiptCopy: 'Copy the receipt',
    receiptCopied: 'Copied.',
    receiptPrint: 'Print the receipt',
    receiptPush: 'Notify me when it moves (browser notifications)',
    receiptPushed:
      'Done: this browser will be told when the case is verified, replied or closed, and when its reply deadline passes unanswered; nothing after it closes.',
    receiptPushFailed:
      'Notifications could not be turned on: the browser did not allow them, or they are unavailable. Progress still shows here and in the feed.',
    receiptLine: (id: string, code: string) =>
      `Case receipt: number ${id}, code ${code}. With these two you can follow the case from any device.`,
    receiptLookupLink: 'Look it up on another device',
    receiptFeed: 'Follow its progress (Atom feed)',
    receiptFeedHint:
      'Every step and the official reply appear in this private feed. Its address contains the code: give it only to a feed reader you trust.',
    lookupTitle: 'Look up a case',
    lookupIntro:
      'Enter the case number and code you were given when your low rating opened a case, to see its progress and the official reply on this device, without an account.',
    lookupCaseNumber: 'Case number',
    lookupCaseNumberHint: 'Like 07-20261206T011624123Z-…; copy it from the receipt.',
    lookupCode: 'Code',
    lookupCodeHint: '10 letters and digits, like 7KQ2M-X9D4R; case, spaces and dashes do not matter.',
    lookupAttach: 'Also follow this case on this browser’s “My ratings”',
    lookupSubmit: 'Look up',
    lookupNotFound: 'Not found: the case number or the code is wrong. Check the receipt and try again.',
    lookupRateLimited: (minutes: number) => `Too many look-ups: try again in ${minutes} minutes.`,
    lookupInvalid: 'Enter the whole case number and code.',
    lookupFound: 'Here is the case.',
    lookupAttached: 'Added to this browser’s “My ratings”.',
    lookupSeeMine: 'See it in “My ratings”',
  },
});
