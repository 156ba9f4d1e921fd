import * as z from 'zod/v4';

export const TargetType = z.enum(['indicator', 'project']);
export type TargetType = z.infer<typeof TargetType>;

/** Ids are kebab-case and short; anything else cannot name a target, so it is refused at the edge. */
export const TargetId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'not a target id').max(80);
