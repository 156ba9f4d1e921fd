import { build } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AGGREGATE_ENTRY, AGGREGATOR_TABLE_ACCESS, SCHEDULE_INPUT } from '../../infra/constructs/aggregation.js';
import {
  API_ENTRY,
  API_TABLE_ACCESS,
  STAFF_ENTRY,
  WEB_ENTRY,
  STAFF_TABLE_ACCESS,
  WEB_TABLE_ACCESS,
} from '../../infra/constructs/api.js';
import { STAFF_GROUPS } from '../../infra/data-stack.js';
import { CALLBACK_PATH as APP_CALLBACK_PATH } from '../../web/staff/auth.js';
import { actionsOf, allowStatements, logicalId, synthesise } from './synth.js';

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
  (
    templates.app.findResources('AWS::Lambda::Function')[functionLogicalId]!.Properties.Role['Fn::GetAtt'] as string[]
  )[0]!;

describe('synthesis (offline, local esbuild)', () => {
  it.each([...httpFunctions, ['aggregation', aggregatorFn] as const])(
    'bundles the %s function into one minified ES module with its source map',
    (_name, id) => {
      const dir = assetDir(id);
      const bundle = join(dir, 'index.mjs');
      expect(existsSync(bundle)).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
      // Minified: long lines, not the sources' layout.
      expect(code.length / code.split('\n').length).toBeGreaterThan(2000);
      expect(statSync(bundle).size).toBeGreaterThan(10_000);
    },
  );

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
        plugins: [
          {
            name: 'mark-all-external',
            setup: (b) => b.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true })),
          },
        ],
      });
      const imported = Object.values(metafile.inputs).flatMap((input) =>
        input.imports.filter((i) => i.external).map((i) => i.path),
      );
      const external = imported.filter(
        (specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier),
      );
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
      const { sources } = JSON.parse(readFileSync(join(assetDir(id), 'index.mjs.map'), 'utf8')) as {
        sources: string[];
      };
      expect(
        sources.filter((source) =>
          /credential-provider-(node|ini|sso|process|web-identity)|nested-clients|token-providers/.test(source),
        ),
      ).toEqual([]);
      expect(sources.some((source) => source.endsWith('shared/store/lambda-credentials.ts'))).toBe(true);
    }
  });

  it('keeps jose, CSV, XML, JSX and the schemas of staff requests and the plan file out of the citizen API bundle, and the Secrets Manager client out of every bundle', async () => {
    const sourcesOf = async (entry: string) => {
      const { metafile } = await build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        format: 'esm',
        logLevel: 'silent',
      });
      return Object.keys(metafile.inputs).map(
        (input) => input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? input.replace(/^(\.\.\/)+/, ''),
      );
    };
    const api = await sourcesOf(API_ENTRY);
    for (const heavy of ['jose', 'csv-parse', 'csv-stringify', 'feed', 'xml-js', 'sax'])
      expect(api, heavy).not.toContain(heavy);
    expect(
      api.filter(
        (source) =>
          source.startsWith('web/') || source.startsWith('shared/open-data/') || source.startsWith('shared/feeds/'),
      ),
    ).toEqual([]);
    expect(api).toContain('shared/http/api/routes/feedback.ts');
    // Every schema a bundled module declares is built at the cold start, used or not: the staff
    // requests, the plan-file schema and the document-only models stay out.
    const notBuilt = [
      'shared/api/staff-schemas.ts',
      'shared/plan/document.ts',
      'shared/api/contract.ts',
      'shared/api/responses.ts',
    ];
    expect(api.filter((source) => notBuilt.includes(source))).toEqual([]);
    expect(api).toContain('shared/api/schemas.ts');
    for (const entry of [API_ENTRY, STAFF_ENTRY, WEB_ENTRY, AGGREGATE_ENTRY])
      expect(await sourcesOf(entry)).not.toContain('@aws-sdk/client-secrets-manager');
  }, 60_000);

  it('keeps the stateful resources in their own termination-protected stack, and the WAF in us-east-1', () => {
    expect(data.terminationProtection).toBe(true);
    expect(data.region).toBe('ap-southeast-1');
    expect(edge.region).toBe('us-east-1');
    expect(app.region).toBe('ap-southeast-1');
    for (const stateful of ['AWS::DynamoDB::GlobalTable', 'AWS::Cognito::UserPool', 'AWS::SecretsManager::Secret'])
      templates.data.resourceCountIs(stateful, 1);
    for (const stateful of ['AWS::DynamoDB::GlobalTable', 'AWS::Cognito::UserPool'])
      templates.app.resourceCountIs(stateful, 0);
    // The app's only secret is CloudFront's origin marker, regenerated at will; the voter-token key is data.
    expect(Object.keys(templates.app.findResources('AWS::SecretsManager::Secret'))).toEqual([
      logicalId(app.api.originSecret),
    ]);
    templates.data.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    templates.data.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
    expect(app.dependencies.map((stack) => stack.stackName).sort()).toEqual(['gongping-dev-data', 'gongping-dev-edge']);
  });
});

