import { build } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AGGREGATE_ENTRY, AGGREGATOR_TABLE_ACCESS, SCHEDULE_INPUT } from '../../infra/constructs/aggregation.js';
import { API_ENTRY, API_TABLE_ACCESS, ORIGIN_VERIFY_HEADER, ROUTES, STAFF_ENTRY, WEB_ENTRY, STAFF_TABLE_ACCESS, WEB_TABLE_ACCESS, type AppFunctionName } from '../../infra/constructs/api.js';
import { ASSETS_PATH, CACHE_SECONDS, PUBLIC_AGGREGATE_PATHS, UNCACHED_PATHS } from '../../infra/constructs/web.js';
import { STAFF_GROUPS } from '../../infra/data-stack.js';
import { CALLBACK_PATH as APP_CALLBACK_PATH } from '../../web/staff/auth.js';
import { FEEDBACK_PATH } from '../../infra/edge-stack.js';
import { acknowledgements, actionsOf, allowStatements, logicalId, synthesise, unacknowledgedFindings } from './synth.js';

// One synthesis of the whole app for this file, bundles included, exactly as `npx cdk synth` with
// cdk.json's dev defaults: if cdk-nag found an unacknowledged error, this line would throw.
const synth = synthesise();
const { data, edge, app, templates } = synth;

const assetDir = (functionLogicalId: string) => {
  const fn = templates.app.findResources('AWS::Lambda::Function')[functionLogicalId]!;
  const key = fn.Properties.Code.S3Key as string;
  return join(synth.outdir, `asset.${key.replace(/\.zip$/, '')}`);
};
const apiFn = logicalId(app.api.functions.api);
const staffFn = logicalId(app.api.functions.staff);
const webFn = logicalId(app.api.functions.web);
const aggregatorFn = logicalId(app.aggregation.fn);
/** The functions behind the HTTP API, by name. */
const httpFunctions = [
  ['api', apiFn],
  ['staff', staffFn],
  ['web', webFn],
] as const;
const roleOf = (functionLogicalId: string) =>
  (templates.app.findResources('AWS::Lambda::Function')[functionLogicalId]!.Properties.Role['Fn::GetAtt'] as string[])[0]!;

