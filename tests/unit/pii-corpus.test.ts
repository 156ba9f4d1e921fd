import { describe, expect, it } from 'vitest';
import { detectPii, maskPii, PII_KINDS, PII_PLACEHOLDERS, type PiiKind } from '../../shared/moderation/pii.js';
import { piiCorpus } from '../fixtures/pii-corpus.js';

/**
 * Detection measured on the labelled corpus, entity by entity: a find is right if it overlaps a
 * labelled entity of the same kind; a labelled entity is found if some find of its kind overlaps
 * it. Negatives may produce no find at all.
 */
function evaluate() {
  const corpus = piiCorpus();
  const perKind = Object.fromEntries(PII_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<
    PiiKind,
    { tp: number; fp: number; fn: number }
  >;
  const mistakes: string[] = [];
  for (const snippet of corpus) {
    const found = detectPii(snippet.text);
    const labelled = snippet.entities.map((e) => {
      const start = snippet.text.indexOf(e.value);
      if (start < 0) throw new Error(`corpus error: ${e.value} is not in ${snippet.text}`);
      return { ...e, start, end: start + e.value.length };
    });
    for (const f of found) {
      const hit = labelled.some((l) => l.kind === f.kind && f.start < l.end && l.start < f.end);
      if (hit) perKind[f.kind].tp++;
      else {
        perKind[f.kind].fp++;
        mistakes.push(`false ${f.kind}: ${snippet.text.slice(f.start, f.end)} in «${snippet.text}»`);
      }
    }
    for (const l of labelled) {
      if (!found.some((f) => f.kind === l.kind && f.start < l.end && l.start < f.end)) {
        perKind[l.kind].fn++;
        mistakes.push(`missed ${l.kind}: ${l.value} in «${snippet.text}»`);
      }
    }
  }
  const total = Object.values(perKind).reduce((a, k) => ({ tp: a.tp + k.tp, fp: a.fp + k.fp, fn: a.fn + k.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  return { corpus, perKind, total, mistakes };
}

describe('personal-data detection on the labelled corpus', () => {
  const { corpus, perKind, total, mistakes } = evaluate();

  it('is measured on at least 300 snippets, positives and tricky negatives, in Chinese and English', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(corpus.filter((s) => s.entities.length === 0).length).toBeGreaterThanOrEqual(120);
    for (const kind of PII_KINDS)
      expect(corpus.filter((s) => s.entities.some((e) => e.kind === kind)).length).toBeGreaterThanOrEqual(20);
    expect(corpus.some((s) => /[A-Za-z]{4,} [A-Za-z]{4,}/.test(s.text) && s.entities.length > 0)).toBe(true);
  });

  it('has precision and recall of at least 0.99 overall and 0.97 for every kind', () => {
    const precision = total.tp / (total.tp + total.fp);
    const recall = total.tp / (total.tp + total.fn);
    console.info(
      `PII detection on ${corpus.length} snippets: precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}\n` +
        PII_KINDS.map((k) => `  ${k}: tp ${perKind[k].tp}, fp ${perKind[k].fp}, fn ${perKind[k].fn}`).join('\n') +
        (mistakes.length ? `\n  ${mistakes.join('\n  ')}` : ''),
    );
    expect(precision).toBeGreaterThanOrEqual(0.99);
    expect(recall).toBeGreaterThanOrEqual(0.99);
    for (const kind of PII_KINDS) {
      const k = perKind[kind];
      expect(k.tp / (k.tp + k.fp), `${kind} precision`).toBeGreaterThanOrEqual(0.97);
      expect(k.tp / (k.tp + k.fn), `${kind} recall`).toBeGreaterThanOrEqual(0.97);
    }
  });

  it('leaves no digit of a masked number and no part of a masked address in the text', () => {
    for (const snippet of corpus) {
      const { text } = maskPii(snippet.text);
      for (const entity of snippet.entities) {
        if (!perKind[entity.kind] || !detectPii(snippet.text).some((f) => f.kind === entity.kind)) continue;
        expect(text, snippet.text).not.toContain(entity.value);
        const run = entity.value.replace(/\D/g, '');
        if (run.length >= 7) expect(text.replace(/\D/g, ''), snippet.text).not.toContain(run.slice(-7));
      }
    }
  });

  it('leaves at least 99% of the negatives exactly as they were', () => {
    const negatives = corpus.filter((s) => s.entities.length === 0);
    const changed = negatives.filter((s) => maskPii(s.text).text !== s.text);
    expect(changed.length / negatives.length, changed.map((s) => s.text).join('\n')).toBeLessThanOrEqual(0.01);
  });
});

describe('masking', () => {
  it('replaces each find with a placeholder naming its kind, and counts them', () => {
    const masked = maskPii('电话13805312468，邮箱zhangsan@163.com，电话15966668888');
    expect(masked.text).toBe(
      `电话${PII_PLACEHOLDERS.phone}，邮箱${PII_PLACEHOLDERS.email}，电话${PII_PLACEHOLDERS.phone}`,
    );
    expect(masked.found).toEqual({ phone: 2, email: 1 });
  });

  it('keeps text without personal data identical, including the plan’s own numbers', () => {
    const text = '2025年地区生产总值目标为632亿元，2020年为438.08亿元，请公布2024年数据。';
    expect(maskPii(text)).toEqual({ text, found: {} });
  });
});
