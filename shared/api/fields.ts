import * as z from 'zod/mini';

type Counts<K extends string> = { [N in K]: z.ZodMiniNumber<number> };

/** Whole-number fields, in the order named: the counts most answers are made of. */
export const counts = <const K extends string>(...names: K[]): Counts<K> =>
  Object.fromEntries(names.map((name) => [name, z.number().check(z.int())])) as Counts<K>;

/** What a public `departmentEn` is, beside the Chinese `department`, wherever citizens read one. */
export const DEPARTMENT_EN =
  'The department’s English name as it was when it was named; its Chinese name for a department given as free text, or named before English names were kept.';
