import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE } from '../../shared/store/table.js';

export interface AlarmsProps {
  alarmEmail?: string | undefined;
  httpApi: HttpApi;
  /** Every function, by the name its alarms carry (Api, Staff, Web, Aggregator). */
  functions: Record<string, IFunction>;
  aggregator: IFunction;
  aggregationRateMinutes: number;
  deadLetterQueue: IQueue;
  table: ITableV2;
}

/** Percentage of API answers that were 5xx over five minutes before the alarm fires. */
export const API_5XX_PERCENT = 5;

/**
 * Alarms on what needs a person: API 5xx rate, Lambda errors and throttles of every function,
 * aggregation that failed or stopped running, anything in the dead-letter queue, DynamoDB
 * throttling. All go to one encrypted SNS topic; the e-mail subscription comes from the config.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    // CloudWatch can publish to an encrypted topic only with a customer managed key it may use.
    const key = new Key(this, 'TopicKey', {
      description: 'gongping: encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new Topic(this, 'Topic', { displayName: 'gongping alarms', masterKey: key, enforceSSL: true });
    if (props.alarmEmail) {
      const subscription = this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'E-mail delivery to the on-call address; an undelivered alarm e-mail would sit unread in a dead-letter queue too. ' +
          'Every alarm also stays visible in CloudWatch, and SNS reports failed deliveries in NumberOfNotificationsFailed.',
      });
    }
    const action = new SnsAction(this.topic);
    const period = Duration.minutes(5);

    const alarm = (
      name: string,
      description: string,
      metric: IMetric,
      threshold: number,
      options: Partial<{
        evaluationPeriods: number;
        datapointsToAlarm: number;
        comparisonOperator: ComparisonOperator;
        treatMissingData: TreatMissingData;
      }> = {},
    ) => {
      const created = new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.datapointsToAlarm ?? options.evaluationPeriods ?? 1,
        comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: options.treatMissingData ?? TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    alarm(
      'Api5xxRate',
      `More than ${API_5XX_PERCENT}% of API answers were 5xx over 5 minutes, twice in a row.`,
      new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: props.httpApi.metricServerError({ period, statistic: 'Sum' }),
          requests: props.httpApi.metricCount({ period, statistic: 'Sum' }),
        },
        period,
        label: 'API 5xx %',
      }),
      API_5XX_PERCENT,
      { evaluationPeriods: 2, comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD },
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}Errors`,
        `The ${name.toLowerCase()} function failed (uncaught error, timeout or cold-start failure).`,
        fn.metricErrors({ period, statistic: 'Sum' }),
        1,
      );
      alarm(
        `${name}Throttles`,
        `Invocations of the ${name.toLowerCase()} function were throttled.`,
        fn.metricThrottles({ period, statistic: 'Sum' }),
        1,
      );
    }
    // A schedule that silently stopped (disabled, deleted, permissions) shows as no invocations at all.
    const stalledPeriod = Duration.minutes(Math.max(5, props.aggregationRateMinutes));
    alarm(
      'AggregationStalled',
      `The aggregation has not run for ${3 * stalledPeriod.toMinutes()} minutes.`,
      props.aggregator.metricInvocations({ period: stalledPeriod, statistic: 'Sum' }),
      1,
      {
        evaluationPeriods: 3,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.BREACHING,
      },
    );
    alarm(
      'DeadLetters',
      'An aggregation run could not be delivered or failed: see the dead-letter queue.',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      1,
    );
    // The table's metrics leave out its indexes', and GSI1 holds the single-partition hot keys (the
    // moderation queue, the active cases). Throttle metrics are emitted only when non-zero, so each
    // is filled with 0: a sum with a missing term has no value, and the alarm would stay OK.
    const throttles: Record<string, IMetric> = {};
    for (const [scope, dimensions] of [
      ['table', {}],
      ...TABLE.indexes.map((index) => [index.name.toLowerCase(), { GlobalSecondaryIndexName: index.name }] as const),
    ] as const) {
      for (const kind of ['Read', 'Write'] as const) {
        throttles[`${kind.toLowerCase()}s_${scope}`] = props.table.metric(`${kind}ThrottleEvents`, {
          period,
          statistic: 'Sum',
          dimensionsMap: { TableName: props.table.tableName, ...dimensions },
        });
      }
    }
    alarm(
      'DynamoDbThrottles',
      'DynamoDB throttled reads or writes on the table or one of its indexes (a hot partition, or a burst past on-demand headroom).',
      new MathExpression({
        expression: Object.keys(throttles)
          .map((id) => `FILL(${id}, 0)`)
          .join(' + '),
        usingMetrics: throttles,
        period,
        label: 'DynamoDB throttle events',
      }),
      1,
    );
  }
}