describe('synthesis (offline, local esbuild)', () => {
  it.each([...httpFunctions, ['aggregation', aggregatorFn] as const])('bundles the %s function into one minified ES module with its source map', (_name, id) => {
    const dir = assetDir(id);
    const bundle = join(dir, 'index.mjs');
    expect(existsSync(bundle)).toBe(true);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    const code = readFileSync(bundle, 'utf8');
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    // Minified: long lines, not the sources' layout.
    expect(code.length / code.split('\n').length).toBeGreaterThan(2000);
    expect(statSync(bundle).size).toBeGreaterThan(10_000);
  });

  it('leaves nothing to resolve at run time but Node built-ins (the SDK is bundled)', async () => {
    for (const id of [apiFn, staffFn, webFn, aggregatorFn]) {
      // esbuild reads the bundle as a module graph: every import it cannot resolve among Node's
      // built-ins is named in its metafile as external; a regex over minified code cannot tell.
      const { metafile } = await build({
        entryPoints: [join(assetDir(id), 'index.mjs')],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        format: 'esm',
        logLevel: 'silent',
        plugins: [{ name: 'mark-all-external', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true })) }],
      });
      const imported = Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
      const external = imported.filter((specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier));
      expect(external).toEqual([]);
    }
  });

  it('runs every function on Node.js 22, arm64, ES module handler, source maps on, Powertools service names', () => {
    for (const [id, service] of [
      [apiFn, 'gongping-api'],
      [staffFn, 'gongping-staff'],
      [webFn, 'gongping-web'],
      [aggregatorFn, 'gongping-aggregate'],
    ] as const) {
      const fn = templates.app.findResources('AWS::Lambda::Function')[id]!;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: service } },
      });
      expect(fn.Properties.MemorySize).toBeGreaterThan(128);
      expect(fn.Properties.Timeout).toBeGreaterThan(3);
      // Its own log group, with a retention.
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(templates.app.findResources('AWS::Logs::LogGroup')[logGroupId]!.Properties.RetentionInDays).toBe(30);
    }
  });

  it('takes credentials from the environment alone in every bundle: none of the SDK\u2019s default chain is bundled', () => {
    for (const id of [apiFn, staffFn, webFn, aggregatorFn]) {
      const { sources } = JSON.parse(readFileSync(join(assetDir(id), 'index.mjs.map'), 'utf8')) as { sources: string[] };
      expect(sources.filter((source) => /credential-provider-(node|ini|sso|process|web-identity)|nested-clients|token-providers/.test(source))).toEqual([]);
      expect(sources.some((source) => source.endsWith('shared/store/lambda-credentials.ts'))).toBe(true);
    }
  });

  it('keeps jose, CSV, XML, JSX and the schemas of staff requests and the plan file out of the citizen API bundle, and the Secrets Manager client out of every bundle', async () => {
    const sourcesOf = async (entry: string) => {
      const { metafile } = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', logLevel: 'silent' });
      return Object.keys(metafile.inputs).map((input) => input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? input.replace(/^(\.\.\/)+/, ''));
    };
    const api = await sourcesOf(API_ENTRY);
    for (const heavy of ['jose', 'csv-parse', 'csv-stringify', 'feed', 'xml-js', 'sax']) expect(api, heavy).not.toContain(heavy);
    expect(api.filter((source) => source.startsWith('web/') || source.startsWith('shared/open-data/') || source.startsWith('shared/feeds/'))).toEqual([]);
    expect(api).toContain('shared/http/api/routes/feedback.ts');
    // Every schema a bundled module declares is built at the cold start, used or not: the staff
    // requests, the plan-file schema and the document-only models stay out.
    const notBuilt = ['shared/api/staff-schemas.ts', 'shared/plan/document.ts', 'shared/api/contract.ts', 'shared/api/responses.ts'];
    expect(api.filter((source) => notBuilt.includes(source))).toEqual([]);
    expect(api).toContain('shared/api/schemas.ts');
    for (const entry of [API_ENTRY, STAFF_ENTRY, WEB_ENTRY, AGGREGATE_ENTRY]) expect(await sourcesOf(entry)).not.toContain('@aws-sdk/client-secrets-manager');
  }, 60_000);

  it('keeps the stateful resources in their own termination-protected stack, and the WAF in us-east-1', () => {
    expect(data.terminationProtection).toBe(true);
    expect(data.region).toBe('ap-southeast-1');
    expect(edge.region).toBe('us-east-1');
    expect(app.region).toBe('ap-southeast-1');
    for (const stateful of ['AWS::DynamoDB::GlobalTable', 'AWS::Cognito::UserPool', 'AWS::SecretsManager::Secret']) templates.data.resourceCountIs(stateful, 1);
    for (const stateful of ['AWS::DynamoDB::GlobalTable', 'AWS::Cognito::UserPool']) templates.app.resourceCountIs(stateful, 0);
    // The app's only secret is CloudFront's origin marker, regenerated at will; the voter-token key is data.
    expect(Object.keys(templates.app.findResources('AWS::SecretsManager::Secret'))).toEqual([logicalId(app.api.originSecret)]);
    templates.data.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    templates.data.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }) });
    expect(app.dependencies.map((stack) => stack.stackName).sort()).toEqual(['gongping-dev-data', 'gongping-dev-edge']);
  });
});

