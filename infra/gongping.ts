import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { AppStack } from './app-stack.js';
import type { DeployConfig } from './config.js';
import { DataStack } from './data-stack.js';
import { EdgeStack } from './edge-stack.js';

/** Where `npm run build` puts the content-hashed static files served under /assets/. */
export const WEB_ASSETS_DIR = fileURLToPath(new URL('../web/dist/assets', import.meta.url));

export interface GongpingOptions {
  /** Upload this folder to /assets/ with the deployment; default: web/dist/assets if it exists. null: never. */
  readonly assetsDir?: string | null;
  /** Run cdk-nag (AwsSolutions and Serverless packs) at synthesis; default true. */
  readonly nag?: boolean;
  /** Only for tests that must synthesise before an entry exists. */
  readonly aggregateEntry?: string;
}

export interface Gongping {
  readonly data: DataStack;
  readonly edge: EdgeStack;
  readonly app: AppStack;
}

/**
 * The whole platform as three stacks:
 * - `GongpingData` (stateful: table, voter-token secret, staff user pool), termination-protected;
 * - `GongpingEdge` in us-east-1 (the CloudFront-scoped WAF web ACL, which can live nowhere else);
 * - `GongpingApp` (stateless: API, aggregation, sign-in client, CloudFront and assets, alarms),
 *   which reads the ACL's ARN across regions.
 * Stack names carry the stage, so dev and prod can share an account.
 */
export function buildGongping(app: App, config: DeployConfig, options: GongpingOptions = {}): Gongping {
  const prefix = `gongping-${config.stage}`;
  const env = { account: config.account, region: config.region };
  Tags.of(app).add('project', 'gongping');
  Tags.of(app).add('stage', config.stage);

  const data = new DataStack(app, 'GongpingData', {
    env,
    stackName: `${prefix}-data`,
    namePrefix: prefix,
    description:
      'gongping (共评): the table of plans, observations and citizen feedback; the voter-token secret; the staff user pool',
  });
  const edge = new EdgeStack(app, 'GongpingEdge', {
    env: { account: config.account, region: 'us-east-1' },
    stackName: `${prefix}-edge`,
    description: 'gongping (共评): the CloudFront web ACL (WAF), which must live in us-east-1',
    crossRegionReferences: true,
    feedbackLimit: config.wafFeedbackLimit,
    requestLimit: config.wafRequestLimit,
    namePrefix: prefix,
  });
  const assetsDir =
    options.assetsDir === undefined
      ? existsSync(WEB_ASSETS_DIR)
        ? WEB_ASSETS_DIR
        : undefined
      : (options.assetsDir ?? undefined);
  const stateless = new AppStack(app, 'GongpingApp', {
    env,
    stackName: `${prefix}-app`,
    description: 'gongping (共评): API, aggregation, sign-in, CloudFront and alarms (stateless)',
    crossRegionReferences: true,
    config,
    table: data.table,
    voterTokenSecret: data.voterTokenSecret,
    userPool: data.userPool,
    webAclArn: edge.webAcl.attrArn,
    assetsDir,
    aggregateEntry: options.aggregateEntry,
  });

  if (options.nag !== false) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  }
  return { data, edge, app: stateless };
}
