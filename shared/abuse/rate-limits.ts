import { createHmac } from 'node:crypto';
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

/** Limits on feedback submissions, per hashed client address and per voter. */
export function feedbackLimits(counters: Pick<RateLimitRepository, 'hit'>, settings: RateLimitSettings) {
  return {
    async check(caller: { voterId: string; addressHash: string | null }, now: Date): Promise<void> {
      const [byAddress, byVoter] = await Promise.all([
        caller.addressHash ? counters.hit(`address#${caller.addressHash}`, settings.windowSeconds, now) : null,
        counters.hit(`voter#${caller.voterId}`, settings.windowSeconds, now),
      ]);
      const retryAfter = (resetsAt: number) => Math.max(1, resetsAt - Math.floor(now.getTime() / 1000));
      if (byAddress && byAddress.count > settings.perAddress)
        throw new RateLimitedError(retryAfter(byAddress.resetsAt), 'address');
      if (byVoter.count > settings.perVoter) throw new RateLimitedError(retryAfter(byVoter.resetsAt), 'voter');
    },
  };
}

export type FeedbackLimits = ReturnType<typeof feedbackLimits>;
