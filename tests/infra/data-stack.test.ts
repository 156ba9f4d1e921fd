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
      AttributeDefinitions: Match.arrayEquals(
        local.AttributeDefinitions!.map((a) => ({ AttributeName: a.AttributeName, AttributeType: a.AttributeType })),
      ),
      GlobalSecondaryIndexes: TABLE.indexes.map((index) =>
        Match.objectLike({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
        }),
      ),
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
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('has termination protection on', () => {
    expect(stack.terminationProtection).toBe(true);
  });
});

describe('the data stack: the voter-token secret and the staff user pool', () => {
  it('generates a voter-token key of at least 32 characters in Secrets Manager, kept on removal', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        GenerateSecretString: Match.objectLike({ PasswordLength: Match.anyValue(), ExcludePunctuation: true }),
      }),
    });
    const secret = Object.values(template.findResources('AWS::SecretsManager::Secret'))[0]!;
    expect(secret.Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
  });

  it('keeps the staff user pool, its users and groups, with deletion protection', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        DeletionProtection: 'ACTIVE',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      }),
    });
    expect(
      Object.values(template.findResources('AWS::Cognito::UserPoolGroup'))
        .map((g) => g.Properties.GroupName)
        .sort(),
    ).toEqual(['admin', 'monitor', 'publisher']);
  });

  it('names the table and the user pool in its outputs, for the seed and for inviting staff', () => {
    template.hasOutput('TableName', Match.anyValue());
    template.hasOutput('UserPoolId', Match.anyValue());
  });
});
