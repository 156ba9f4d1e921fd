import { INVISIBLE } from '../moderation/pii.js';

export const COMMENT_MAX_LENGTH = 2000;

// C0 and C1 controls except tab and line feed, which are part of ordinary writing.
// eslint-disable-next-line no-control-regex -- matching control characters is what this pattern is for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The stored form of a comment: invisible characters removed (first, so that what they kept
 * apart composes), NFC (so the same text always has the same code points and length), line breaks
 * unified, control characters removed, outer whitespace trimmed. Returns null when nothing is
 * left. Invisible characters go because nobody reviewing the comment can see them: kept, they
 * could split a phone number so that masking misses it while readers still read it.
 */
export function normaliseComment(text: string): string | null {
  const cleaned = text.replace(INVISIBLE, '').normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
  return cleaned.length === 0 ? null : cleaned;
}

/** Length in Unicode code points, the unit a reader counts in (an emoji is one character). */
export const commentLength = (text: string) => [...text].length;
