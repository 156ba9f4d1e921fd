import { createHash, createHmac } from 'node:crypto';
import { RateLimitedError } from '../errors.js';
import type { RateLimitRepository } from '../store/rate-limit-repository.js';

export interface RateLimitSettings {
  windowSeconds: number;
  perAddress: number;
  perVoter: number;
}

/**
 * A client address, hashed with a key derived from the deployment's secret and salted with the
 * day: the hash cannot be reversed by trying every IPv4 address without the secret, and the same
 * address hashes differently tomorrow, so nothing links one day's submissions to another's.
 */
export function addressHasher(secret: string) {
  const key = createHmac('sha256', secret).update('gongping client address v1').digest();
  return (address: string, now: Date) =>
    createHmac('sha256', key)
      .update(`${now.toISOString().slice(0, 10)}|${address}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
}

/**
 * Limits on feedback submissions, per hashed client address and per voter, in one counter item per
 * address and window: the voters behind the address are counted inside it, under a hash that is
 * salted with the address hash, so the item never names a voter and one write serves both limits.
 * A voter is limited per address rather than across addresses: a caller with several addresses can
 * take a new voter cookie for each at no cost, so a voter-wide count never held them back, and it
 * cost a second write on every rating. Without a known address, the voter's own counter is the limit.
 */
export function feedbackLimits(counters: Pick<RateLimitRepository, 'hit'>, settings: RateLimitSettings) {
  return {
    async check(caller: { voterId: string; addressHash: string | null }, now: Date): Promise<void> {
      const retryAfter = (resetsAt: number) => Math.max(1, resetsAt - Math.floor(now.getTime() / 1000));
      const { windowSeconds, perAddress, perVoter } = settings;
      if (!caller.addressHash) {
        const hit = await counters.hit(`voter#${caller.voterId}`, 'voter', perVoter, windowSeconds, now);
        if (!hit.accepted) throw new RateLimitedError(retryAfter(hit.resetsAt), 'voter');
        return;
      }
      const member = createHash('sha256')
        .update(`${caller.addressHash}|${caller.voterId}`)
        .digest()
        .subarray(0, 9)
        .toString('base64url');
      const hit = await counters.hit(`address#${caller.addressHash}`, member, perAddress, windowSeconds, now);
      if (!hit.accepted) throw new RateLimitedError(retryAfter(hit.resetsAt), 'address');
      if (hit.memberCount > perVoter) throw new RateLimitedError(retryAfter(hit.resetsAt), 'voter');
    },
  };
}

export type FeedbackLimits = ReturnType<typeof feedbackLimits>;

/**
 * Look-ups of a case by its receipt (shared/cases/lookup.ts), per client in a window: on the look-up
 * page and API, and, counted apart, readings of a case's private feed, which a feed reader repeats.
 */
export const CASE_LOOKUP_LIMITS = {
  windowSeconds: 15 * 60,
  perClient: 10,
  /** Feed readings of one case per client: a reader polling every few minutes, never a guesser. */
  feedPerClient: 60,
};

/** What a look-up is for: opening a case (the page, the API), or reading its feed. */
export type LookupPurpose = { kind: 'lookup' } | { kind: 'feed'; caseId: string };

/**
 * Limits look-ups of cases by receipt code, per hashed client address (per voter without one),
 * right or wrong: a guesser gets ten tries a quarter of an hour, nowhere near a 50-bit code. A
 * case's feed is counted per client and case, so a reader polling several feeds (or many readers
 * behind one service's address) is not held back by the others.
 */
export function lookupLimits(
  counters: Pick<RateLimitRepository, 'hit'>,
  settings: typeof CASE_LOOKUP_LIMITS = CASE_LOOKUP_LIMITS,
) {
  return {
    async check(
      client: { addressHash: string | null; voterId: string | null },
      now: Date,
      purpose: LookupPurpose = { kind: 'lookup' },
    ): Promise<void> {
      const who = client.addressHash ? `address#${client.addressHash}` : `voter#${client.voterId ?? 'none'}`;
      const [subject, cap] =
        purpose.kind === 'feed'
          ? [`casefeed#${who}#${purpose.caseId}`, settings.feedPerClient]
          : [`lookup#${who}`, settings.perClient];
      const hit = await counters.hit(subject, purpose.kind, cap, settings.windowSeconds, now);
      if (!hit.accepted) {
        const retryAfter = Math.max(1, hit.resetsAt - Math.floor(now.getTime() / 1000));
        throw new RateLimitedError(retryAfter, client.addressHash ? 'address' : 'voter');
      }
    },
  };
}

export type LookupLimits = ReturnType<typeof lookupLimits>;
