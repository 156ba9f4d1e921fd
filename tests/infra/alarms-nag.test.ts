import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { acknowledgements, appFunctions, logicalId, synthesise, unacknowledgedFindings } from './synth.js';

// One synthesis of the whole app for this file, without bundling (these tests read templates only),
// from cdk.json's dev defaults: if cdk-nag found an unacknowledged error, this line would throw.
const synth = synthesise({}, { bundle: false });
const { app, templates } = synth;
const { apiFn, staffFn, webFn, downloadsFn, staffPagesFn, aggregatorFn, overdueFn } = appFunctions(synth);

describe('alarms', () => {
  const alarms = Object.values(templates.app.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const topic = { Ref: logicalId(app.alarms.topic) };

  it('covers API 5xx rate, errors and throttles of every function, a stalled aggregation, dead letters and DynamoDB throttles', () => {
    const names = app.alarms.alarms.map((alarm) => alarm.node.id).sort();
    expect(names).toEqual(
      [
        'AggregationStalled',
        'AggregatorErrors',
        'AggregatorThrottles',
        'Api5xxRate',
        'ApiErrors',
        'ApiThrottles',
        'StaffErrors',
        'StaffThrottles',
        'WebErrors',
        'WebThrottles',
        'DownloadsErrors',
        'DownloadsThrottles',
        'StaffPagesErrors',
        'StaffPagesThrottles',
        'OverdueErrors',
        'OverdueThrottles',
        'DeadLetters',
        'DynamoDbThrottles',
      ].sort(),
    );
    // Each function's errors and throttles alarm watches that function.
    for (const [name, id] of [
      ['Api', apiFn],
      ['Staff', staffFn],
      ['Web', webFn],
      ['Downloads', downloadsFn],
      ['StaffPages', staffPagesFn],
      ['Aggregator', aggregatorFn],
      ['Overdue', overdueFn],
    ] as const) {
      for (const metric of ['Errors', 'Throttles']) {
        const alarm = alarms.find(
          (a) =>
            a.MetricName === metric &&
            JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: id } }]),
        );
        expect(alarm, `${name}${metric}`).toBeDefined();
      }
    }
  });

  it('counts DynamoDB throttles of the table and of every index, each filled with 0 where DynamoDB sends no data point', () => {
    const throttles = alarms.find((a) =>
      (a.Metrics as Array<{ Expression?: string }> | undefined)?.some((m) => m.Expression?.includes('FILL(')),
    )!;
    const metrics = throttles.Metrics as Array<{
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string; Dimensions: Array<{ Name: string; Value: unknown }> } };
    }>;
    const watched = metrics
      .filter((m) => m.MetricStat)
      .map(
        (m) =>
          `${m.MetricStat!.Metric.MetricName} ${m
            .MetricStat!.Metric.Dimensions.map((d) => d.Name)
            .sort()
            .join('+')}`,
      )
      .sort();
    // The table's, and GSI1's and GSI2's.
    expect(watched).toEqual([
      'ReadThrottleEvents GlobalSecondaryIndexName+TableName',
      'ReadThrottleEvents GlobalSecondaryIndexName+TableName',
      'ReadThrottleEvents TableName',
      'WriteThrottleEvents GlobalSecondaryIndexName+TableName',
      'WriteThrottleEvents GlobalSecondaryIndexName+TableName',
      'WriteThrottleEvents TableName',
    ]);
    const expression = metrics.find((m) => m.Expression)!.Expression!;
    for (const m of metrics.filter((x) => x.MetricStat)) expect(expression).toContain(`FILL(${m.Id}, 0)`);
  });

  it('sends every alarm (and its recovery) to the one topic', () => {
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([topic]);
      expect(alarm.OKActions).toEqual([topic]);
    }
  });

  it('encrypts the topic with a rotating key CloudWatch may use, and refuses publishing without TLS', () => {
    templates.app.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    templates.app.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } })]),
      },
    });
    templates.app.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    // dev has no e-mail: the topic is there, nobody is subscribed.
    templates.app.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  it('leaves no finding unacknowledged, errors or warnings', () => {
    expect(unacknowledgedFindings(synth.root)).toEqual([]);
  });

  it('acknowledges on the resource concerned, never a whole stack, each with a written reason', () => {
    const all = acknowledgements(synth.root);
    expect(all.length).toBeGreaterThan(0);
    for (const ack of all) {
      expect(ack.onStack, `${ack.id} at ${ack.path}`).toBe(false);
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(60);
    }
    // Wildcard findings are acknowledged one by one, naming the exact action or resource.
    for (const ack of all.filter((a) => a.id.startsWith('AwsSolutions-IAM5')))
      expect(ack.id).toMatch(/^AwsSolutions-IAM5\[(Action|Resource)::.+\]$/);
    expect(all.some((a) => a.id === 'AwsSolutions-IAM4' || a.id === 'AwsSolutions-IAM5')).toBe(false);
  });
});