describe('least privilege', () => {
  const statementsOf = (id: string) => allowStatements(templates.app, roleOf(id));
  const aggregatorStatements = statementsOf(aggregatorFn);
  const tableArn = { 'Fn::ImportValue': Match.stringLikeRegexp('gongping-dev-data:ExportsOutputFnGetAttTable') };

  type Statements = ReturnType<typeof statementsOf>;
  const dynamo = (statements: Statements, scoped: boolean) =>
    actionsOf(statements.filter((s) => Boolean((s as { Condition?: unknown }).Condition) === scoped)).filter((a) => a.startsWith('dynamodb:'));
  const leadingKeys = (statements: Statements, action: string) =>
    statements
      .filter((s) => [s.Action].flat().includes(action))
      .map((s) => (s as { Condition?: Record<string, Record<string, unknown>> }).Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']);

  it.each(httpFunctions)('lets the %s function call exactly what its repositories call, on the table and on GSI1 only', (_name, id) => {
    const apiStatements = statementsOf(id);
    expect(dynamo(apiStatements, false)).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(apiStatements).toContainEqual(
      expect.objectContaining({ Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [expect.objectContaining({ 'Fn::ImportValue': expect.stringMatching(/Table/) }), '/index/GSI1']] } }),
    );
    const tableStatement = apiStatements.find((s) => Array.isArray(s.Action) && s.Action.includes('dynamodb:GetItem'))!;
    expect(Match.objectLike(tableArn).test(tableStatement.Resource).isSuccess).toBe(true);
  });

  it.each(httpFunctions)('never lets the %s function scan, batch-write or drop the table, and delete nothing but its own idempotency records', (_name, id) => {
    const apiStatements = statementsOf(id);
    const actions = actionsOf(apiStatements);
    for (const forbidden of ['dynamodb:Scan', 'dynamodb:DeleteTable', 'dynamodb:BatchWriteItem', 'dynamodb:*', '*']) expect(actions).not.toContain(forbidden);
    expect(dynamo(apiStatements, true)).toEqual(['dynamodb:DeleteItem']);
    expect(leadingKeys(apiStatements, 'dynamodb:DeleteItem')).toEqual([['IDEMPOTENCY#*']]);
  });

  it.each(httpFunctions)('lets the %s function read its one secret (through the Parameters and Secrets extension) and write its own logs, nothing more', (_name, id) => {
    const apiStatements = statementsOf(id);
    expect(actionsOf(apiStatements).filter((a) => !a.startsWith('dynamodb:'))).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
    ]);
    const fn = templates.app.findResources('AWS::Lambda::Function')[id]!;
    // The extension is a layer of AWS's own account, the arm64 build for the stack's region.
    expect(fn.Properties.Layers).toEqual([expect.stringMatching(/^arn:aws:lambda:ap-southeast-1:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\d+$/)]);
    expect(fn.Properties.Environment.Variables.VOTER_TOKEN_SECRET_ARN).toEqual({ 'Fn::ImportValue': expect.stringMatching(/VoterTokenSecret/) });
    // The key itself is never in the function's configuration.
    expect(fn.Properties.Environment.Variables).not.toHaveProperty('VOTER_TOKEN_SECRET');
  });

  it('gives the function serving the staff pages the hosted sign-in origin and the web app client, which the app verifies ID tokens for', () => {
    const vars = templates.app.findResources('AWS::Lambda::Function')[webFn]!.Properties.Environment.Variables;
    const client = { Ref: logicalId(app.signIn.client) };
    expect(vars.AUTH_WEB_CLIENT_ID).toEqual(client);
    expect(vars.AUTH_CLIENT_ID).toEqual(client);
    // https://<prefix>.auth.<region>.amazoncognito.com: Cognito serves /oauth2/authorize, /oauth2/token and /logout there.
    expect(JSON.stringify(vars.AUTH_SIGN_IN_URL)).toMatch(/^.*"https:\/\/gongping-dev-.*\.auth\..*\.amazoncognito\.com".*$/);
    const pool = templates.app.findResources('AWS::Cognito::UserPoolClient')[logicalId(app.signIn.client)]!.Properties;
    // The app's callback path, registered on the client: the two cannot drift apart.
    expect(pool.CallbackURLs).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`${APP_CALLBACK_PATH}$`))]));
    expect(pool.AllowedOAuthFlows).toEqual(['code']);
    expect(pool.GenerateSecret).toBe(false);
  });

  it('lets the aggregation get, put and query the table, batch-write series points only, and reach its dead-letter queue', () => {
    expect(dynamo(aggregatorStatements, false)).toEqual(AGGREGATOR_TABLE_ACCESS.actions.map((a) => `dynamodb:${a}`).sort());
    expect(dynamo(aggregatorStatements, true)).toEqual(['dynamodb:BatchWriteItem']);
    expect(leadingKeys(aggregatorStatements, 'dynamodb:BatchWriteItem')).toEqual([['SERIES#*']]);
    for (const forbidden of ['dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:UpdateItem']) expect(actionsOf(aggregatorStatements)).not.toContain(forbidden);
    expect(actionsOf(aggregatorStatements).filter((a) => !a.startsWith('dynamodb:'))).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
  });

  it('gives no role anywhere a wildcard action, and no function role an AWS managed policy', () => {
    for (const template of Object.values(templates)) {
      const documents = [
        ...Object.values(template.findResources('AWS::IAM::Policy')).map((p) => p.Properties.PolicyDocument),
        ...Object.values(template.findResources('AWS::IAM::Role')).flatMap((r) => (r.Properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument)),
      ];
      const actions = documents.flatMap((d) => (d.Statement as { Effect: string; Action: string | string[] }[]).filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat()));
      expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
    }
    for (const id of [apiFn, staffFn, webFn, aggregatorFn].map(roleOf)) {
      expect(templates.app.findResources('AWS::IAM::Role')[id]!.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('grants what the bundled repositories call: every DynamoDB command in a bundle is granted or explained', async () => {
    const { build } = await import('esbuild');
    const commandsIn = async (entry: string) => {
      const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', logLevel: 'silent' });
      const storeFiles = Object.keys(result.metafile.inputs).filter((file) => /^shared\/store\/[^/]+\.ts$/.test(file));
      const found = new Set<string>();
      for (const file of storeFiles) {
        const source = readFileSync(file, 'utf8');
        for (const m of source.matchAll(/new (\w+?)Command\(/g)) found.add(m[1]!);
        for (const m of source.matchAll(/IndexName: '(\w+)'/g)) found.add(`Query:${m[1]!}`);
      }
      return found;
    };
    const toAction: Record<string, string> = {
      Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', Query: 'Query', Scan: 'Scan',
      BatchGet: 'BatchGetItem', BatchWrite: 'BatchWriteItem', TransactWrite: 'TransactWriteItems', TransactGet: 'TransactGetItems',
    };
    // In a bundle because a repository holds them, but never called by that function.
    const loadingIsTheSeeds = { BatchWrite: 'planRepository.putPlan: loading a plan is the seed’s job (infra/seed.ts)' };
    const notCalled: Record<string, Record<string, string>> = { api: loadingIsTheSeeds, staff: loadingIsTheSeeds, web: loadingIsTheSeeds, aggregate: {} };
    const cases = [
      ['api', app.api.functions.api, API_TABLE_ACCESS],
      ['staff', app.api.functions.staff, STAFF_TABLE_ACCESS],
      ['web', app.api.functions.web, WEB_TABLE_ACCESS],
      ['aggregate', app.aggregation.fn, AGGREGATOR_TABLE_ACCESS],
    ] as const;
    for (const [name, fn, access] of cases) {
      const used = await commandsIn(join('functions', name, 'handler.ts'));
      const granted = new Set([...access.actions, ...(access.scoped ?? []).flatMap((s) => s.actions)]);
      for (const command of used) {
        if (command.startsWith('Query:')) {
          expect(access.queryIndexes ?? [], `${name} queries index ${command}`).toContain(command.slice(6));
          continue;
        }
        if (notCalled[name]![command] && !granted.has(toAction[command] as never)) continue;
        expect(toAction[command], `unknown command ${command}`).toBeDefined();
        expect([...granted], `${name} calls ${command}Command`).toContain(toAction[command]);
      }
      // And nothing is granted that no bundled repository calls.
      const calls = new Set([...used].map((command) => toAction[command]));
      for (const action of granted) expect(calls.has(action), `${name} is granted ${action} but never calls it`).toBe(true);
      for (const index of access.queryIndexes ?? []) expect(used.has(`Query:${index}`), `${name} is granted Query on ${index}`).toBe(true);
      // The grant in the template is the one checked here.
      expect(dynamo(statementsOf(logicalId(fn)), false)).toEqual(access.actions.map((a) => `dynamodb:${a}`).sort());
    }
  }, 60_000);
});

describe('the scheduled aggregation', () => {
  it('runs on an EventBridge Scheduler schedule at the configured rate, with the context attributes as input', () => {
    templates.app.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [aggregatorFn, 'Arn'] },
        Input: JSON.stringify(SCHEDULE_INPUT),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 300 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(app.aggregation.deadLetterQueue), 'Arn'] } },
      }),
    });
    expect(JSON.parse(JSON.stringify(SCHEDULE_INPUT))).toEqual({
      scheduleArn: '<aws.scheduler.schedule-arn>',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      executionId: '<aws.scheduler.execution-id>',
      attemptNumber: '<aws.scheduler.attempt-number>',
    });
  });

  it('takes the rate from the configuration', () => {
    const other = synthesise({ aggregationRateMinutes: '1' }, { bundle: false });
    other.templates.app.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 minute)' });
  });

  it('cannot pile up: one run at a time, finishing before the next is due, late runs dropped to the dead-letter queue', () => {
    const fn = templates.app.findResources('AWS::Lambda::Function')[aggregatorFn]!;
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(1);
    expect(fn.Properties.Timeout).toBeLessThan(5 * 60);
    templates.app.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: aggregatorFn },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 300,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(app.aggregation.deadLetterQueue), 'Arn'] } } },
    });
  });

  it('keeps its dead letters encrypted and reachable over TLS only', () => {
    const queue = logicalId(app.aggregation.deadLetterQueue);
    templates.app.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    templates.app.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

describe('staff sign-in (Cognito)', () => {
  it('has the three staff groups and no self sign-up', () => {
    for (const group of STAFF_GROUPS) templates.data.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    templates.data.hasResourceProperties('AWS::Cognito::UserPool', { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
  });

  it('asks for strong passwords, offers TOTP MFA, and runs threat protection', () => {
    templates.data.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('signs the web in with the authorization-code flow and PKCE: a public client without a secret', () => {
    templates.app.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      CallbackURLs: Match.arrayWith([{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(app.web.distribution), 'DomainName'] }, '/auth/callback']] }]),
    });
    templates.app.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: Match.anyValue() });
  });
});

