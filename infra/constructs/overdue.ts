import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { caseKey, PLAN_REGISTRY_PARTITION } from '../../shared/store/keys.js';
import { asScheduled, invokeOnSchedule } from './aggregation.js';
import { GongpingFunction, type TableAccess } from './function.js';

export const OVERDUE_ENTRY = fileURLToPath(new URL('../../functions/overdue/handler.ts', import.meta.url));

/** Minutes between sweeps: a deadline is told within a quarter of an hour of passing. */
export const OVERDUE_RATE_MINUTES = 15;

/**
 * What the sweep calls (shared/cases/overdue.ts): Query of the plan registry (PLANS) for the plans,
 * Query of GSI1 for each plan's cases past their deadline, and GetItem and PutItem of case items
 * (CASE#), where it records a notice (and drops the subscriptions a push service says are gone).
 * Nothing else, and only on those partitions.
 */
export const OVERDUE_TABLE_ACCESS: TableAccess = {
  actions: [],
  queryIndexes: ['GSI1'],
  scoped: [
    { actions: ['Query'], partitionKeyPrefixes: [PLAN_REGISTRY_PARTITION] },
    { actions: ['GetItem', 'PutItem'], partitionKeyPrefixes: [caseKey('').PK] },
  ],
};

export interface OverdueNoticesProps {
  table: ITableV2;
  /** The scheduled functions' dead-letter queue (the aggregation's), which is alarmed. */
  deadLetterQueue: Queue;
  logRetention: RetentionDays;
}

/**
 * The scheduled deadline check (issue 16 §1): tells the followers of each 差评 case whose reply
 * deadline passed unanswered, once per deadline. A function of its own, beside the aggregation
 * rather than in it, so that web-push stays out of the aggregation's small bundle
 * (tests/bench/RESULTS.md). Runs may overlap: the notice is claimed by a conditional write.
 */
export class OverdueNotices extends Construct {
  readonly fn: GongpingFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: OverdueNoticesProps) {
    super(scope, id);
    const interval = Duration.minutes(OVERDUE_RATE_MINUTES);
    this.fn = new GongpingFunction(this, 'Function', {
      entry: OVERDUE_ENTRY,
      description: "gongping overdue sweep: tells a 差评 case's followers that its reply deadline passed",
      serviceName: 'gongping-overdue',
      memorySize: 512,
      timeout: Duration.minutes(5),
      logRetention: props.logRetention,
      ...asScheduled(interval, props.deadLetterQueue),
    }).bindTable(props.table, OVERDUE_TABLE_ACCESS);
    this.schedule = invokeOnSchedule(this, this.fn, {
      what: 'the overdue sweep',
      description: `gongping: tell followers of cases past their deadline, every ${OVERDUE_RATE_MINUTES} minutes`,
      interval,
      deadLetterQueue: props.deadLetterQueue,
    });
  }
}
