import * as z from 'zod/mini';

export const TargetType = z.enum(['indicator', 'project']);
export type TargetType = z.infer<typeof TargetType>;

/** Ids are kebab-case and short; anything else cannot name a target, so it is refused at the edge. */
/** A target of one plan: the same target id in two plans is two targets, rated and counted apart. */
export interface PlanTarget {
  planId: string;
  targetType: TargetType;
  targetId: string;
}

/** A plan's id, as plan files give it (shared/plan/document.ts). */
export const PlanId = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'not a plan id'), z.maxLength(64));

export const TargetId = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'not a target id'), z.maxLength(80));
