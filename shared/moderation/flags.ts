import * as z from 'zod/mini';

/** Why a citizen flags a published comment. */
export const FlagReason = z.enum(['spam', 'offensive', 'personal-data', 'off-topic']);
export type FlagReason = z.infer<typeof FlagReason>;

/** Statuses a moderator can put a comment in, and what each action is called. */
export const MODERATION_ACTIONS = { publish: 'published', reject: 'rejected', hide: 'hidden' } as const;
export type ModerationAction = keyof typeof MODERATION_ACTIONS;

/**
 * Which moves are moderation: approve (or re-approve) a pending one, reject a pending one, hide a
 * published one. `publish` on a published comment under review keeps it (not a move of status,
 * so not listed here: the store decides it from the record).
 */
export const ALLOWED_FROM: Record<ModerationAction, ReadonlyArray<'pending' | 'published' | 'rejected' | 'hidden'>> = {
  publish: ['pending', 'rejected', 'hidden'],
  reject: ['pending'],
  hide: ['published'],
};
