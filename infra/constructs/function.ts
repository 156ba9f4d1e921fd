import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TABLE, type IndexName } from '../../shared/store/table.js';

/**
 * Bundled CommonJS dependencies call require() for Node built-ins, and an ES module has no require:
 * this banner gives the bundle one. Exported so the bundle benchmark builds exactly the same way.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __gpCreateRequire } from 'node:module'; const require = __gpCreateRequire(import.meta.url);";

/**
 * Packages replaced in every Lambda bundle, with why: the SDK's default credential chain becomes the
 * environment alone, which is where Lambda puts a function's credentials (shared/store/lambda-credentials.ts).
 * Exported so the bundle benchmark builds exactly the same way.
 */
export const LAMBDA_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': fileURLToPath(
    new URL('../../shared/store/lambda-credentials.ts', import.meta.url),
  ),
};

/** The DynamoDB actions the repositories in shared/store call; nothing else can be granted. */
export type TableAction =
  | 'GetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'Query'
  | 'BatchGetItem'
  | 'BatchWriteItem'
  | 'ConditionCheckItem';

export interface TableAccess {
  /** Actions on the table itself. */
  actions: readonly TableAction[];
  /** Indexes this function queries, by name from the one table definition; Query only. */
  queryIndexes?: readonly IndexName[];
  /**
   * Actions allowed only on items whose partition key starts with one of the prefixes (IAM condition
   * dynamodb:LeadingKeys), e.g. deleting nothing but the function's own idempotency records.
   */
  scoped?: readonly { actions: readonly TableAction[]; partitionKeyPrefixes: readonly string[] }[];
}

export interface GongpingFunctionProps extends Omit<
  NodejsFunctionProps,
  'entry' | 'runtime' | 'architecture' | 'bundling' | 'role' | 'logGroup' | 'handler'
> {
  /** Absolute path of the TypeScript entry; it must export `handler`. */
  entry: string;
  /** POWERTOOLS_SERVICE_NAME, and the name the logs and metrics carry. */
  serviceName: string;
  memorySize: number;
  timeout: Duration;
  logRetention: RetentionDays;
  /** Files copied beside the bundle after bundling, when they exist (e.g. the web build's manifest). */
  copyIntoBundle?: Array<{ from: string; to: string }>;
}

/**
 * Every gongping Lambda function, with all defaults in one place: Node.js 22 on arm64, one minified
 * ES-module bundle (index.mjs) built by the locally installed esbuild (never Docker), source maps
 * honoured at run time, its own log group with a retention, its own role that can write to that log
 * group and nothing else until a grant such as `bindTable` adds exactly what the code calls.
 */
export class GongpingFunction extends NodejsFunction {
  readonly functionLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: GongpingFunctionProps) {
    assertLocalEsbuild();
    const { serviceName, logRetention, environment, copyIntoBundle = [], ...rest } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${serviceName}: writes its own logs, plus the grants next to the function`,
    });
    super(scope, id, {
      ...rest,
      entry: props.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      role,
      logGroup,
      awsSdkConnectionReuse: false,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: serviceName,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // The SDK is bundled: the version we test is the version that runs, and one file loads faster
        // than the runtime's copy spread over hundreds of files.
        bundleAwsSDK: true,
        banner: ESM_REQUIRE_BANNER,
        esbuildArgs: Object.fromEntries(
          Object.entries(LAMBDA_ALIASES).map(([name, path]) => [`--alias:${name}`, path]),
        ),
        forceDockerBundling: false,
        ...(copyIntoBundle.length > 0
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                // Only what exists is copied: a synth without the web build still succeeds.
                afterBundling: (_inputDir: string, outputDir: string) =>
                  copyIntoBundle.map(
                    ({ from, to }) => `if [ -f "${from}" ]; then cp "${from}" "${outputDir}/${to}"; fi`,
                  ),
              },
            }
          : {}),
      },
    });
    this.functionLogGroup = logGroup;
    logGroup.grantWrite(role);
    for (const rule of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion']) {
      Validations.of(this).acknowledge({
        id: rule,
        reason:
          'Pinned to Node.js 22 (an LTS line Lambda supports until 2027) on purpose: the project runs and tests on Node 20/22, and a runtime ' +
          'upgrade is a reviewed change of its own (GongpingFunction is the one place to make it), not a side effect of a CDK upgrade.',
      });
    }
    Validations.of(this).acknowledge({
      id: 'Serverless-LambdaTracing',
      reason:
        'X-Ray is off: it needs xray:Put* on "*" and costs per trace at national volume; Powertools logs carry the request id, and the ' +
        'API access log and CloudWatch metrics cover latency. Turn on here (tracing: Tracing.ACTIVE) when a trace is worth the cost.',
    });
  }

  /**
   * Grants exactly the listed actions on the table (and Query on the named indexes) and sets
   * TABLE_NAME, together, so no function can hold one without the other. Resources are the table's
   * ARN and each index's own ARN: no wildcard.
   */
  bindTable(table: ITableV2, access: TableAccess): this {
    const indexes = access.queryIndexes ?? [];
    for (const name of indexes) {
      if (!TABLE.indexes.some((index) => index.name === name)) throw new Error(`unknown index ${name}`);
    }
    // A function whose every action is scoped to some partitions has no table-wide statement.
    if (access.actions.length > 0) {
      this.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: [...new Set(access.actions)].sort().map((action) => `dynamodb:${action}`),
          resources: [table.tableArn],
        }),
      );
    }
    for (const { actions, partitionKeyPrefixes } of access.scoped ?? []) {
      if (
        partitionKeyPrefixes.length === 0 ||
        partitionKeyPrefixes.some((prefix) => prefix.length < 2 || /[*?]/.test(prefix))
      ) {
        throw new Error(
          `a scoped grant needs literal partition-key prefixes, not ${JSON.stringify(partitionKeyPrefixes)}`,
        );
      }
      this.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: [...new Set(actions)].sort().map((action) => `dynamodb:${action}`),
          resources: [table.tableArn],
          conditions: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': partitionKeyPrefixes.map((prefix) => `${prefix}*`) },
          },
        }),
      );
    }
    if (indexes.length > 0) {
      this.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['dynamodb:Query'],
          resources: indexes.map((name) => `${table.tableArn}/index/${name}`),
        }),
      );
    }
    this.addEnvironment('TABLE_NAME', table.tableName);
    return this;
  }
}

/**
 * NodejsFunction silently falls back to Docker when it cannot run esbuild locally. There is no
 * Docker here (nor in CI), so fail with a message that says what to do instead.
 */
function assertLocalEsbuild(): void {
  try {
    createRequire(import.meta.url).resolve('esbuild');
  } catch {
    throw new Error(
      'esbuild is not installed: run `npm install` (the Lambda bundles are built with the local esbuild, never in Docker)',
    );
  }
}

export const logRetention = (days: number): RetentionDays => {
  // A numeric enum maps each of its values back to a name, so a retention CloudWatch offers has one.
  if (!Object.hasOwn(RetentionDays, days)) throw new Error(`CloudWatch Logs has no retention of ${days} days`);
  return days;
};
