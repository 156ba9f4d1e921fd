import { describe, expect, it } from 'vitest';
import type { NewFeedback } from '../../shared/feedback/store.js';
import { feedbackRepository } from '../../shared/store/feedback-repository.js';
import { moderationRepository } from '../../shared/store/moderation-repository.js';
import { crashingStore, InjectedCrash } from '../helpers/faults.js';
import { useStore } from '../helpers/store.js';

const store = useStore();
let tick = 0;
const clock = () => new Date(Date.UTC(2025, 4, 1, 0, 0, tick++));
/** A rating's nonce spells its label, so what the log holds reads back by label. */
const nonceOf = (label: string) => `00000000-0000-4000-8000-${Buffer.from(label).toString('hex').padStart(12, '0')}`;
const labelOf = (feedbackId: unknown) =>
  Buffer.from(String(feedbackId).slice(-12), 'hex').toString().replace(/\0/g, '');
const rating = (label: string, value: 1 | 2 | 3 | 4 | 5, voterId = 'voter-a'): NewFeedback => ({
  nonce: nonceOf(label),
  voterId,
  planId: 'licheng-14th',
  targetType: 'indicator',
  targetId: 'gdp',
  year: 2025,
  rating: value,
  comment: null,
  clock,
});

describe('the feedback log', () => {
  it('skips a rating whose request died between its ballot and its record, so the voter is never counted twice', async () => {
    const feedback = feedbackRepository(store.current);
    await feedback.record(rating('w', 2));
    const dying = feedbackRepository(
      crashingStore(
        store.current,
        (c) => c.constructor.name === 'PutCommand' && (c.input as { Item: { type: string } }).Item.type === 'feedback',
      ),
    );
    await expect(dying.record(rating('x', 5))).rejects.toBeInstanceOf(InjectedCrash);

    // The next rating finds the ballot pointing at x, whose record never arrived: it declares x's
    // slot void and replaces w, the rating x would have replaced.
    const next = await feedback.record(rating('y', 4));
    expect(next.replaced).toMatchObject({ rating: 2 });
    expect(labelOf(next.replaced?.feedbackId)).toBe('w');

    const items = await store.scanAll();
    const logged = items.filter((i) => i.type === 'feedback' && i.voterId === 'voter-a');
    expect(logged.map((i) => labelOf(i.feedbackId)).sort()).toEqual(['w', 'y']);
    expect(items.filter((i) => i.type === 'void').map((i) => labelOf(i.feedbackId))).toEqual(['x']);
    const ballot = items.find((i) => i.type === 'ballot' && i.voterId === 'voter-a')!;
    expect(ballot).toMatchObject({ revision: 3 });
    expect([ballot.feedbackId, (ballot.replaces as { feedbackId: string }).feedbackId].map(labelOf)).toEqual([
      'y',
      'w',
    ]);
  });

  it('still lists a voter’s ratings when their ballot points at a slot a later request voided before it died', async () => {
    const feedback = feedbackRepository(store.current);
    await feedback.record(rating('m', 2, 'voter-d'));
    const isPut = (type: string) => (c: { constructor: { name: string }; input: unknown }) =>
      c.constructor.name === 'PutCommand' && (c.input as { Item: { type: string } }).Item.type === type;
    // n commits its ballot and dies before its record; o voids n's slot and dies before its ballot.
    await expect(
      feedbackRepository(crashingStore(store.current, isPut('feedback'))).record(rating('n', 5, 'voter-d')),
    ).rejects.toBeInstanceOf(InjectedCrash);
    await expect(
      feedbackRepository(crashingStore(store.current, isPut('ballot'))).record(rating('o', 4, 'voter-d')),
    ).rejects.toBeInstanceOf(InjectedCrash);
    const [ballot] = await feedback.ballotsOf('voter-d');
    expect(ballot).toMatchObject({ comment: null, commentStatus: 'none' });
    expect(labelOf(ballot?.feedbackId)).toBe('n');
  });

  it('lets a rating still in flight lose cleanly once its slot was declared void', async () => {
    const feedback = feedbackRepository(store.current);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Hold the first request between its ballot and its record while a second one runs.
    const slow = feedbackRepository({
      ...store.current,
      client: new Proxy(store.current.client, {
        get(target, property, receiver) {
          if (property !== 'send') return Reflect.get(target, property, receiver);
          return async (command: { constructor: { name: string }; input: { Item?: { type?: string } } }) => {
            if (command.constructor.name === 'PutCommand' && command.input.Item?.type === 'feedback') await gate;
            return target.send(command as never);
          };
        },
      }),
    });
    const first = slow.record(rating('p', 1, 'voter-b'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await feedback.record(rating('q', 3, 'voter-b'));
    expect(second.replaced).toBeNull();
    release();
    await expect(first).rejects.toThrow(/superseded/);
    const logged = (await store.scanAll()).filter((i) => i.type === 'feedback' && i.voterId === 'voter-b');
    expect(logged.map((i) => labelOf(i.feedbackId))).toEqual(['q']);
  });

  it('appends a moderation event when a comment’s visibility changes, and nothing when it does not', async () => {
    const feedback = feedbackRepository(store.current);
    const moderation = moderationRepository(store.current);
    const { record } = await feedback.record({ ...rating('c', 4, 'voter-c'), comment: '很好' });
    await moderation.setCommentStatus(record, 'published', new Date('2025-05-02T00:00:00Z'));
    await moderation.setCommentStatus(record, 'published', new Date('2025-05-03T00:00:00Z'));
    await moderation.setCommentStatus(record, 'hidden', new Date('2025-05-04T00:00:00Z'));
    const events = (await store.scanAll()).filter((i) => i.type === 'moderation' && i.feedbackId === record.feedbackId);
    expect(events.map((e) => [e.from, e.to]).sort()).toEqual([
      ['pending', 'published'],
      ['published', 'hidden'],
    ]);
    expect(events[0]).toMatchObject({ ratedAt: record.recordedAt, targetId: 'gdp', year: 2025 });
    const stored = (await store.scanAll()).find((i) => i.type === 'feedback' && i.feedbackId === record.feedbackId);
    expect(stored).toMatchObject({ rating: 4, commentStatus: 'hidden' });
    expect(stored?.GSI1PK).toBeUndefined();
  });
});
