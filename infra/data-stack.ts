import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE } from '../shared/store/table.js';

/** The groups a signed-in person can be in; the API routes under /api/v1/<group>/ belong to each. */
export const STAFF_GROUPS = ['monitor', 'publisher', 'admin'] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

export interface DataStackProps extends StackProps {
  /** Name prefix for resources that carry a name (the user pool). */
  readonly namePrefix?: string;
}

/**
 * The stateful part of gongping, kept apart from the stateless stacks so that replacing an API
 * or a schedule can never take the data with it: the table, the secret that signs voter tokens
 * (losing it would orphan every voter's ballots) and the staff user pool (its users and group
 * memberships). All retained on removal and protected from deletion.
 */
export class DataStack extends Stack {
  readonly table: TableV2;
  readonly voterTokenSecret: Secret;
  readonly userPool: UserPool;
  readonly groups: Record<StaffGroup, UserPoolGroup>;

  constructor(scope: Construct, id: string, props: DataStackProps = {}) {
    super(scope, id, { terminationProtection: true, ...props });
    const namePrefix = props.namePrefix ?? 'gongping';
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      partitionKey: key(TABLE.partitionKey),
      sortKey: key(TABLE.sortKey),
      globalSecondaryIndexes: TABLE.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      })),
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.voterTokenSecret = new Secret(this, 'VoterTokenSecret', {
      description:
        'gongping: HMAC key of the anonymous voter tokens (and of hashed client addresses). Read once per API container.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.voterTokenSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated automatically: a new key invalidates every voter token in circulation, so returning voters would get new ' +
        'identities and could rate again. Rotation needs a key ring (token version prefix v1./v2.) in shared/feedback/voter-token.ts first; ' +
        'until then ops rotate by hand only after a leak (docs/deploy.md).',
    });

    this.userPool = new UserPool(this, 'StaffUserPool', {
      userPoolName: `${namePrefix}-staff`,
      // Staff accounts only; citizens never sign in. Admins invite people (docs/deploy.md).
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus is priced per monthly active user; a few dozen staff cost cents, and it buys threat
      // protection: compromised-credential checks and adaptive (risk-based) MFA challenges.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is offered (TOTP, no SMS) but optional by product decision, so that a newly invited monitor can sign in before enrolling; ' +
        'threat protection (Plus plan, full function) challenges risky sign-ins with MFA, and ops can require it later without replacing the pool.',
    });

    const precedence: Record<StaffGroup, number> = { admin: 0, publisher: 10, monitor: 20 };
    const description: Record<StaffGroup, string> = {
      monitor: 'Monitors: moderate comments and answer 差评',
      publisher: 'Publishers: report indicator values and project progress',
      admin: 'Administrators: manage staff and plans',
    };
    this.groups = Object.fromEntries(
      STAFF_GROUPS.map((group) => [
        group,
        this.userPool.addGroup(`Group-${group}`, {
          groupName: group,
          precedence: precedence[group],
          description: description[group],
        }),
      ]),
    ) as Record<StaffGroup, UserPoolGroup>;

    new CfnOutput(this, 'TableName', {
      value: this.table.tableName,
      description: 'For `npm run seed -- --table <this> --region <region>`',
    });
    new CfnOutput(this, 'UserPoolId', {
      value: this.userPool.userPoolId,
      description: 'For aws cognito-idp admin-create-user (docs/deploy.md)',
    });
  }
}
