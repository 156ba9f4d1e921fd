import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { DeployConfig } from './config.js';
import { Aggregation } from './constructs/aggregation.js';
import { Alarms } from './constructs/alarms.js';
import { Api } from './constructs/api.js';
import { logRetention } from './constructs/function.js';
import { OverdueNotices } from './constructs/overdue.js';
import { SignIn } from './constructs/sign-in.js';
import { Web } from './constructs/web.js';

export interface AppStackProps extends StackProps {
  readonly config: DeployConfig;
  readonly table: ITableV2;
  readonly voterTokenSecret: ISecret;
  readonly userPool: IUserPool;
  /** ARN of the CloudFront-scoped web ACL from the edge stack (us-east-1). */
  readonly webAclArn: string;
  /** web/dist/assets when it exists at synthesis; otherwise assets are uploaded by hand (docs/deploy.md). */
  readonly assetsDir?: string | undefined;
  /** Only for tests that must synthesise before an entry exists. */
  readonly aggregateEntry?: string | undefined;
}

/**
 * The stateless part: replaceable at any time without touching data. The API (its three functions
 * and the HTTP API), the scheduled aggregation and overdue sweep, staff sign-in (app client and hosted domain), the web
 * (CloudFront, assets bucket) and the alarms.
 */
export class AppStack extends Stack {
  readonly api: Api;
  readonly aggregation: Aggregation;
  readonly overdue: OverdueNotices;
  readonly web: Web;
  readonly signIn: SignIn;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { config } = props;
    const retention = logRetention(config.logRetentionDays);

    // The pieces refer to each other in one direction only: the distribution needs the API's host
    // name, the sign-in client needs the site URL, the API's routes need the client (JWT audience).
    const api = new Api(this, 'Api', {
      table: props.table,
      voterTokenSecret: props.voterTokenSecret,
      currentPlan: config.currentPlan,
      minRatings: config.minRatings,
      rateLimit: config.apiRateLimit,
      burstLimit: config.apiBurstLimit,
      logRetention: retention,
    });
    this.api = api;

    const domainPrefix = config.authDomainPrefix ?? `gongping-${config.stage}-${this.account}`;
    const signInOrigin = `https://${domainPrefix}.auth.${this.region}.amazoncognito.com`;
    this.web = new Web(this, 'Web', {
      apiDomainName: api.originDomainName,
      apiOriginHeaders: api.originHeaders,
      webAclArn: props.webAclArn,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
      signInOrigin,
      assetsDir: props.assetsDir,
      logRetention: retention,
    });

    const siteUrls = [this.web.siteUrl, ...(config.stage === 'dev' ? ['http://localhost:3000'] : [])];
    this.signIn = new SignIn(this, 'SignIn', { userPool: props.userPool, domainPrefix, siteUrls });
    api.protectStaffRoutes(props.userPool, this.signIn.client, {
      AUTH_USER_POOL_ID: props.userPool.userPoolId,
      AUTH_CLIENT_ID: this.signIn.client.userPoolClientId,
      AUTH_ISSUER: `https://cognito-idp.${this.region}.${this.urlSuffix}/${props.userPool.userPoolId}`,
      AUTH_SIGN_IN_URL: signInOrigin,
      AUTH_WEB_CLIENT_ID: this.signIn.client.userPoolClientId,
      SITE_URL: this.web.siteUrl,
    });

    this.aggregation = new Aggregation(this, 'Aggregation', {
      table: props.table,
      entry: props.aggregateEntry,
      rateMinutes: config.aggregationRateMinutes,
      minRatings: config.minRatings,
      logRetention: retention,
    });
    this.overdue = new OverdueNotices(this, 'OverdueNotices', {
      table: props.table,
      deadLetterQueue: this.aggregation.deadLetterQueue,
      logRetention: retention,
    });

    this.alarms = new Alarms(this, 'Alarms', {
      alarmEmail: config.alarmEmail,
      httpApi: api.httpApi,
      functions: {
        Api: api.functions.api,
        Staff: api.functions.staff,
        Web: api.functions.web,
        Downloads: api.functions.downloads,
        StaffPages: api.functions.staffPages,
        Aggregator: this.aggregation.fn,
        Overdue: this.overdue.fn,
      },
      aggregator: this.aggregation.fn,
      aggregationRateMinutes: config.aggregationRateMinutes,
      deadLetterQueue: this.aggregation.deadLetterQueue,
      table: props.table,
    });

    new CfnOutput(this, 'SiteUrl', { value: this.web.siteUrl, description: 'The site, through CloudFront' });
    new CfnOutput(this, 'AssetsBucket', {
      value: this.web.bucket.bucketName,
      description: 'Upload web/dist/assets here under assets/ if not deployed by CDK',
    });
    new CfnOutput(this, 'DistributionId', { value: this.web.distribution.distributionId });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.web.distribution.distributionDomainName,
      description:
        "The distribution's own …cloudfront.net name: the target of the custom domain's CNAME or Route 53 alias",
    });
    new CfnOutput(this, 'ApiEndpoint', {
      value: api.httpApi.apiEndpoint,
      description: 'The HTTP API itself: refuses public requests that did not come through CloudFront',
    });
    new CfnOutput(this, 'SignInDomain', { value: signInOrigin });
    new CfnOutput(this, 'WebClientId', { value: this.signIn.client.userPoolClientId });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.aggregation.deadLetterQueue.queueUrl });
  }
}
