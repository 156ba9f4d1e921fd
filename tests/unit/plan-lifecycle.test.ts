import { describe, expect, it } from 'vitest';
import { problemFor } from '../../shared/http/problem.js';
import {
  assertTakesRatings,
  PLAN_STATUSES,
  PlanClosedToRatingsError,
  planStatusChange,
  PlanStatusError,
  takesRatings,
  visibleToCitizens,
  type PlanStatus,
} from '../../shared/plan/lifecycle.js';

describe("a plan's lifecycle", () => {
  it.each<[PlanStatus, PlanStatus, string]>([
    ['draft', 'published', 'plan.publish'],
    ['published', 'closed', 'plan.close'],
    ['closed', 'published', 'plan.reopen'],
  ])('lets a %s plan become %s, logged as %s', (from, to, action) => {
    expect(planStatusChange('p', from, to)).toBe(action);
  });

  it.each<[PlanStatus, PlanStatus, RegExp]>([
    ['published', 'draft', /a published plan cannot become draft \(allowed: closed\)/],
    ['closed', 'draft', /a closed plan cannot become draft/],
    ['draft', 'closed', /a draft plan cannot become closed \(allowed: published\)/],
    ['draft', 'draft', /already draft/],
    ['published', 'published', /already published/],
    ['closed', 'closed', /already closed/],
  ])('refuses to turn a %s plan into %s, as a conflict of state', (from, to, message) => {
    const change = () => planStatusChange('p', from, to);
    expect(change).toThrow(PlanStatusError);
    expect(change).toThrow(message);
    try {
      change();
    } catch (error) {
      expect(problemFor(error)).toMatchObject({ type: 'invalid-state', status: 409, extras: { planStatus: from } });
    }
  });

  it('shows drafts to staff only, and takes ratings only while published', () => {
    expect(PLAN_STATUSES.filter(visibleToCitizens)).toEqual(['published', 'closed']);
    expect(PLAN_STATUSES.filter(takesRatings)).toEqual(['published']);
    expect(() => assertTakesRatings('p', 'published')).not.toThrow();
    expect(() => assertTakesRatings('p', 'closed')).toThrow(/plan p is closed: it can be read, no longer rated/);
    expect(() => assertTakesRatings('p', 'draft')).toThrow(PlanClosedToRatingsError);
  });
});
