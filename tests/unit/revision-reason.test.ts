import { describe, expect, it } from 'vitest';
import { SYSTEM_REASONS, systemReasonOf } from '../../shared/plan/revision-reason.js';
import { reasonInWords } from '../../web/i18n-revisions.js';
import { messages } from '../../web/i18n.js';

/** gongping's own reasons for a revision: kept as codes, read from older English sentences too, worded per page. */
describe('the reason of a revision', () => {
  it('is the system’s when it is one of its codes or one of the English sentences stored before them', () => {
    for (const code of SYSTEM_REASONS) expect(systemReasonOf(code)).toBe(code);
    expect(systemReasonOf('first publication')).toBe('first-publication');
    expect(systemReasonOf('first report')).toBe('first-report');
    expect(systemReasonOf('published by CSV import')).toBe('csv-publication');
    expect(systemReasonOf('first report (CSV import)')).toBe('csv-first-report');
    expect(systemReasonOf('updated by CSV import')).toBe('csv-update');
  });

  it('is a person’s when it is anything else, even close to a system sentence', () => {
    for (const typed of ['统计局年报修订', 'First publication', 'first publication.', 'toString', 'constructor', ''])
      expect(systemReasonOf(typed), typed).toBeNull();
  });

  it('reads in the page’s language when it is the system’s, and as typed otherwise', () => {
    const zh = messages('zh-CN');
    const en = messages('en');
    for (const code of SYSTEM_REASONS) {
      expect(zh.systemReason(code)).toMatch(/\p{Script=Han}/u);
      expect(en.systemReason(code)).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(reasonInWords(zh, { reason: 'first publication', reasonCode: systemReasonOf('first publication') })).toBe(
      '首次公布',
    );
    expect(reasonInWords(en, { reason: 'first-report', reasonCode: 'first-report' })).toBe('First report');
    expect(reasonInWords(zh, { reason: '统计局修订', reasonCode: null })).toBe('统计局修订');
  });
});
