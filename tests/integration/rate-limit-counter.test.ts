import { describe, expect, it } from 'vitest';
import { feedbackLimits } from '../../shared/abuse/rate-limits.js';
import { RateLimitedError } from '../../shared/errors.js';
import { rateLimitRepository } from '../../shared/store/rate-limit-repository.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
const NOW = new Date('2026-03-01T10:00:00Z');
const limits = (perAddress: number, perVoter: number) =>
  feedbackLimits(rateLimitRepository(store.current), { windowSeconds: 600, perAddress, perVoter });
const counters = async (addressHash: string) =>
  (await store.scanAll()).filter((item) => item.type === 'rate-counter' && String(item.PK).includes(addressHash));
const refusal = async (check: Promise<void>) => {
  try {
    await check;
    return null;
  } catch (error) {
    if (error instanceof RateLimitedError) return error.limit;
    throw error;
  }
};

describe('the rate-limit counter of a client address', () => {
  it('is one item per address and window that counts the voters behind it without naming them', async () => {
    const limit = limits(100, 100);
    for (const voterId of ['voter-a', 'voter-b', 'voter-a'])
      await limit.check({ voterId, addressHash: 'hash-one' }, NOW);
    const items = await counters('hash-one');
    expect(items).toHaveLength(1);
    expect(items[0]!.hits).toBe(3);
    expect(
      Object.entries(items[0]!)
        .filter(([name]) => name.startsWith('m_'))
        .map(([, n]) => n as number)
        .sort(),
    ).toEqual([1, 2]);
    expect(JSON.stringify(items)).not.toMatch(/voter-a|voter-b/);
  });

  it('limits a voter per address, and the address whoever the voter', async () => {
    const limit = limits(5, 2);
    const at = (voterId: string, addressHash: string) => refusal(limit.check({ voterId, addressHash }, NOW));
    expect([await at('v', 'hash-two'), await at('v', 'hash-two'), await at('v', 'hash-two')]).toEqual([
      null,
      null,
      'voter',
    ]);
    // Another address counts afresh: a voter cookie is free to replace, so a voter-wide count held nobody back.
    expect(await at('v', 'hash-three')).toBeNull();
    // The voter's refused third try counted on the address too: 3 + 2 reach its 5.
    expect([await at('w', 'hash-two'), await at('x', 'hash-two'), await at('y', 'hash-two')]).toEqual([
      null,
      null,
      'address',
    ]);
  });

  it('stops growing at its cap, so a flood of new voters cannot swell the item', async () => {
    const limit = limits(10, 5);
    const answers = [];
    for (let i = 0; i < 40; i++)
      answers.push(await refusal(limit.check({ voterId: `flood-${i}`, addressHash: 'hash-four' }, NOW)));
    expect(answers.filter((a) => a === null)).toHaveLength(10);
    expect(answers.slice(10).every((a) => a === 'address')).toBe(true);
    const [item] = await counters('hash-four');
    expect(item!.hits).toBe(10);
    expect(Object.keys(item!).filter((name) => name.startsWith('m_'))).toHaveLength(10);
  });

  it('counts a voter without a known address on the voter alone', async () => {
    const limit = limits(100, 2);
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(await refusal(limit.check({ voterId: 'no-address', addressHash: null }, NOW)));
    expect(answers).toEqual([null, null, 'voter']);
  });
});