describe('the API (HTTP API)', () => {
  const routes = Object.values(templates.app.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);

  const integrations = templates.app.findResources('AWS::ApiGatewayV2::Integration');
  /** The logical id of the function a route's integration invokes. */
  const functionOf = (route: { Target: unknown }) => {
    const integration = JSON.stringify(route.Target).match(/"Ref":"([^"]+)"/)![1]!;
    return (integrations[integration]!.Properties.IntegrationUri['Fn::GetAtt'] as string[])[0];
  };
  const ids: Record<AppFunctionName, string> = { api: apiFn, staff: staffFn, web: webFn };

  it('sends each path to the function that serves it: staff prefixes to staff, other /api/v1 to api, downloads and pages to web', () => {
    for (const [name, paths] of Object.entries(ROUTES) as [AppFunctionName, readonly string[]][]) {
      for (const path of paths) {
        const route = routes.find((r) => r.RouteKey === `ANY ${path}`);
        expect(route, path).toBeDefined();
        expect(functionOf(route!), path).toBe(ids[name]);
      }
    }
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(Object.values(ROUTES).flat().map((path) => `ANY ${path}`).sort());
    // The app's own routes agree: open data, feeds and the OpenAPI document are the site's.
    expect(ROUTES.api).toEqual(['/api/v1/{proxy+}']);
    expect(ROUTES.web).toEqual(expect.arrayContaining(['/', '/{proxy+}', '/api/v1/open-data/{proxy+}', '/api/v1/feeds/{proxy+}', '/api/v1/openapi.json']));
  });

  it('serves everything public through routes that only CloudFront may call', () => {
    const authorizers = templates.app.findResources('AWS::ApiGatewayV2::Authorizer');
    const [fromCloudFront] = Object.entries(authorizers).find(([, a]) => a.Properties.AuthorizerType === 'REQUEST')!;
    for (const path of [...ROUTES.api, ...ROUTES.web]) {
      expect(routes).toContainEqual(expect.objectContaining({ RouteKey: `ANY ${path}`, AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: fromCloudFront } }));
    }
    expect(authorizers[fromCloudFront]!.Properties).toMatchObject({
      IdentitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 3600,
      AuthorizerPayloadFormatVersion: '2.0',
    });
    expect(routes.filter((r) => r.AuthorizationType === 'NONE')).toEqual([]);
  });

  it('gives every app function the marker CloudFront sends, so each refuses a request that went around CloudFront whatever its route', () => {
    const distribution = Object.values(templates.app.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    const apiOrigin = (distribution.Origins as { CustomOriginConfig?: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[]).find(
      (o) => o.CustomOriginConfig,
    )!;
    const fromHeader = JSON.stringify(apiOrigin.OriginCustomHeaders!.find((h) => h.HeaderName === ORIGIN_VERIFY_HEADER)!.HeaderValue);
    const functions = templates.app.findResources('AWS::Lambda::Function');
    for (const name of ['api', 'staff', 'web'] as const) {
      const fn = functions[logicalId(app.api.functions[name])]!;
      expect(JSON.stringify(fn.Properties.Environment.Variables.ORIGIN_VERIFY_VALUE), name).toBe(fromHeader);
    }
    // Every behaviour that reaches the API forwards the viewer's address as CloudFront sets it.
    const allViewerExceptHost = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
    const behaviours = [distribution.DefaultCacheBehavior, ...(distribution.CacheBehaviors as unknown[])] as { TargetOriginId: string; OriginRequestPolicyId?: string }[];
    const apiOriginId = (apiOrigin as unknown as { Id: string }).Id;
    const toApi = behaviours.filter((b) => b.TargetOriginId === apiOriginId);
    expect(toApi.length).toBeGreaterThan(3);
    for (const behaviour of toApi) expect(behaviour.OriginRequestPolicyId).toBe(allViewerExceptHost);
  });

  it('gives CloudFront and the authorizer the same marker, from one secret, never in the template as text', () => {
    const distribution = Object.values(templates.app.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    const apiOrigin = (distribution.Origins as { CustomOriginConfig?: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[]).find(
      (o) => o.CustomOriginConfig,
    )!;
    const header = apiOrigin.OriginCustomHeaders!.find((h) => h.HeaderName === ORIGIN_VERIFY_HEADER)!;
    const verifier = templates.app.findResources('AWS::Lambda::Function')[logicalId(app.api.originVerifier)]!;
    const fromHeader = JSON.stringify(header.HeaderValue);
    const fromFunction = JSON.stringify(verifier.Properties.Environment.Variables.ORIGIN_VERIFY_VALUE);
    expect(fromHeader).toContain('{{resolve:secretsmanager:');
    expect(fromHeader).toBe(fromFunction);
    // Resolved by CloudFormation at deploy time from the secret's ARN; the value is never in the template.
    expect(fromHeader).toMatch(/"Ref":"ApiOriginVerifySecret[0-9A-F]{8}"/);
  });

  it('puts the monitor, publisher and admin routes, and only those, behind a JWT authorizer bound to the staff user pool', () => {
    const [authorizer] = Object.entries(templates.app.findResources('AWS::ApiGatewayV2::Authorizer')).find(([, a]) => a.Properties.AuthorizerType === 'JWT')!;
    for (const group of STAFF_GROUPS) {
      for (const key of [`ANY /api/v1/${group}`, `ANY /api/v1/${group}/{proxy+}`]) {
        expect(routes).toContainEqual(expect.objectContaining({ RouteKey: key, AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizer } }));
      }
    }
    const guarded = routes.filter((r) => r.AuthorizationType === 'JWT');
    expect(guarded.map((r) => r.RouteKey).sort()).toEqual(ROUTES.staff.map((path) => `ANY ${path}`).sort());
    // Whatever reaches the staff function came through the JWT authorizer.
    expect(routes.filter((r) => functionOf(r) === staffFn).every((r) => r.AuthorizationType === 'JWT')).toBe(true);
    templates.app.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(app.signIn.client) }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.ap-southeast-1.amazonaws.com/', { 'Fn::ImportValue': Match.stringLikeRegexp('StaffUserPool') }]] },
      },
    });
  });

  it('throttles the stage and logs every request, without the caller’s address', () => {
    const stage = Object.values(templates.app.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;
    expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 } });
    const format = JSON.parse(stage.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
    expect(stage.AccessLogSettings.Format).not.toMatch(/sourceIp|userAgent|identity\./);
  });
});

