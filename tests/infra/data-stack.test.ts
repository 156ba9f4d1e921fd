import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DataStack } from '../../infra/data-stack.js';
import { createTableInput, TABLE } from '../../shared/store/table.js';

const stack = new DataStack(new App(), 'Data');
const template = Template.fromStack(stack);

describe('the data stack', () => {
  it('builds the table from the same definition as the local bootstrap', () => {
    const local = createTableInput('t');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: local.KeySchema,
      AttributeDefinitions: Match.arrayEquals(local.AttributeDefinitions!.map((a) => ({ AttributeName: a.AttributeName, AttributeType: a.AttributeType }))),
      GlobalSecondaryIndexes: TABLE.indexes.map((index) => Match.objectLike({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
      })),
      TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('protects the data: point-in-time recovery, deletion protection, encryption, retained on removal', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        SSESpecification: { SSEEnabled: true },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
      }),
    });
  });

  it('has termination protection on', () => {
    expect(stack.terminationProtection).toBe(true);
  });
});
