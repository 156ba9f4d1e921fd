import { fileURLToPath } from 'node:url';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
  TimeWindow,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { planDataVersionKey, RATING_COUNTS_PARTITION_PREFIX, RATING_SERIES_PREFIX } from '../../shared/store/keys.js';
import { GongpingFunction, type TableAccess } from './function.js';

export const AGGREGATE_ENTRY = fileURLToPath(new URL('../../functions/aggregate/handler.ts', import.meta.url));

/**
 * What the aggregation's repository calls (shared/store/aggregation-repository.ts and the plan
 * snapshot it reads targets from): GetItem and PutItem of its state, counts and summaries, Query of
 * the 16 feedback shards and of the plan partition, BatchWriteItem of series points (written, or
 * removed when their scope no longer counts), which IAM allows on SERIES# partitions only, and
 * UpdateItem of the data versions item (PLANDATA), where it bumps the published ratings' version
 * (shared/store/data-versions.ts), and DeleteItem on RATINGS# partitions only, where the first run
 * after an upgrade deletes the older single counts item it split per plan (split-rating-counts.ts).
 * No other update or delete, no index, no scan (a rebuild re-reads the shards with the same Query calls).
 */
export const AGGREGATOR_TABLE_ACCESS: TableAccess = {
  actions: ['GetItem', 'PutItem', 'Query'],
  scoped: [
    { actions: ['BatchWriteItem'], partitionKeyPrefixes: [RATING_SERIES_PREFIX] },
    { actions: ['UpdateItem'], partitionKeyPrefixes: [planDataVersionKey.PK] },
    { actions: ['DeleteItem'], partitionKeyPrefixes: [RATING_COUNTS_PARTITION_PREFIX] },
  ],
};

/** EventBridge Scheduler context attributes, so every run can say which schedule, slot and attempt it is. */
export const SCHEDULE_INPUT = {
  scheduleArn: ContextAttribute.scheduleArn,
  scheduledTime: ContextAttribute.scheduledTime,
  executionId: ContextAttribute.executionId,
  attemptNumber: ContextAttribute.attemptNumber,
};

export interface AggregationProps {
  table: ITableV2;
  /** The entry to bundle; AGGREGATE_ENTRY unless a test swaps it. */
  entry?: string | undefined;
  rateMinutes: number;
  minRatings?: number | undefined;
  logRetention: RetentionDays;
}

/**
 * The rating aggregation: a function on an EventBridge Scheduler schedule. Reserved concurrency 1
 * means two runs never overlap (the algorithm tolerates it, but it would only waste capacity). A run
 * that cannot start before the next one is due is dropped rather than queued, since the next run
 * does its work anyway; failed deliveries (Scheduler) and failed runs (Lambda's asynchronous
 * invocation) both land in one encrypted dead-letter queue, which is alarmed.
 */
export class Aggregation extends Construct {
  readonly fn: GongpingFunction;
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: AggregationProps) {
    super(scope, id);
    const interval = Duration.minutes(props.rateMinutes);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    for (const rule of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
      Validations.of(this.deadLetterQueue).acknowledge({
        id: rule,
        reason:
          'This queue is itself the dead-letter queue of the scheduled functions (the aggregation, the overdue sweep) and of their schedules; nothing consumes it automatically.',
      });
    }

    this.fn = new GongpingFunction(this, 'Function', {
      entry: props.entry ?? AGGREGATE_ENTRY,
      description: 'gongping aggregation: folds new ratings into counts and publishes summaries',
      serviceName: 'gongping-aggregate',
      memorySize: 1024,
      // Finishes before the next run is due, so runs do not queue behind each other.
      timeout: Duration.seconds(Math.max(30, Math.min(900, props.rateMinutes * 60 - 30))),
      reservedConcurrentExecutions: 1,
      logRetention: props.logRetention,
      environment: {
        ...(props.minRatings !== undefined ? { MIN_RATINGS: String(props.minRatings) } : {}),
      },
      ...asScheduled(interval, this.deadLetterQueue),
    }).bindTable(props.table, AGGREGATOR_TABLE_ACCESS);

    this.schedule = invokeOnSchedule(this, this.fn, {
      what: 'the aggregation',
      description: `gongping: aggregate new ratings every ${props.rateMinutes} minute(s)`,
      interval,
      deadLetterQueue: this.deadLetterQueue,
    });
  }
}

/** A scheduled function's asynchronous invocation: failed runs go to the dead-letter queue, never retried. */
export const asScheduled = (interval: Duration, deadLetterQueue: Queue) => ({
  // Lambda's own asynchronous retries would only repeat what the next scheduled run does.
  retryAttempts: 0,
  maxEventAge: Duration.seconds(Math.max(60, interval.toSeconds())),
  onFailure: new SqsDestination(deadLetterQueue),
});

/**
 * Invokes a scheduled function on an EventBridge Scheduler schedule, with the context attributes as
 * input: retried a few times within one interval (a later delivery would only repeat the next run),
 * failed deliveries to the dead-letter queue. The role Scheduler assumes may invoke this function
 * and send to that queue, nothing else, and only for schedules of this account's default group
 * (confused-deputy conditions).
 */
export function invokeOnSchedule(
  scope: Construct,
  fn: GongpingFunction,
  props: { what: string; description: string; interval: Duration; deadLetterQueue: Queue },
): Schedule {
  const stack = Stack.of(scope);
  const scheduleRole = new Role(scope, 'ScheduleRole', {
    description: `gongping: EventBridge Scheduler invokes ${props.what}`,
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: {
        StringEquals: {
          'aws:SourceAccount': stack.account,
          'aws:SourceArn': stack.formatArn({
            service: 'scheduler',
            resource: 'schedule-group',
            resourceName: 'default',
          }),
        },
      },
    }),
  });
  Validations.of(fn).acknowledge({
    id: 'Serverless-LambdaDLQ',
    reason:
      'Failed asynchronous invocations go to the on-failure destination (the encrypted dead-letter queue of the scheduled functions), which records the error with the event; a legacy DeadLetterConfig would duplicate it.',
  });
  const functionLogicalId = stack.resolve((fn.node.defaultChild as CfnFunction).logicalId) as string;
  Validations.of(scheduleRole).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
    reason:
      `lambda:InvokeFunction on ${props.what} function and its qualified forms (function:name:*), as Function.grantInvoke writes it; ` +
      'the only wildcard is the version/alias qualifier of this one function.',
  });
  return new Schedule(scope, 'Schedule', {
    description: props.description,
    schedule: ScheduleExpression.rate(props.interval),
    timeWindow: TimeWindow.off(),
    target: new LambdaInvoke(fn, {
      role: scheduleRole,
      input: ScheduleTargetInput.fromObject(SCHEDULE_INPUT),
      retryAttempts: 3,
      maxEventAge: Duration.seconds(Math.max(60, props.interval.toSeconds())),
      deadLetterQueue: props.deadLetterQueue,
    }),
  });
}
