import * as z from 'zod/mini';

/**
 * One published yearly value of an indicator. Observations are append-only: a correction is a
 * new revision of the same year saying who made it, when and why; the highest revision is current.
 */
export const Observation = z.strictObject({
  indicatorId: z.string().check(z.minLength(1)),
  year: z.number().check(z.int(), z.gte(2000), z.lte(2100)),
  value: z.number(),
  revision: z.number().check(z.int(), z.gte(1)),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string().check(z.minLength(1), z.maxLength(200)),
  reason: z.string().check(z.minLength(1), z.maxLength(1000)),
  source: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
});
export type Observation = z.infer<typeof Observation>;

export type NewObservation = Omit<Observation, 'revision' | 'recordedAt'>;

/** The current value of each year: the highest revision wins. Sorted by year. */
export function currentObservations(revisions: readonly Observation[]): Observation[] {
  const byYear = new Map<number, Observation>();
  for (const o of revisions) {
    const held = byYear.get(o.year);
    if (!held || o.revision > held.revision) byYear.set(o.year, o);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
