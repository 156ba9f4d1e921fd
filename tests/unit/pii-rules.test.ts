import { describe, expect, it } from 'vitest';
import { cardShaped, detectPii, idShaped, maskPii, PII_PLACEHOLDERS } from '../../shared/moderation/pii.js';

/** The kinds found in `text`, in order. */
const kinds = (text: string) => detectPii(text).map((m) => m.kind);

describe('identity and card numbers, by shape', () => {
  it('takes 18 characters with a region digit 1–8 and a real birth date for an identity number, whatever the check digit', () => {
    expect(idShaped('11010519491231002X')).toBe(true); // the standard's own example
    expect(idShaped('110105194912310021')).toBe(true); // wrong check digit
    expect(idShaped('110105194913310028')).toBe(false); // month 13
    expect(idShaped('110105190002290028')).toBe(false); // 1900 was no leap year
    expect(idShaped('910105194912310021')).toBe(false); // no region starts with 9
  });

  it('takes 16–19 digits with an issuer’s prefix for a card number, whatever the Luhn digit', () => {
    expect(cardShaped('4111111111111111')).toBe(true);
    expect(cardShaped('4111111111111112')).toBe(true); // fails Luhn
    expect(cardShaped('6222021234567890127')).toBe(true); // 19 digits, fails Luhn
    expect(cardShaped('2025061512345678901')).toBe(false); // no issuer starts with 2025
    expect(cardShaped('62220212345678901234')).toBe(false); // 20 digits
  });

  it('masks the mistyped numbers of issue 14, and tells an 18-digit card from an identity number by the words before it', () => {
    expect(maskPii('身份证110105194912310021')).toEqual({
      text: `身份证${PII_PLACEHOLDERS['id-card']}`,
      found: { 'id-card': 1 },
    });
    expect(maskPii('卡号6222021234567890127')).toEqual({
      text: `卡号${PII_PLACEHOLDERS['bank-card']}`,
      found: { 'bank-card': 1 },
    });
    expect(kinds('银行卡号：370112199001011234')).toEqual(['bank-card']);
    expect(kinds('证件号：370112199001011234')).toEqual(['id-card']);
  });

  it('leaves long numbers of other shapes, and runs of small numbers, alone', () => {
    for (const text of [
      '订单号2025061512345678901',
      '项目代码2019-370112-48-01-012345',
      '国办发〔2019〕51号',
      '2020年为438.08亿元',
      '2021 2022 2023 2024 2025 五年间',
      '第1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16条',
      '6222 0212 34 5 6 7 8 9 0 1 2 7',
    ]) {
      expect(kinds(text), text).toEqual([]);
    }
  });
});

describe('phone numbers written to get past masking (issue 14)', () => {
  it('are found written in Chinese numerals, 0 as 〇 or 零, 1 as 幺, or on a cheque', () => {
    for (const text of [
      '一三八一二三四五六七八',
      '幺三八〇五三幺二四六八',
      '一三八零五三一二四六八',
      '一三八 一二三四 五六七八',
      '壹叁捌壹贰叁肆伍陆柒捌',
      '138一二三四5678',
    ]) {
      expect(maskPii(`手机${text}`), text).toEqual({ text: `手机${PII_PLACEHOLDERS.phone}`, found: { phone: 1 } });
    }
  });

  it('are found digit by digit, with the same separator between every two', () => {
    for (const text of [
      '1 3 8 1 2 3 4 5 6 7 8',
      '1-3-8-1-2-3-4-5-6-7-8',
      '1.3.8.1.2.3.4.5.6.7.8',
      '1  3  8  1  2  3  4  5  6  7  8',
    ]) {
      expect(maskPii(`${text} is mine`), text).toEqual({
        text: `${PII_PLACEHOLDERS.phone} is mine`,
        found: { phone: 1 },
      });
    }
  });

  it('are found with mixed separators, dashes of any width, full-width or circled digits', () => {
    for (const text of [
      '138-1234 5678',
      '138.1234.5678',
      '138–1234—5678',
      '１３８－１２３４　５６７８',
      '138\u00a01234 5678',
      '①③⑧①②③④⑤⑥⑦⑧',
    ]) {
      expect(kinds(`电话${text}。`), text).toEqual(['phone']);
    }
  });

  it('leave Chinese numerals in prose and runs of small numbers alone', () => {
    for (const text of [
      '十四五规划第三章',
      '一二三，一二三',
      '第十四个五年规划和二〇三五年远景目标纲要',
      '2021年 3 个 5 项',
      '1 3 8 1 2 3 4 5 6 7 8 9',
      '9 1 3 8 1 2 3 4 5 6 7 8',
      '1 3 5 7 9 11 13 15 17 19 21',
      '13 14 15 16 17 18 19',
    ]) {
      expect(kinds(text), text).toEqual([]);
    }
  });
});

describe('e-mail addresses written to get past masking (issue 14)', () => {
  it('are found with the @ and the dots disguised', () => {
    for (const text of [
      'a.b [at] c.cn',
      'a.b(at)c.cn',
      'a.b (AT) c.cn',
      'a.b＠c.cn',
      'a.b艾特c.cn',
      'a.b at c.cn',
      'a.b 【at】 c.cn',
      'a.b{at}c.cn',
      'a.b [@] c.cn',
      'a.b @ c.cn',
      'a.b [at] c [dot] cn',
      'a.b(at)c(dot)cn',
      'a.b艾特c点cn',
      'zhangsan at qq dot com',
    ]) {
      expect(maskPii(`邮箱 ${text}，谢谢`), text).toEqual({
        text: `邮箱 ${PII_PLACEHOLDERS.email}，谢谢`,
        found: { email: 1 },
      });
    }
  });

  it('take "at" as a plain word for an address only with more to go on than prose has', () => {
    for (const text of [
      'Write to zhangsan at qq.com',
      'Write to lihua88 at sdu.edu.cn',
      '邮箱zhaolei at jn.gov.cn',
      'Email: zhaolei at jn.gov.cn',
    ])
      expect(kinds(text), text).toEqual(['email']);
    for (const text of [
      'look at example.com for the report',
      'staff at sdu.edu.cn are helpful',
      'meet at 3.pm',
      'Data is at www.stats.gov.cn',
      '@历城发布 的微博',
      '大家可以艾特我',
    ])
      expect(kinds(text), text).toEqual([]);
  });
});
