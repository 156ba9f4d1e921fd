import * as z from 'zod/mini';
import { Department, DEPARTMENT_ID_PATTERN, DepartmentId, MAX_ALIASES } from '../departments/department.js';
import { DEPARTMENT_MAX_LENGTH } from '../feedback/record.js';
import { doc } from './registry.js';

const Name = z.string().check(z.trim(), z.minLength(1), z.maxLength(DEPARTMENT_MAX_LENGTH));
const Aliases = doc(z.array(Name).check(z.maxLength(MAX_ALIASES)), {
  description: 'Other names it answers to; free text of older replies that equals one of them counts as it.',
});

export const DepartmentModel = doc(Department, {
  id: 'Department',
  description:
    'A department (部门) that answers replies and 差评 cases, from the managed list; never deleted, only deactivated.',
});
export const DepartmentList = z.strictObject({ items: z.array(DepartmentModel) });
export const DepartmentPath = z.strictObject({ departmentId: DepartmentId });

export const NewDepartmentBody = z.strictObject({
  id: doc(z.string().check(z.regex(DEPARTMENT_ID_PATTERN)), {
    description: 'Lower-case letters, digits and hyphens; never changes.',
  }),
  nameZh: Name,
  nameEn: Name,
  aliases: z.optional(Aliases),
});

export const DepartmentChangeBody = z
  .strictObject({
    nameZh: z.optional(Name),
    nameEn: z.optional(Name),
    aliases: z.optional(Aliases),
    active: doc(z.optional(z.boolean()), { description: '`false` deactivates: replies can no longer choose it.' }),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, 'say what changes'));

export const DepartmentImportResult = z.strictObject({
  dryRun: z.boolean(),
  rows: z.number().check(z.int()),
  added: z.number().check(z.int()),
  changed: z.number().check(z.int()),
});
