import * as z from 'zod/v4';

/**
 * One published yearly value of an indicator. Observations are append-only: a correction is a
 * new revision of the same year saying who made it, when and why; the highest revision is current.
 */
export const Observation = z.strictObject({
  indicatorId: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  value: z.number().finite(),
  revision: z.number().int().min(1),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string().min(1).max(200),
  reason: z.string().min(1).max(1000),
  source: z.string().min(1).max(500).optional(),
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
