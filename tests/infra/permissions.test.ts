import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AGGREGATOR_TABLE_ACCESS } from '../../infra/constructs/aggregation.js';
import { OVERDUE_TABLE_ACCESS } from '../../infra/constructs/overdue.js';
import {
  API_TABLE_ACCESS,
  DOWNLOADS_TABLE_ACCESS,
  STAFF_PAGES_TABLE_ACCESS,
  STAFF_TABLE_ACCESS,
  WEB_TABLE_ACCESS,
} from '../../infra/constructs/api.js';
import { CALLBACK_PATH as APP_CALLBACK_PATH } from '../../web/staff/auth.js';
import { actionsOf, allowStatements, appFunctions, logicalId, metafileOf, synthesise } from './synth.js';

// One synthesis of the whole app for this file, without bundling (the roles are in the templates; the
// bundled repositories' commands are read from an esbuild build of their own).
const synth = synthesise({}, { bundle: false });
const { app, templates } = synth;
const { webFn, staffPagesFn, aggregatorFn, overdueFn, roleOf, httpFunctions } = appFunctions(synth);

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
    'lets the %s function call exactly what its repositories call, on the table and on its two indexes only',
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
          Resource: ['GSI1', 'GSI2'].map((index) => ({
            'Fn::Join': [
              '',
              [expect.objectContaining({ 'Fn::ImportValue': expect.stringMatching(/Table/) }), `/index/${index}`],
            ],
          })),
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
    const functions = templates.app.findResources('AWS::Lambda::Function');
    // The citizen pages sign no one in: no sign-in settings, and no jose in their bundle (tests/infra/app.test.ts).
    expect(
      Object.keys(functions[webFn]!.Properties.Environment.Variables).filter((v) => v.startsWith('AUTH_')),
    ).toEqual([]);
    const vars = functions[staffPagesFn]!.Properties.Environment.Variables;
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

  it('lets the aggregation get, put and query the table, batch-write series points only, update the data versions only, delete counts items only, and reach its dead-letter queue', () => {
    expect(dynamo(aggregatorStatements, false)).toEqual(
      AGGREGATOR_TABLE_ACCESS.actions.map((a) => `dynamodb:${a}`).sort(),
    );
    expect(dynamo(aggregatorStatements, true)).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:UpdateItem',
    ]);
    expect(leadingKeys(aggregatorStatements, 'dynamodb:BatchWriteItem')).toEqual([['SERIES#*']]);
    expect(leadingKeys(aggregatorStatements, 'dynamodb:UpdateItem')).toEqual([['PLANDATA*']]);
    // The older single counts item, once split per plan (shared/store/split-rating-counts.ts).
    expect(leadingKeys(aggregatorStatements, 'dynamodb:DeleteItem')).toEqual([['RATINGS#*']]);
    expect(actionsOf(aggregatorStatements)).not.toContain('dynamodb:Scan');
    expect(actionsOf(aggregatorStatements).filter((a) => !a.startsWith('dynamodb:'))).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
  });

  it('lets the overdue sweep query the plan registry and the cases index, and get and put case items only, nothing table-wide', () => {
    const overdueStatements = statementsOf(overdueFn);
    expect(dynamo(overdueStatements, false)).toEqual(['dynamodb:Query']);
    // The one unconditioned Query is on GSI1's own ARN, where the plan's unfinished cases are.
    expect(overdueStatements).toContainEqual(
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
    expect(dynamo(overdueStatements, true)).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    expect(leadingKeys(overdueStatements, 'dynamodb:Query')).toEqual([['PLANS*'], undefined]);
    expect(leadingKeys(overdueStatements, 'dynamodb:GetItem')).toEqual([['CASE#*']]);
    expect(leadingKeys(overdueStatements, 'dynamodb:PutItem')).toEqual([['CASE#*']]);
    expect(actionsOf(overdueStatements).filter((a) => !a.startsWith('dynamodb:'))).toEqual([
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
    for (const id of [...httpFunctions.map(([, fn]) => fn), aggregatorFn, overdueFn].map(roleOf)) {
      expect(templates.app.findResources('AWS::IAM::Role')[id]!.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('grants what the bundled repositories call: every DynamoDB command in a bundle is granted or explained', async () => {
    const commandsIn = async (entry: string) => {
      const storeFiles = Object.keys((await metafileOf(entry)).inputs).filter((file) =>
        /^shared\/store\/[^/]+\.ts$/.test(file),
      );
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
      downloads: loadingIsTheSeeds,
      'staff-pages': loadingIsTheSeeds,
      aggregate: loadingIsTheSeeds,
      overdue: {
        ...loadingIsTheSeeds,
        BatchGet: 'caseRepository.followedBy: a voter’s cases, read by the citizen pages',
        Update:
          'planRepository’s writes bump the plan data version (data-versions.ts), and feedback records are updated beside the cursor helpers the case repository pages with (feedback-records.ts): the sweep writes neither',
      },
    };
    const cases = [
      ['api', app.api.functions.api, API_TABLE_ACCESS],
      ['staff', app.api.functions.staff, STAFF_TABLE_ACCESS],
      ['web', app.api.functions.web, WEB_TABLE_ACCESS],
      ['downloads', app.api.functions.downloads, DOWNLOADS_TABLE_ACCESS],
      ['staff-pages', app.api.functions.staffPages, STAFF_PAGES_TABLE_ACCESS],
      ['aggregate', app.aggregation.fn, AGGREGATOR_TABLE_ACCESS],
      ['overdue', app.overdue.fn, OVERDUE_TABLE_ACCESS],
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
      // The grant in the template is the one checked here (with Query on the indexes, their own statement).
      const indexQuery = (access.queryIndexes ?? []).length > 0 ? ['Query'] : [];
      expect(dynamo(statementsOf(logicalId(fn)), false)).toEqual(
        [...new Set([...access.actions, ...indexQuery])].map((a) => `dynamodb:${a}`).sort(),
      );
    }
  }, 60_000);
});