describe('the web (CloudFront and S3)', () => {
  const distribution = Object.values(templates.app.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
  const behaviours = distribution.CacheBehaviors as { PathPattern: string; CachePolicyId: unknown; ViewerProtocolPolicy: string; TargetOriginId: string; ResponseHeadersPolicyId: unknown }[];
  const cachePolicies = templates.app.findResources('AWS::CloudFront::CachePolicy');
  const ttlsOf = (policy: unknown) => {
    const id = (policy as { Ref?: string }).Ref;
    if (!id) return 'managed';
    const config = cachePolicies[id]!.Properties.CachePolicyConfig;
    return { min: config.MinTTL, default: config.DefaultTTL, max: config.MaxTTL };
  };
  const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

  it('keeps the assets bucket private, encrypted and TLS-only, readable by this distribution only (origin access control)', () => {
    templates.app.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.anyValue(),
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    templates.app.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    templates.app.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    const s3Origin = (distribution.Origins as { S3OriginConfig?: unknown; OriginAccessControlId?: unknown }[]).find((o) => o.S3OriginConfig);
    expect(s3Origin?.OriginAccessControlId).toBeDefined();
  });

  it('sends /assets/* to the bucket with long caching for hashed files', () => {
    const assets = behaviours.find((b) => b.PathPattern === ASSETS_PATH)!;
    expect(ttlsOf(assets.CachePolicyId)).toEqual({ min: 0, default: CACHE_SECONDS.assets, max: CACHE_SECONDS.assets });
  });

  it('never caches signed-in, personal or state-changing routes', () => {
    for (const path of UNCACHED_PATHS) {
      const behaviour = behaviours.find((b) => b.PathPattern === path);
      expect(behaviour, path).toBeDefined();
      expect(behaviour!.CachePolicyId).toBe(CACHING_DISABLED);
    }
  });

  it('caches public aggregates for a minute (five at most), and everything else only as the origin allows', () => {
    for (const path of PUBLIC_AGGREGATE_PATHS) {
      expect(ttlsOf(behaviours.find((b) => b.PathPattern === path)!.CachePolicyId)).toEqual({ min: 0, default: 60, max: 300 });
    }
    expect(ttlsOf(distribution.DefaultCacheBehavior.CachePolicyId)).toEqual({ min: 0, default: 0, max: 300 });
    // The signed-in rules come before any public pattern they could overlap.
    const order = behaviours.map((b) => b.PathPattern);
    for (const path of UNCACHED_PATHS) for (const open of PUBLIC_AGGREGATE_PATHS) expect(order.indexOf(path)).toBeLessThan(order.indexOf(open));
  });

  it('speaks HTTPS only, behind the WAF, with security headers on every answer', () => {
    expect(distribution.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    for (const b of behaviours) expect(b.ViewerProtocolPolicy).toBe('https-only');
    expect(distribution.WebACLId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ExportsReader/), expect.stringMatching(/WebAcl/)] });
    const headersPolicy = logicalId(app.web.responseHeadersPolicy);
    for (const b of [distribution.DefaultCacheBehavior, ...behaviours]) expect(b.ResponseHeadersPolicyId).toEqual({ Ref: headersPolicy });
    const apiOrigin = (distribution.Origins as { CustomOriginConfig?: { OriginProtocolPolicy: string; OriginSSLProtocols: string[] } }[]).find((o) => o.CustomOriginConfig)!;
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('sends a strict CSP without inline script, HSTS, nosniff, DENY framing and a referrer policy', () => {
    const config = Object.values(templates.app.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!.Properties.ResponseHeadersPolicyConfig;
    const csp = (config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Join'][1] as unknown[])
      .map((part) => (typeof part === 'string' ? part : '<token>'))
      .join('');
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(config.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 730 * 24 * 3600, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
  });
});

describe('the WAF (edge stack, us-east-1)', () => {
  const acl = Object.values(templates.edge.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
  const rule = (name: string) => (acl.Rules as { Name: string; Statement: Record<string, any>; Action?: unknown }[]).find((r) => r.Name === name)!;

  it('is scoped to CloudFront', () => {
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
  });

  it('limits submissions per client IP (the JSON API, the form without JavaScript and comment flags), answering 429', () => {
    const { RateBasedStatement: rate } = rule('FeedbackRatePerIp').Statement;
    expect(rate).toMatchObject({ Limit: 100, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    const [method, paths] = rate.ScopeDownStatement.AndStatement.Statements;
    expect(method.ByteMatchStatement).toMatchObject({ FieldToMatch: { Method: {} }, SearchString: 'POST', PositionalConstraint: 'EXACTLY' });
    const decoded = [{ Priority: 0, Type: 'URL_DECODE' }, { Priority: 1, Type: 'LOWERCASE' }];
    const path = (PositionalConstraint: string, SearchString: string) => ({ ByteMatchStatement: { FieldToMatch: { UriPath: {} }, PositionalConstraint, SearchString, TextTransformations: decoded } });
    expect(paths.OrStatement.Statements).toEqual([
      path('STARTS_WITH', FEEDBACK_PATH),
      path('STARTS_WITH', '/feedback'),
      { AndStatement: { Statements: [path('STARTS_WITH', '/api/v1/comments/'), path('ENDS_WITH', '/flags')] } },
    ]);
    expect(rule('FeedbackRatePerIp').Action).toMatchObject({ Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'too-many-submissions' } } });
  });

  it('limits all requests per client IP, with no scope-down, after the submission rule and before the managed rules', () => {
    const { RateBasedStatement: rate } = rule('RequestRatePerIp').Statement;
    expect(rate).toEqual({ Limit: 3000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    expect(rule('RequestRatePerIp').Action).toMatchObject({ Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'too-many-requests' } } });
    const priorities = (acl.Rules as { Name: string; Priority: number }[]).map((r) => [r.Name, r.Priority]);
    expect(priorities).toEqual([
      ['FeedbackRatePerIp', 0],
      ['RequestRatePerIp', 1],
      ['AWSManagedRulesCommonRuleSet', 10],
      ['AWSManagedRulesKnownBadInputsRuleSet', 20],
    ]);
  });

  it('answers 429 with the API\u2019s own problem document and Retry-After, whichever limit refused', () => {
    for (const key of ['too-many-submissions', 'too-many-requests']) {
      const body = acl.CustomResponseBodies[key];
      expect(body.ContentType).toBe('APPLICATION_JSON');
      expect(JSON.parse(body.Content)).toMatchObject({ type: 'urn:gongping:problem:too-many-requests', status: 429 });
    }
    for (const name of ['FeedbackRatePerIp', 'RequestRatePerIp']) {
      expect(rule(name).Action).toMatchObject({ Block: { CustomResponse: { ResponseHeaders: [{ Name: 'retry-after', Value: '300' }] } } });
    }
  });

  it('takes both limits from the configuration', () => {
    const other = synthesise({ wafFeedbackLimit: '250', wafRequestLimit: '5000' }, { bundle: false });
    other.templates.edge.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({ Name: 'FeedbackRatePerIp', Statement: { RateBasedStatement: Match.objectLike({ Limit: 250 }) } }),
        Match.objectLike({ Name: 'RequestRatePerIp', Statement: { RateBasedStatement: Match.objectLike({ Limit: 5000 }) } }),
      ]),
    });
  });

  it('runs the AWS managed common rule set', () => {
    expect(rule('AWSManagedRulesCommonRuleSet').Statement.ManagedRuleGroupStatement).toMatchObject({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' });
  });

  it('keeps no sample of requests (they would hold client addresses)', () => {
    for (const r of acl.Rules as { VisibilityConfig: { SampledRequestsEnabled: boolean } }[]) expect(r.VisibilityConfig.SampledRequestsEnabled).toBe(false);
  });
});

describe('alarms', () => {
  const alarms = Object.values(templates.app.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const topic = { Ref: logicalId(app.alarms.topic) };

  it('covers API 5xx rate, errors and throttles of every function, a stalled aggregation, dead letters and DynamoDB throttles', () => {
    const names = app.alarms.alarms.map((alarm) => alarm.node.id).sort();
    expect(names).toEqual(
      [
        'AggregationStalled', 'AggregatorErrors', 'AggregatorThrottles', 'Api5xxRate', 'ApiErrors', 'ApiThrottles', 'StaffErrors', 'StaffThrottles',
        'WebErrors', 'WebThrottles', 'DeadLetters', 'DynamoDbThrottles',
      ].sort(),
    );
    // Each function's errors and throttles alarm watches that function.
    for (const [name, id] of [['Api', apiFn], ['Staff', staffFn], ['Web', webFn], ['Aggregator', aggregatorFn]] as const) {
      for (const metric of ['Errors', 'Throttles']) {
        const alarm = alarms.find((a) => a.MetricName === metric && JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: id } }]));
        expect(alarm, `${name}${metric}`).toBeDefined();
      }
    }
  });

  it('counts DynamoDB throttles of the table and of every index, each filled with 0 where DynamoDB sends no data point', () => {
    const throttles = alarms.find((a) => (a.Metrics as Array<{ Expression?: string }> | undefined)?.some((m) => m.Expression?.includes('FILL(')))!;
    const metrics = throttles.Metrics as Array<{ Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Dimensions: Array<{ Name: string; Value: unknown }> } } }>;
    const watched = metrics.filter((m) => m.MetricStat).map((m) => `${m.MetricStat!.Metric.MetricName} ${m.MetricStat!.Metric.Dimensions.map((d) => d.Name).sort().join('+')}`).sort();
    expect(watched).toEqual([
      'ReadThrottleEvents GlobalSecondaryIndexName+TableName', 'ReadThrottleEvents TableName',
      'WriteThrottleEvents GlobalSecondaryIndexName+TableName', 'WriteThrottleEvents TableName',
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
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } })]) },
    });
    templates.app.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
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
    for (const ack of all.filter((a) => a.id.startsWith('AwsSolutions-IAM5'))) expect(ack.id).toMatch(/^AwsSolutions-IAM5\[(Action|Resource)::.+\]$/);
    expect(all.some((a) => a.id === 'AwsSolutions-IAM4' || a.id === 'AwsSolutions-IAM5')).toBe(false);
  });
});
