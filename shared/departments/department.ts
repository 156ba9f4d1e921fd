import * as z from 'zod/mini';
import { DomainError, NotFoundError, type ErrorKind } from '../errors.js';
import { DEPARTMENT_MAX_LENGTH } from '../feedback/record.js';

/**
 * The departments (部门) that answer 差评 and comments, as a managed list: a reply names one by its
 * id, so "统计局" and "鲤城区统计局" are one department in the statistics. A department is never
 * deleted, only deactivated: old replies keep pointing at it.
 */
export const DEPARTMENT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const DepartmentId = z.string().check(z.regex(DEPARTMENT_ID_PATTERN));
const Name = z.string().check(z.trim(), z.minLength(1), z.maxLength(DEPARTMENT_MAX_LENGTH));
export const MAX_ALIASES = 20;

export const Department = z.strictObject({
  id: DepartmentId,
  nameZh: Name,
  nameEn: Name,
  /** Other names the department went by (a former name is kept here on renaming), matched like its names. */
  aliases: z.array(Name).check(z.maxLength(MAX_ALIASES)),
  active: z.boolean(),
});
export type Department = z.infer<typeof Department>;

/** A name or alias another department already answers to, or a department twice. */
export class DepartmentClashError extends DomainError {
  override name = 'DepartmentClashError';
  readonly kind: ErrorKind = 'invalid-state';
}

/** The same name however it was typed: full-width forms folded, spaces dropped, case ignored. */
export const sameName = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const namesOf = (d: Pick<Department, 'nameZh' | 'nameEn' | 'aliases'>) => [d.nameZh, d.nameEn, ...d.aliases];

/** The department a name (or alias) stands for, active or not, or null: how free text of old replies is mapped. */
export function matchDepartment(list: readonly Department[], text: string): Department | null {
  const wanted = sameName(text);
  return list.find((d) => namesOf(d).some((n) => sameName(n) === wanted)) ?? null;
}

/** The first name of `candidate` that another department of `list` answers to, if any. */
function clashOf(list: readonly Department[], candidate: Department): string | null {
  for (const other of list) {
    if (other.id === candidate.id) continue;
    const taken = new Set(namesOf(other).map(sameName));
    const clash = namesOf(candidate).find((n) => taken.has(sameName(n)));
    if (clash) return `${clash} is already a name of department ${other.id}`;
  }
  return null;
}

const checked = (list: readonly Department[], candidate: Department): Department => {
  const clash = clashOf(list, candidate);
  if (clash) throw new DepartmentClashError(clash);
  return candidate;
};

const uniqueNames = (names: readonly string[], except: readonly string[]) => {
  const skip = new Set(except.map(sameName));
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = sameName(n);
    if (skip.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

export type NewDepartment = Omit<Department, 'active' | 'aliases'> & { aliases?: string[] | undefined };

/** The list with a new, active department; refused if its id or one of its names is taken. */
export function addDepartment(list: readonly Department[], input: NewDepartment): Department[] {
  if (list.some((d) => d.id === input.id)) throw new DepartmentClashError(`department ${input.id} exists already`);
  const added = Department.parse({
    ...input,
    aliases: uniqueNames(input.aliases ?? [], [input.nameZh, input.nameEn]),
    active: true,
  });
  return [...list, checked(list, added)];
}

export type DepartmentChange = Partial<Pick<Department, 'nameZh' | 'nameEn' | 'aliases' | 'active'>>;

/**
 * The list with one department renamed, its aliases replaced, or (de)activated. A former Chinese
 * name becomes an alias, so free text written under it still maps to the department.
 */
export function changeDepartment(list: readonly Department[], id: string, change: DepartmentChange): Department[] {
  const current = list.find((d) => d.id === id);
  if (!current) throw new NotFoundError('department', id);
  const nameZh = change.nameZh ?? current.nameZh;
  const nameEn = change.nameEn ?? current.nameEn;
  const former = nameZh === current.nameZh ? [] : [current.nameZh];
  const changed = Department.parse({
    ...current,
    nameZh,
    nameEn,
    aliases: uniqueNames([...(change.aliases ?? current.aliases), ...former], [nameZh, nameEn]),
    active: change.active ?? current.active,
  });
  return list.map((d) => (d.id === id ? checked(list, changed) : d));
}

/** An active department by id, or the reason it cannot be chosen for a reply. */
export function activeDepartment(list: readonly Department[], id: string): Department {
  const found = list.find((d) => d.id === id);
  if (!found) throw new UnknownDepartmentError(`no department ${id}; choose one of the list`);
  if (!found.active) throw new UnknownDepartmentError(`department ${id} is no longer active`);
  return found;
}

/** A reply's department id that is not in the list, or deactivated: the request is invalid. */
export class UnknownDepartmentError extends DomainError {
  override name = 'UnknownDepartmentError';
  readonly kind: ErrorKind = 'validation-failed';
  override extras() {
    return { detail: this.message, errors: [{ path: 'departmentId', message: this.message }] };
  }
}

/** What a reply, a verification or an assignment names: a department of the list, or (deprecated) free text. */
export interface DepartmentChoice {
  /** null or absent: none chosen. */
  departmentId?: string | null | undefined;
  /** Free text, as replies named departments before the list: matched to a department's name or alias. */
  department?: string | undefined;
}

/**
 * The department a step names, as kept with it: its id and English name (both null for free text
 * no department answers to) and its Chinese name, so a reply reads as it was given after a rename.
 */
export interface ChosenDepartment {
  departmentId: string | null;
  department: string;
  departmentEn: string | null;
}

/**
 * The department a reply names: an active department of the list by id; or free text (the API's
 * deprecated `department`), kept as the department it names when it is one's name or alias, else
 * as typed and unassigned.
 */
export function chooseDepartment(list: readonly Department[], choice: DepartmentChoice): ChosenDepartment {
  if (choice.departmentId != null) {
    const found = activeDepartment(list, choice.departmentId);
    return { departmentId: found.id, department: found.nameZh, departmentEn: found.nameEn };
  }
  if (choice.department === undefined) throw new UnknownDepartmentError('choose the department that answers');
  const matched = matchDepartment(list, choice.department);
  return matched?.active
    ? { departmentId: matched.id, department: matched.nameZh, departmentEn: matched.nameEn }
    : { departmentId: null, department: choice.department, departmentEn: null };
}

/** The department a case or reply counts for: a listed one, or the free text no department answers to. */
export interface AttributedDepartment {
  /** The department's id; null for free text that matches none (shown as typed, "unassigned"). */
  id: string | null;
  nameZh: string;
  nameEn: string;
}

/**
 * Which department a case or a reply counts for in the statistics: its department id if it has
 * one; else its free text (older replies) matched exactly to a department's name or alias; else the
 * free text itself, unassigned but never dropped. Null when it names no department at all.
 */
export function attributeDepartment(
  list: readonly Department[],
  named: { departmentId?: string | null | undefined; department: string | null },
): AttributedDepartment | null {
  const found =
    (named.departmentId ? list.find((d) => d.id === named.departmentId) : undefined) ??
    (named.department === null ? null : matchDepartment(list, named.department));
  if (found) return { id: found.id, nameZh: found.nameZh, nameEn: found.nameEn };
  return named.department === null ? null : { id: null, nameZh: named.department, nameEn: named.department };
}
