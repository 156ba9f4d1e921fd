import * as z from 'zod/mini';
import { Category, HistoryRow, Indicator, Project } from './schema.js';

/**
 * The whole plan as its data file holds it (licheng-14th.json, read by ./load.ts and seeded into
 * the store), with the checks that only make sense across the whole document. Apart from
 * ./schema.ts because the functions read the plan item by item and never build this schema.
 */
export const Plan = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
    titleZh: z.string().check(z.minLength(1)),
    titleEn: z.string().check(z.minLength(1)),
    district: z.string().check(z.minLength(1)),
    periodStart: z.number().check(z.int()),
    periodEnd: z.number().check(z.int()),
    baselineYear: z.number().check(z.int()),
    source: z.strictObject({ document: z.string().check(z.minLength(1)), sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)) }),
    categories: z.array(z.strictObject({ id: Category, nameEn: z.string().check(z.minLength(1)) })),
    indicators: z.array(Indicator),
    history: z.array(HistoryRow),
    projects: z.array(Project),
  })
  .check(
    z.superRefine((plan, ctx) => {
      const unique = (label: string, ids: string[]) => {
        const seen = new Set<string>();
        for (const id of ids) {
          if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `duplicate ${label} id ${id}` });
          seen.add(id);
        }
      };
      unique('indicator', plan.indicators.map((i) => i.id));
      unique('history', plan.history.map((h) => h.id));
      unique('project', plan.projects.map((p) => p.id));
      const historyIds = new Set(plan.history.map((h) => h.id));
      for (const indicator of plan.indicators) {
        for (const ref of indicator.history) {
          if (!historyIds.has(ref)) ctx.addIssue({ code: 'custom', message: `${indicator.id} refers to unknown history row ${ref}` });
        }
      }
    }),
  );
export type Plan = z.infer<typeof Plan>;
