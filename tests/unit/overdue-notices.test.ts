import { describe, expect, it } from 'vitest';
import { applyStep, dueState, newCase, type FollowUpCase } from '../../shared/cases/case.js';
import { overdueToTell } from '../../shared/cases/overdue.js';
import { workCalendar } from '../../shared/cases/working-days.js';

/**
 * Which cases the scheduled sweep tells that their deadline passed: those dueState calls overdue,
 * followed by someone, not yet told of that deadline; a dispute's new deadline is told again.
 */
const calendar = workCalendar();
const rules = { deadlineDays: 15, calendar };
const openedAt = new Date('2025-06-16T02:00:00Z');
const subscription = { endpoint: 'https://fcm.googleapis.com/fcm/send/x' };

const opened = (n: number) =>
  newCase(
    {
      feedback: { shard: 0, recordedAt: openedAt.toISOString(), feedbackId: `case-${n}` },
      voterId: 'voter',
      planId: 'licheng-14th',
      targetType: 'indicator',
      targetId: 'gdp',
      rating: 1,
    },
    openedAt,
    rules,
  );
const followed = (c: FollowUpCase, overdueTold?: string) => ({
  case: c,
  following: { push: [subscription], overdueTold },
});
const after = (c: FollowUpCase) => new Date(Date.parse(c.dueAt!) + 1);

describe('the cases owed an overdue notice', () => {
  it('are the followed cases past their deadline that were not told of it', () => {
    const late = opened(1);
    const now = after(late);
    expect(dueState(late, now, calendar)).toBe('overdue');
    const told = followed(opened(2), late.dueAt!);
    const unfollowed = { case: opened(3), following: {} };
    const ahead = followed(opened(4));
    expect(overdueToTell([followed(late), told, unfollowed], now).map((c) => c.case.caseId)).toEqual(['case-1']);
    expect(overdueToTell([ahead], new Date(late.dueAt!))).toEqual([]);
  });

  it('are not the answered or closed ones, and are again a disputed one once its new deadline passes', () => {
    const verified = applyStep(opened(1), { action: 'verify' }, 'monitor', openedAt, rules);
    const replied = applyStep(
      verified,
      { action: 'reply', department: '统计局', text: '已公布。' },
      'monitor',
      openedAt,
      rules,
    );
    const closed = applyStep(replied, { action: 'close', note: '办结' }, 'monitor', openedAt, rules);
    const late = after(opened(1));
    expect(overdueToTell([followed(replied), followed(closed)], late)).toEqual([]);

    // Told of the first deadline, then disputed: the review's deadline is a new one.
    const disputed = applyStep(replied, { action: 'unsatisfied' }, 'citizen', late, rules);
    const firstDeadline = opened(1).dueAt!;
    expect(overdueToTell([followed(disputed, firstDeadline)], late)).toEqual([]);
    expect(overdueToTell([followed(disputed, firstDeadline)], after(disputed))).toHaveLength(1);
    expect(overdueToTell([followed(disputed, disputed.dueAt!)], after(disputed))).toEqual([]);
  });
});
