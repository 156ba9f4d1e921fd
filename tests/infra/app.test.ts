import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AGGREGATE_ENTRY, SCHEDULE_INPUT } from '../../infra/constructs/aggregation.js';
import { API_ENTRY, DOWNLOADS_ENTRY, STAFF_ENTRY, STAFF_PAGES_ENTRY, WEB_ENTRY } from '../../infra/constructs/api.js';
import { OVERDUE_ENTRY } from '../../infra/constructs/overdue.js';
import { STAFF_GROUPS } from '../../infra/data-stack.js';
import { appFunctions, logicalId, metafileOf, synthesise } from './synth.js';

// One synthesis of the whole app for this file, bundles included, exactly as `npx cdk synth` with
// cdk.json's dev defaults: if cdk-nag found an unacknowledged error, this line would throw.
const synth = synthesise();
const { data, edge, app, templates } = synth;

const assetDir = (functionLogicalId: string) => {
  const fn = templates.app.findResources('AWS::Lambda::Function')[functionLogicalId]!;
  const key = fn.Properties.Code.S3Key as string;
  return join(synth.outdir, `asset.${key.replace(/\.zip$/, '')}`);
};
const { apiFn, staffFn, webFn, downloadsFn, staffPagesFn, aggregatorFn, overdueFn, httpFunctions } =
  appFunctions(synth);
const allFunctions = [...httpFunctions.map(([, id]) => id), aggregatorFn, overdueFn];

describe('synthesis (offline, local esbuild)', () => {
  it.each([...httpFunctions, ['aggregation', aggregatorFn] as const, ['overdue', overdueFn] as const])(
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
    for (const id of allFunctions) {
      // esbuild reads the bundle as a module graph: every import it cannot resolve among Node's
      // built-ins is named in its metafile as external; a regex over minified code cannot tell.
      const metafile = await metafileOf(join(assetDir(id), 'index.mjs'), [
        {
          name: 'mark-all-external',
          setup: (b) => b.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true })),
        },
      ]);
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
      [downloadsFn, 'gongping-downloads'],
      [staffPagesFn, 'gongping-staff-pages'],
      [aggregatorFn, 'gongping-aggregate'],
      [overdueFn, 'gongping-overdue'],
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
    for (const id of allFunctions) {
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
      const metafile = await metafileOf(entry);
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
      ...['plan', 'rating', 'feedback', 'accountability', 'monitor', 'publisher', 'admin', 'service'].map(
        (tag) => `shared/api/${tag}-schemas.ts`,
      ),
    ];
    expect(api.filter((source) => notBuilt.includes(source))).toEqual([]);
    expect(api).toContain('shared/api/schemas.ts');
    for (const entry of [
      API_ENTRY,
      STAFF_ENTRY,
      WEB_ENTRY,
      DOWNLOADS_ENTRY,
      STAFF_PAGES_ENTRY,
      AGGREGATE_ENTRY,
      OVERDUE_ENTRY,
    ])
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

describe('the scheduled overdue sweep', () => {
  it('runs every quarter of an hour on its own schedule, its failures in the scheduled functions\u2019 dead-letter queue', () => {
    const deadLetters = { 'Fn::GetAtt': [logicalId(app.aggregation.deadLetterQueue), 'Arn'] };
    templates.app.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [overdueFn, 'Arn'] },
        Input: JSON.stringify(SCHEDULE_INPUT),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 900 },
        DeadLetterConfig: { Arn: deadLetters },
      }),
    });
    templates.app.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: overdueFn },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 900,
      DestinationConfig: { OnFailure: { Destination: deadLetters } },
    });
    // Finishes before the next run is due (runs that overlap anyway tell a deadline once).
    const fn = templates.app.findResources('AWS::Lambda::Function')[overdueFn]!;
    expect(fn.Properties.Timeout).toBeLessThan(15 * 60);
  });

  it('carries web-push in a bundle of its own: the aggregation\u2019s stays without it', async () => {
    const pushes = async (entry: string) =>
      Object.keys((await metafileOf(entry)).inputs).some((input) => input.includes('node_modules/web-push/'));
    expect(await pushes(OVERDUE_ENTRY)).toBe(true);
    expect(await pushes(AGGREGATE_ENTRY)).toBe(false);
  });

  it('lets Scheduler invoke the sweep and reach the dead-letter queue, only for this account\u2019s schedules', () => {
    const schedule = templates.app.findResources('AWS::Scheduler::Schedule')[logicalId(app.overdue.schedule)]!;
    const roleId = (schedule.Properties.Target.RoleArn['Fn::GetAtt'] as string[])[0]!;
    const role = templates.app.findResources('AWS::IAM::Role')[roleId]!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': expect.anything(), 'aws:SourceArn': expect.anything() } },
      }),
    ]);
    const policies = Object.values(templates.app.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId),
    );
    const actions = policies.flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).flatMap((s) => [s.Action].flat()),
    );
    expect([...new Set(actions)].sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
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