describe('least privilege', () => {
  const statementsOf = (id: string) => allowStatements(templates.app, roleOf(id));
  const aggregatorStatements = statementsOf(aggregatorFn);
  const tableArn = { 'Fn::ImportValue': Match.stringLikeRegexp('gongping-dev-data:ExportsOutputFnGetAttTable') };

  type Statements = ReturnType<typeof statementsOf>;
  const dynamo = (statements: Statements, scoped: boolean) =>
    actionsOf(statements.filter((s) => Boolean((s as { Condition?: unknown }).Condition) === scoped)).filter((a) =>
      a.startsWith('dynamodb:'),
    );
  const leadingKeys = (statements: Statements, action: string) =>
    statements
      .filter((s) => [s.Action].flat().includes(action))
      .map(
        (s) =>
          (s as { Condition?: Record<string, Record<string, unknown>> }).Condition?.['ForAllValues:StringLike']?.[
            'dynamodb:LeadingKeys'
          ],
      );

  it.each(httpFunctions)(
    'lets the %s function call exactly what its repositories call, on the table and on GSI1 only',
    (_name, id) => {
      const apiStatements = statementsOf(id);
      expect(dynamo(apiStatements, false)).toEqual([
        'dynamodb:BatchGetItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ]);
      expect(apiStatements).toContainEqual(
        expect.objectContaining({
          Action: 'dynamodb:Query',
          Resource: {
            'Fn::Join': [
              '',
              [expect.objectContaining({ 'Fn::ImportValue': expect.stringMatching(/Table/) }), '/index/GSI1'],
            ],
          },
        }),
      );
      const tableStatement = apiStatements.find(
        (s) => Array.isArray(s.Action) && s.Action.includes('dynamodb:GetItem'),
      )!;
      expect(Match.objectLike(tableArn).test(tableStatement.Resource).isSuccess).toBe(true);
    },
  );

  it.each(httpFunctions)(
    'never lets the %s function scan, batch-write or drop the table, and delete nothing but its own idempotency records',
    (_name, id) => {
      const apiStatements = statementsOf(id);
      const actions = actionsOf(apiStatements);
      for (const forbidden of ['dynamodb:Scan', 'dynamodb:DeleteTable', 'dynamodb:BatchWriteItem', 'dynamodb:*', '*'])
        expect(actions).not.toContain(forbidden);
      expect(dynamo(apiStatements, true)).toEqual(['dynamodb:DeleteItem']);
      expect(leadingKeys(apiStatements, 'dynamodb:DeleteItem')).toEqual([['IDEMPOTENCY#*']]);
    },
  );

  it.each(httpFunctions)(
    'lets the %s function read its one secret (through the Parameters and Secrets extension) and write its own logs, nothing more',
    (_name, id) => {
      const apiStatements = statementsOf(id);
      expect(actionsOf(apiStatements).filter((a) => !a.startsWith('dynamodb:'))).toEqual([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ]);
      const fn = templates.app.findResources('AWS::Lambda::Function')[id]!;
      // The extension is a layer of AWS's own account, the arm64 build for the stack's region.
      expect(fn.Properties.Layers).toEqual([
        expect.stringMatching(
          /^arn:aws:lambda:ap-southeast-1:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\d+$/,
        ),
      ]);
      expect(fn.Properties.Environment.Variables.VOTER_TOKEN_SECRET_ARN).toEqual({
        'Fn::ImportValue': expect.stringMatching(/VoterTokenSecret/),
      });
      // The key itself is never in the function's configuration.
      expect(fn.Properties.Environment.Variables).not.toHaveProperty('VOTER_TOKEN_SECRET');
    },
  );

  it('gives the function serving the staff pages the hosted sign-in origin and the web app client, which the app verifies ID tokens for', () => {
    const vars = templates.app.findResources('AWS::Lambda::Function')[webFn]!.Properties.Environment.Variables;
    const client = { Ref: logicalId(app.signIn.client) };
    expect(vars.AUTH_WEB_CLIENT_ID).toEqual(client);
    expect(vars.AUTH_CLIENT_ID).toEqual(client);
    // https://<prefix>.auth.<region>.amazoncognito.com: Cognito serves /oauth2/authorize, /oauth2/token and /logout there.
    expect(JSON.stringify(vars.AUTH_SIGN_IN_URL)).toMatch(
      /^.*"https:\/\/gongping-dev-.*\.auth\..*\.amazoncognito\.com".*$/,
    );
    const pool = templates.app.findResources('AWS::Cognito::UserPoolClient')[logicalId(app.signIn.client)]!.Properties;
    // The app's callback path, registered on the client: the two cannot drift apart.
    expect(pool.CallbackURLs).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`${APP_CALLBACK_PATH}$`))]),
    );
    expect(pool.AllowedOAuthFlows).toEqual(['code']);
    expect(pool.GenerateSecret).toBe(false);
  });

  it('lets the aggregation get, put and query the table, batch-write series points only, and reach its dead-letter queue', () => {
    expect(dynamo(aggregatorStatements, false)).toEqual(
      AGGREGATOR_TABLE_ACCESS.actions.map((a) => `dynamodb:${a}`).sort(),
    );
    expect(dynamo(aggregatorStatements, true)).toEqual(['dynamodb:BatchWriteItem']);
    expect(leadingKeys(aggregatorStatements, 'dynamodb:BatchWriteItem')).toEqual([['SERIES#*']]);
    for (const forbidden of ['dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:UpdateItem'])
      expect(actionsOf(aggregatorStatements)).not.toContain(forbidden);
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
        ...Object.values(template.findResources('AWS::IAM::Role')).flatMap((r) =>
          (r.Properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument),
        ),
      ];
      const actions = documents.flatMap((d) =>
        (d.Statement as { Effect: string; Action: string | string[] }[])
          .filter((s) => s.Effect === 'Allow')
          .flatMap((s) => [s.Action].flat()),
      );
      expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
    }
    for (const id of [apiFn, staffFn, webFn, aggregatorFn].map(roleOf)) {
      expect(templates.app.findResources('AWS::IAM::Role')[id]!.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('grants what the bundled repositories call: every DynamoDB command in a bundle is granted or explained', async () => {
    const { build } = await import('esbuild');
    const commandsIn = async (entry: string) => {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        format: 'esm',
        logLevel: 'silent',
      });
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
      Get: 'GetItem',
      Put: 'PutItem',
      Update: 'UpdateItem',
      Delete: 'DeleteItem',
      Query: 'Query',
      Scan: 'Scan',
      BatchGet: 'BatchGetItem',
      BatchWrite: 'BatchWriteItem',
      TransactWrite: 'TransactWriteItems',
      TransactGet: 'TransactGetItems',
    };
    // In a bundle because a repository holds them, but never called by that function.
    const loadingIsTheSeeds = {
      BatchWrite: 'planRepository.putPlan: loading a plan is the seed’s job (infra/seed.ts)',
    };
    const notCalled: Record<string, Record<string, string>> = {
      api: loadingIsTheSeeds,
      staff: loadingIsTheSeeds,
      web: loadingIsTheSeeds,
      aggregate: {},
    };
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
      for (const action of granted)
        expect(calls.has(action), `${name} is granted ${action} but never calls it`).toBe(true);
      for (const index of access.queryIndexes ?? [])
        expect(used.has(`Query:${index}`), `${name} is granted Query on ${index}`).toBe(true);
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
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(app.aggregation.deadLetterQueue), 'Arn'] } },
      },
    });
  });

  it('keeps its dead letters encrypted and reachable over TLS only', () => {
    const queue = logicalId(app.aggregation.deadLetterQueue);
    templates.app.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    templates.app.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('staff sign-in (Cognito)', () => {
  it('has the three staff groups and no self sign-up', () => {
    for (const group of STAFF_GROUPS)
      templates.data.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    templates.data.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  it('asks for strong passwords, offers TOTP MFA, and runs threat protection', () => {
    templates.data.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
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
      CallbackURLs: Match.arrayWith([
        {
          'Fn::Join': [
            '',
            ['https://', { 'Fn::GetAtt': [logicalId(app.web.distribution), 'DomainName'] }, '/auth/callback'],
          ],
        },
      ]),
    });
    templates.app.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: Match.anyValue() });
  });
});
