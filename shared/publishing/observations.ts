import * as z from 'zod/mini';
import { DomainError, type ErrorExtras, type ErrorKind } from '../errors.js';
import { Year, type Indicator } from '../plan/schema.js';
import { currentObservations, type Observation, type NewObservation } from '../plan/observation.js';
import type { SystemReason } from '../plan/revision-reason.js';
import { csvProblem, csvReasonEn, readCsv, type CsvProblem, type CsvReason } from './csv.js';

/**
 * Publishing an indicator's yearly value: a first value, or a correction (a new revision that
 * must say why). Values are never overwritten; the public page shows every revision.
 */

type YearSpan = Pick<Indicator, 'baselineYear' | 'targetYear'>;
export interface YearRange {
  min: number;
  max: number;
}
/** No year at all: what a plan without indicators takes values for. */
export interface NoYears {
  min: undefined;
  max: undefined;
}

/**
 * The years indicators take values for: from the earliest baseline year to the latest target year,
 * as their plan states them; an empty range (both ends undefined) for no indicators.
 */
export function observableYears(indicators: readonly [YearSpan, ...YearSpan[]]): YearRange;
export function observableYears(indicators: readonly YearSpan[]): YearRange | NoYears;
export function observableYears(indicators: readonly YearSpan[]): YearRange | NoYears {
  if (indicators.length === 0) return { min: undefined, max: undefined };
  return {
    min: Math.min(...indicators.map((i) => i.baselineYear)),
    max: Math.max(...indicators.map((i) => i.targetYear)),
  };
}

/** Where a published value or progress report comes from. */
export const SOURCE_MAX_LENGTH = 500;
/** Why a value was published or corrected. */
export const OBSERVATION_REASON_MAX_LENGTH = 1000;

export const ObservationInput = z
  .strictObject({
    year: Year,
    value: z.number(),
    source: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(SOURCE_MAX_LENGTH))),
    /** Why: required for a correction, optional for a year's first value (the CSV column `note`). */
    reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(OBSERVATION_REASON_MAX_LENGTH))),
    /** The same as `reason`, under the name the CSV file uses; give one or the other. */
    note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(OBSERVATION_REASON_MAX_LENGTH))),
  })
  .check(
    z.refine((input) => input.reason === undefined || input.note === undefined, {
      message: 'give reason or note, not both',
      path: ['note'],
    }),
  );
export type ObservationInput = z.infer<typeof ObservationInput>;

export type PublishDecision =
  | { kind: 'new'; observation: NewObservation }
  | { kind: 'correction'; observation: NewObservation; previous: Observation }
  | { kind: 'unchanged'; current: Observation };

export class PublishRuleError extends DomainError {
  override name = 'PublishRuleError';
  readonly kind: ErrorKind = 'validation-failed';
  constructor(readonly why: Extract<CsvReason, { code: 'correctionNeedsReason' | 'yearRange' }>) {
    super(csvReasonEn(why));
  }
  /** The field at fault: the year, or the reason a correction lacks. */
  get field(): 'year' | 'reason' {
    return this.why.code === 'yearRange' ? 'year' : 'reason';
  }
  override extras(): ErrorExtras {
    return { errors: [{ path: this.field, message: this.message }] };
  }
}

/** What publishing `input` would do, given the indicator's revisions so far. */
export function decide(
  indicator: Indicator,
  revisions: readonly Observation[],
  input: ObservationInput,
  recordedBy: string,
  /** Why, when the input gives no reason: a first value, stored as the system's code. */
  defaultReason: SystemReason,
): PublishDecision {
  const years = observableYears([indicator]);
  if (input.year < years.min || input.year > years.max)
    throw new PublishRuleError({ code: 'yearRange', ...years, text: String(input.year) });
  const current = currentObservations(revisions.filter((o) => o.indicatorId === indicator.id)).find(
    (o) => o.year === input.year,
  );
  const reason = input.reason ?? input.note;
  if (current && current.value === input.value && (input.source === undefined || input.source === current.source))
    return { kind: 'unchanged', current };
  if (current && !reason)
    throw new PublishRuleError({ code: 'correctionNeedsReason', year: input.year, value: current.value });
  const observation: NewObservation = {
    indicatorId: indicator.id,
    year: input.year,
    value: input.value,
    recordedBy,
    reason: reason ?? defaultReason,
    ...((input.source ?? current?.source) ? { source: input.source ?? current!.source! } : {}),
  };
  return current ? { kind: 'correction', observation, previous: current } : { kind: 'new', observation };
}

