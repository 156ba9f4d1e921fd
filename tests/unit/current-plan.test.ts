import { describe, expect, it } from 'vitest';
import { currentPlan, publicPlansInOrder, type PlanChoice } from '../../shared/plan/current.js';

const fourteenth: PlanChoice = { id: 'licheng-14th', periodStart: 2021, periodEnd: 2025 };
const fifteenth: PlanChoice = { id: 'licheng-15th', periodStart: 2026, periodEnd: 2030, status: 'published' };
const special: PlanChoice = { id: 'water-2027', periodStart: 2027, periodEnd: 2029, status: 'published' };
const draft: PlanChoice = { id: 'licheng-16th', periodStart: 2031, periodEnd: 2035, status: 'draft' };
const at = (iso: string) => new Date(iso);

describe('the current plan', () => {
  it('is the configured plan when it is public, whatever the date', () => {
    expect(currentPlan([fourteenth, fifteenth], at('2027-06-01T00:00:00Z'), 'licheng-14th')?.id).toBe('licheng-14th');
  });

  it('falls back to the date rule when the configured plan is a draft or not loaded', () => {
    const plans = [fourteenth, fifteenth, draft];
    expect(currentPlan(plans, at('2027-06-01T00:00:00Z'), 'licheng-16th')?.id).toBe('licheng-15th');
    expect(currentPlan(plans, at('2027-06-01T00:00:00Z'), 'no-such-plan')?.id).toBe('licheng-15th');
  });

  it('is the published plan whose period holds the year in China Standard Time', () => {
    const plans = [fourteenth, fifteenth];
    expect(currentPlan(plans, at('2024-03-01T00:00:00Z'), null)?.id).toBe('licheng-14th');
    // 2025-12-31 16:30 UTC is already 2026-01-01 in Beijing.
    expect(currentPlan(plans, at('2025-12-31T15:59:00Z'), null)?.id).toBe('licheng-14th');
    expect(currentPlan(plans, at('2025-12-31T16:30:00Z'), null)?.id).toBe('licheng-15th');
  });

  it('reads a plan without a status as published, and never counts a closed plan as in force', () => {
    const closedFifteenth: PlanChoice = { ...fifteenth, status: 'closed' };
    expect(currentPlan([fourteenth, closedFifteenth], at('2026-06-01T00:00:00Z'), null)?.id).toBe('licheng-15th');
    expect(currentPlan([{ ...fourteenth, status: 'closed' }, fifteenth], at('2023-06-01T00:00:00Z'), null)?.id).toBe(
      'licheng-15th',
    );
  });

  it('of several plans in force, takes the one that started last', () => {
    expect(currentPlan([special, fifteenth], at('2028-06-01T00:00:00Z'), null)?.id).toBe('water-2027');
  });

  it('is the latest public plan by end of period when none is in force', () => {
    expect(currentPlan([fourteenth, fifteenth, draft], at('2040-01-01T00:00:00Z'), null)?.id).toBe('licheng-15th');
    expect(currentPlan([fifteenth, fourteenth], at('2019-01-01T00:00:00Z'), null)?.id).toBe('licheng-15th');
  });

  it('is never a draft, and null when no plan is public', () => {
    expect(currentPlan([draft], at('2033-01-01T00:00:00Z'), null)).toBeNull();
    expect(currentPlan([draft], at('2033-01-01T00:00:00Z'), 'licheng-16th')).toBeNull();
    expect(currentPlan([], at('2033-01-01T00:00:00Z'), null)).toBeNull();
  });

  it('lists the public plans with the current one first, then the newest', () => {
    const order = publicPlansInOrder([fourteenth, draft, special, fifteenth], fourteenth).map((p) => p.id);
    expect(order).toEqual(['licheng-14th', 'licheng-15th', 'water-2027']);
  });
});
