import type { Observation } from '../plan/observation.js';
import type { Indicator } from '../plan/schema.js';
import { systemReasonOf } from '../plan/revision-reason.js';
import { BOX3, column, INDICATOR_UNIT, PUBLISHER, type Dataset } from './columns.js';

/** One published revision of an indicator's value for a year. */
export interface ObservationRow {
  observation: Observation;
  indicator: Indicator;
  /** This revision is the highest of its year. */
  current: boolean;
}

/** observations.csv / observations.json: every value ever published, corrections as new revisions. */
export const observations: Dataset<ObservationRow> = {
  id: 'observations',
  titleZh: '指标年度数值（含全部修订）',
  titleEn: 'Indicator values by year, every revision',
  rowEn:
    'one published value of an indicator for a year; a correction is a new revision of the same year, with who, when and why',
  rowZh: '某指标某年度的一次公布值；更正为同一年度的新修订版本，注明更正人、时间与原因',
  source: PUBLISHER,
  columns: [
    column({
      name: 'indicator_id',
      en: 'Id of the indicator (dataset `indicators`)',
      zh: '指标标识',
      source: 'gongping',
      value: (r) => r.observation.indicatorId,
    }),
    column({
      name: 'indicator_name_zh',
      en: 'Name of the indicator',
      zh: '指标名称',
      source: BOX3,
      value: (r) => r.indicator.nameZh,
    }),
    column({
      name: 'year',
      type: 'integer',
      unit: 'year',
      en: 'Year the value is for',
      zh: '数据年份',
      source: PUBLISHER,
      value: (r) => r.observation.year,
    }),
    column({
      name: 'value',
      type: 'number',
      unit: INDICATOR_UNIT,
      en: 'The value',
      zh: '数值',
      source: PUBLISHER,
      value: (r) => r.observation.value,
    }),
    column({
      name: 'unit',
      en: 'Unit of the value, from the plan',
      zh: '单位',
      source: BOX3,
      value: (r) => r.indicator.unit,
    }),
    column({
      name: 'revision',
      type: 'integer',
      en: 'Revision of this year’s value: 1 first published, 2 the first correction, …',
      zh: '修订序号',
      source: 'gongping',
      value: (r) => r.observation.revision,
    }),
    column({
      name: 'current',
      type: 'boolean',
      en: 'This is the highest revision of its year (the value in use)',
      zh: '是否为现行值',
      source: 'gongping',
      value: (r) => r.current,
    }),
    column({
      name: 'recorded_at',
      type: 'datetime',
      unit: 'ISO 8601, UTC',
      en: 'When the revision was published',
      zh: '公布时间',
      source: 'gongping',
      value: (r) => r.observation.recordedAt,
    }),
    column({
      name: 'recorded_by',
      en: 'Who published it (the publishing office)',
      zh: '公布人',
      source: PUBLISHER,
      freeText: true,
      value: (r) => r.observation.recordedBy,
    }),
    column({
      name: 'reason',
      en: 'Why: `first-publication` (or `csv-publication`, by a CSV import) for a year’s first value, in gongping’s code; for a correction, the publisher’s words',
      zh: '公布或更正原因',
      source: PUBLISHER,
      freeText: true,
      // Older revisions kept the first value's reason as an English sentence: given as its code too.
      value: (r) => systemReasonOf(r.observation.reason) ?? r.observation.reason,
    }),
    column({
      name: 'data_source',
      en: 'The statistical source cited by the publisher (e.g. a yearbook or bulletin)',
      zh: '数据来源',
      source: PUBLISHER,
      nullable: true,
      freeText: true,
      value: (r) => r.observation.source ?? null,
    }),
  ],
};