// ---- CSV -------------------------------------------------------------------------------------

/**
 * The values file, exported and imported alike. Import reads indicator_id, year, value, source
 * and note (the reason of a correction); the other columns are there for people and ignored.
 */
export const OBSERVATION_COLUMNS = [
  'indicator_id',
  'year',
  'value',
  'source',
  'note',
  'name_zh',
  'unit',
  'revision',
  'recorded_at',
  'recorded_by',
] as const;
const REQUIRED = ['indicator_id', 'year', 'value'] as const;

export interface ImportPlan {
  decisions: Array<{ line: number; decision: PublishDecision }>;
  problems: CsvProblem[];
}

const NUMBER = /^-?(?:\d+|\d*\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Validates a whole values file against the plan, row by row, before anything is written: every
 * problem is reported with its line, column and reason. The caller writes only if there is none.
 */
export function planObservationImport(
  text: string,
  indicators: readonly Indicator[],
  revisions: readonly Observation[],
  recordedBy: string,
): ImportPlan {
  const { rows, problems } = readCsv(text, { required: REQUIRED, known: OBSERVATION_COLUMNS });
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const seen = new Map<string, number>();
  const decisions: ImportPlan['decisions'] = [];
  if (rows.length === 0 && problems.length === 0) problems.push(csvProblem(2, null, { code: 'noRows' }));
  for (const { line, values } of rows) {
    const bad = (column: string | null, why: CsvReason) => problems.push(csvProblem(line, column, why));
    const indicator = byId.get(values.indicator_id ?? '');
    if (!indicator)
      bad(
        'indicator_id',
        values.indicator_id ? { code: 'unknownId', kind: 'indicator', id: values.indicator_id } : { code: 'required' },
      );
    const yearText = values.year ?? '';
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    // A year out of its indicator's range is refused by decide, below; one that is no year at all, here
    // (in a plan without indicators every row is refused for its indicator already).
    const years = observableYears(indicator ? [indicator] : indicators);
    if (Number.isNaN(year) && years.min !== undefined) bad('year', { code: 'yearRange', ...years, text: yearText });
    const valueText = values.value ?? '';
    let value = NaN;
    if (valueText === '') bad('value', { code: 'required' });
    else if (/[,，]/.test(valueText)) bad('value', { code: 'thousandsSeparator' });
    else if (!NUMBER.test(valueText)) bad('value', { code: 'notANumber', text: valueText });
    else if (!Number.isFinite(Number(valueText))) bad('value', { code: 'tooLarge', text: valueText });
    else value = Number(valueText);
    const source = values.source?.trim() || undefined;
    const note = values.note?.trim() || undefined;
    if (source && source.length > 500) bad('source', { code: 'tooLong', max: 500 });
    if (note && note.length > 1000) bad('note', { code: 'tooLong', max: 1000 });
    if (!indicator || Number.isNaN(year) || Number.isNaN(value)) continue;
    const key = `${indicator.id}|${year}`;
    if (seen.has(key)) {
      bad('year', { code: 'repeated', what: `${indicator.id} ${year}`, line: seen.get(key)! });
      continue;
    }
    seen.set(key, line);
    try {
      decisions.push({
        line,
        decision: decide(indicator, revisions, { year, value, source, reason: note }, recordedBy, 'csv-publication'),
      });
    } catch (error) {
      if (!(error instanceof PublishRuleError)) throw error;
      bad(error.field === 'year' ? 'year' : 'note', error.why);
    }
  }
  return { decisions, problems: problems.sort((a, b) => a.line - b.line) };
}

/** The current value of every indicator and year, as the values file. */
export function observationRows(indicators: readonly Indicator[], revisions: readonly Observation[]) {
  return indicators.flatMap((indicator) =>
    currentObservations(revisions.filter((o) => o.indicatorId === indicator.id)).map((o) => ({
      indicator_id: indicator.id,
      year: o.year,
      value: o.value,
      source: o.source ?? '',
      note: o.revision > 1 ? o.reason : '',
      name_zh: indicator.nameZh,
      unit: indicator.unit,
      revision: o.revision,
      recorded_at: o.recordedAt,
      recorded_by: o.recordedBy,
    })),
  );
}
