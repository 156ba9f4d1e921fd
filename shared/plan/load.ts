import planData from './licheng-14th.json' with { type: 'json' };
import { Plan } from './document.js';
import '../validation-messages.js';

/** Validates plan data against the schema; the error lists every failing path. */
export function parsePlan(data: unknown): Plan {
  const result = Plan.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `  ${path}: ${issue.message}`;
  });
  throw new Error(`Invalid plan data (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n${issues.join('\n')}`);
}

/** The Licheng 14th five-year plan, read from licheng-14th.json and validated. */
export function loadPlan(): Plan {
  return parsePlan(planData);
}
