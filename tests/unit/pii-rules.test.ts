import { describe, expect, it } from 'vitest';
import { detectPii, idCheckDigit, isResidentId, luhnValid, maskPii, PII_PLACEHOLDERS } from '../../shared/moderation/pii.js';

describe('the checks behind the detectors', () => {
  it('computes the GB 11643-1999 check digit, X included', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X'); // the standard's own example
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('11010519491231002x')).toBe(true);
    expect(isResidentId('110105194912310021')).toBe(false); // wrong check digit
    expect(isResidentId('110105194913310028')).toBe(false); // month 13
  });

  it('applies the Luhn check', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('6222021234567890128')).toBe(luhnValid('6222021234567890128'));
  });
});

/** The kinds found in `text`, in order. */
const kinds = (text: string) => detectPii(text).map((m) => m.kind);

describe('phone numbers written to get past masking (issue 14)', () => {
  it('are found written in Chinese numerals, 0 as 〇 or 零, 1 as 幺, or on a cheque', () => {
    for (const text of ['一三八一二三四五六七八', '幺三八〇五三幺二四六八', '一三八零五三一二四六八', '一三八 一二三四 五六七八', '壹叁捌壹贰叁肆伍陆柒捌', '138一二三四5678']) {
      expect(maskPii(`手机${text}`), text).toEqual({ text: `手机${PII_PLACEHOLDERS.phone}`, found: { phone: 1 } });
    }
  });

  it('are found digit by digit, with the same separator between every two', () => {
    for (const text of ['1 3 8 1 2 3 4 5 6 7 8', '1-3-8-1-2-3-4-5-6-7-8', '1.3.8.1.2.3.4.5.6.7.8', '1  3  8  1  2  3  4  5  6  7  8']) {
      expect(maskPii(`${text} is mine`), text).toEqual({ text: `${PII_PLACEHOLDERS.phone} is mine`, found: { phone: 1 } });
    }
  });

  it('are found with mixed separators, dashes of any width, full-width or circled digits', () => {
    for (const text of ['138-1234 5678', '138.1234.5678', '138–1234—5678', '１３８－１２３４　５６７８', '138\u00a01234 5678', '①③⑧①②③④⑤⑥⑦⑧']) {
      expect(kinds(`电话${text}。`), text).toEqual(['phone']);
    }
  });

  it('leave Chinese numerals in prose and runs of small numbers alone', () => {
    for (const text of ['十四五规划第三章', '一二三，一二三', '第十四个五年规划和二〇三五年远景目标纲要', '2021年 3 个 5 项', '1 3 8 1 2 3 4 5 6 7 8 9', '9 1 3 8 1 2 3 4 5 6 7 8', '1 3 5 7 9 11 13 15 17 19 21', '13 14 15 16 17 18 19']) {
      expect(kinds(text), text).toEqual([]);
    }
  });
});

describe('e-mail addresses written to get past masking (issue 14)', () => {
  it('are found with the @ and the dots disguised', () => {
    for (const text of ['a.b [at] c.cn', 'a.b(at)c.cn', 'a.b (AT) c.cn', 'a.b＠c.cn', 'a.b艾特c.cn', 'a.b at c.cn', 'a.b 【at】 c.cn', 'a.b{at}c.cn', 'a.b [@] c.cn', 'a.b @ c.cn', 'a.b [at] c [dot] cn', 'a.b(at)c(dot)cn', 'a.b艾特c点cn', 'zhangsan at qq dot com']) {
      expect(maskPii(`邮箱 ${text}，谢谢`), text).toEqual({ text: `邮箱 ${PII_PLACEHOLDERS.email}，谢谢`, found: { email: 1 } });
    }
  });

  it('take "at" as a plain word for an address only with more to go on than prose has', () => {
    for (const text of ['Write to zhangsan at qq.com', 'Write to lihua88 at sdu.edu.cn', '邮箱zhaolei at jn.gov.cn', 'Email: zhaolei at jn.gov.cn']) expect(kinds(text), text).toEqual(['email']);
    for (const text of ['look at example.com for the report', 'staff at sdu.edu.cn are helpful', 'meet at 3.pm', 'Data is at www.stats.gov.cn', '@历城发布 的微博', '大家可以艾特我']) expect(kinds(text), text).toEqual([]);
  });
});
