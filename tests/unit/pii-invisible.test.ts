import { describe, expect, it } from 'vitest';
import { normaliseComment } from '../../shared/feedback/comment.js';
import { FeedbackSubmission } from '../../shared/feedback/submit.js';
import { maskPii, maskPiiWithin, PII_PLACEHOLDERS } from '../../shared/moderation/pii.js';

/** What submitFeedback keeps of a comment: the text as the submission schema cleans it, masked. */
function stored(comment: string) {
  const parsed = FeedbackSubmission.parse({ targetType: 'indicator', targetId: 'gdp', rating: 3, comment });
  return maskPii(parsed.comment!);
}

const INVISIBLES = {
  'zero-width space': '\u200b',
  'zero-width non-joiner': '\u200c',
  'zero-width joiner': '\u200d',
  'soft hyphen': '\u00ad',
  'word joiner': '\u2060',
  'byte order mark': '\ufeff',
  'right-to-left override': '\u202e',
  'pop directional formatting': '\u202c',
  'first strong isolate': '\u2068',
  'Mongolian vowel separator': '\u180e',
  'variation selector 16': '\ufe0f',
  'variation selector 256': '\u{e01ef}',
  'tag letter a': '\u{e0061}',
  'cancel tag': '\u{e007f}',
  'combining grapheme joiner': '\u034f',
  'Hangul filler': '\u3164',
};

describe('invisible characters in a comment', () => {
  it('are removed before the comment is masked and stored', () => {
    for (const [name, ch] of Object.entries(INVISIBLES)) expect(normaliseComment(`好${ch}评${ch}`), name).toBe('好评');
    expect(normaliseComment('\u200b\u00ad\ufeff')).toBeNull();
  });

  it('cannot hide a phone number from masking (issue 14)', () => {
    expect(stored('手机138\u200b1234\u200b5678')).toEqual({
      text: `手机${PII_PLACEHOLDERS.phone}`,
      found: { phone: 1 },
    });
    expect(stored('138\u00ad1234\u00ad5678')).toEqual({ text: PII_PLACEHOLDERS.phone, found: { phone: 1 } });
  });

  it('cannot hide any kind of personal data, and none is left in what is stored', () => {
    const zw = (value: string) => [...value].join('\u200b');
    const shy = (value: string) => [...value].join('\u00ad');
    const cases = [
      [`电话${zw('0531-88061234')}`, 'phone'],
      [`身份证${shy('11010519491231002X')}`, 'id-card'],
      [`卡号${zw('6222021234567890128')}`, 'bank-card'],
      [`邮箱${shy('zhangsan@163.com')}`, 'email'],
      [`住在${zw('历山路123号3号楼2单元502室')}`, 'address'],
      ['电话1\u2060381234\u200d5678，身份证110105\ufe0f19491231002X', 'phone'],
    ] as const;
    for (const [comment, kind] of cases) {
      const masked = stored(comment);
      expect(masked.found[kind], comment).toBeGreaterThanOrEqual(1);
      expect(masked.text, comment).not.toMatch(/\p{Cf}|\d{4}/u);
    }
  });
});

describe('detection', () => {
  it('reads through invisible characters in text that was not cleaned like a comment (an official reply)', () => {
    expect(maskPii('请致电138\u200b1234\u200b5678。')).toEqual({
      text: `请致电${PII_PLACEHOLDERS.phone}。`,
      found: { phone: 1 },
    });
    expect(maskPii('身份证\u202e11010519491231002X\u202c')).toEqual({
      text: `身份证\u202e${PII_PLACEHOLDERS['id-card']}`,
      found: { 'id-card': 1 },
    });
  });

  it('keeps an official reply without the invisible characters it was typed with, as a comment is kept', () => {
    expect(maskPiiWithin('请致电­0531​-88123456，‮详见公告‬。', 500).text).toBe(
      `请致电${PII_PLACEHOLDERS.phone}，详见公告。`,
    );
  });

  it('reads digits with marks drawn on them as digits: keycaps and underlines', () => {
    const keycaps = [...'13812345678'].map((d) => `${d}\ufe0f\u20e3`).join('');
    expect(stored(`电话${keycaps}`)).toEqual({ text: `电话${PII_PLACEHOLDERS.phone}`, found: { phone: 1 } });
    expect(maskPii([...'13812345678'].map((d) => `${d}\u0332`).join('')).found).toEqual({ phone: 1 });
  });
});
