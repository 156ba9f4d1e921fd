import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../shared/audit/entry.js';
import { json } from '../helpers/api.js';
import { formFields, useStaffPages } from '../helpers/staff-pages.js';

/**
 * The audit page on dynalite, in both languages: each action named in words (its code only in
 * the raw entry), the details as labelled fields with statuses in words, the raw JSON behind a toggle.
 */
const pages = useStaffPages();
const { session, get } = pages;

/** The audit table's rows, one per entry. */
const rows = (html: string) => html.match(/<tr>[\s\S]*?<\/tr>/g)?.slice(1) ?? [];
/** The text of a row, tags stripped, outside its raw-entry toggle. */
const shownText = (row: string) =>
  row
    .replace(/<details class="audit-raw">[\s\S]*?<\/details>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the audit page', () => {
  it('names each action and its details in the page’s language, with the raw entry behind a toggle', async () => {
    const res = await pages.app.request(
      '/api/v1/feedback',
      json(
        { targetType: 'indicator', targetId: 'gdp', rating: 1, comment: '数据更新太慢' },
        { 'X-Voter-Token': pages.deps.voterTokens.issue().token },
      ),
    );
    const { feedbackId } = (await res.json()) as { feedbackId: string };
    const monitor = await session(['monitor'], 'li.si');
    const published = await pages.post(
      `/staff/comments/${feedbackId}/moderation`,
      monitor,
      formFields({ action: 'publish' }),
    );
    expect(published.status).toBe(303);
    const admin = await session(['admin'], 'zhao');

    const zh = await get('/staff/audit', admin);
    expect(zh.status).toBe(200);
    const zhRows = rows(zh.html);
    const publish = zhRows.find((row) => row.includes('data-action="comment.publish"'))!;
    const opened = zhRows.find((row) => row.includes('data-action="case.open"'))!;
    expect(shownText(publish)).toContain('通过留言');
    expect(shownText(publish)).toContain('原状态 待审核 新状态 已公开');
    expect(publish).toContain(`<a href="/staff/comments/${feedbackId}">${feedbackId}</a>`);
    expect(shownText(opened)).toContain('差评立案');
    expect(shownText(opened)).toMatch(/评分 1 答复期限/);
    for (const row of [publish, opened]) {
      // No code is the label; the raw entry, code and JSON, is there behind the toggle.
      expect(shownText(row)).not.toMatch(/comment\.publish|case\.open|\{"/);
      expect(row).toMatch(
        /<details class="audit-raw"><summary>原始记录（JSON）<\/summary><p><code>[a-z.]+<\/code><\/p><code>\{&quot;/,
      );
    }
    // The filter offers the actions by name, each keeping its code as the value.
    expect(zh.html).toContain('<option value="comment.publish">通过留言</option>');

    const en = await get('/staff/audit', admin, 'en');
    const enPublish = rows(en.html).find((row) => row.includes('data-action="comment.publish"'))!;
    expect(shownText(enPublish)).toContain('Comment published');
    expect(shownText(enPublish)).toMatch(/From pending To published/);
    expect(shownText(enPublish)).not.toContain('comment.publish');
    expect(enPublish).toContain('<summary>Raw entry (JSON)</summary>');
  });

  it('words the reasons gongping writes from their codes in each language, an older English sentence as stored, the code in the CSV', async () => {
    const flagged = { type: 'comment' as const, id: 'flagged-by-code' };
    const legacy = { type: 'comment' as const, id: 'flagged-before-codes' };
    const sentence = '3 citizens flagged it (threshold 3): sent for review, still public and marked under review';
    await pages.deps.audit.append(
      {
        actor: SYSTEM_ACTOR,
        action: 'comment.review',
        subject: flagged,
        reason: 'flags-reached-threshold',
        details: { lastReason: 'spam', flags: 4, threshold: 3 },
      },
      new Date(),
    );
    await pages.deps.audit.append(
      { actor: SYSTEM_ACTOR, action: 'comment.review', subject: legacy, reason: sentence, details: { flags: 3 } },
      new Date(),
    );
    const admin = await session(['admin'], 'zhao');
    const rowOf = (html: string, id: string) => shownText(rows(html).find((row) => row.includes(`>${id}</a>`))!);

    const zh = await get('/staff/audit?action=comment.review', admin);
    expect(rowOf(zh.html, flagged.id)).toContain('4 位群众举报（阈值 3）：进入复核');
    expect(rowOf(zh.html, flagged.id)).toContain('举报阈值 3');
    expect(rowOf(zh.html, flagged.id)).not.toContain('flags-reached-threshold');
    expect(rowOf(zh.html, legacy.id)).toContain(sentence);

    const en = await get('/staff/audit?action=comment.review', admin, 'en');
    expect(rowOf(en.html, flagged.id)).toContain('4 citizens flagged it (threshold 3): sent for review');
    expect(rowOf(en.html, flagged.id)).toContain('Flag threshold 3');
    expect(rowOf(en.html, legacy.id)).toContain(sentence);

    const csv = await get('/staff/export/audit.csv?action=comment.review', admin);
    const [header, ...lines] = csv.html.trim().split('\r\n');
    const reasonAt = header!.split(',').indexOf('reason');
    const line = lines.find((l) => l.includes(flagged.id))!;
    expect(line.split(',')[reasonAt]).toBe('flags-reached-threshold');
  });
});
