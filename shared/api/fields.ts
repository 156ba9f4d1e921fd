import * as z from 'zod/mini';

type Counts<K extends string> = { [N in K]: z.ZodMiniNumber<number> };

/** Whole-number fields, in the order named: the counts most answers are made of. */
export const counts = <const K extends string>(...names: K[]): Counts<K> =>
  Object.fromEntries(names.map((name) => [name, z.number().check(z.int())])) as Counts<K>;
