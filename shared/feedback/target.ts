import * as z from 'zod/mini';

export const TargetType = z.enum(['indicator', 'project']);
export type TargetType = z.infer<typeof TargetType>;

/** Ids are kebab-case and short; anything else cannot name a target, so it is refused at the edge. */
export const TargetId = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'not a target id'), z.maxLength(80));
