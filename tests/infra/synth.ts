import { build, type Plugin } from 'esbuild';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { readDeployConfig } from '../../infra/config.js';
import { buildGongping, type Gongping, type GongpingOptions } from '../../infra/gongping.js';

/** cdk.json's context (defaults and feature flags), as the CLI hands it to the app. */
const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }
).context;

export interface Synthesised extends Gongping {
  root: App;
  outdir: string;
  templates: { data: Template; edge: Template; app: Template };
}

/**
 * Synthesises the whole app as `cdk synth` would (cdk-nag included: synthesis throws on any
 * unacknowledged error), from cdk.json's context plus overrides (as -c flags would give). `bundle: false` skips esbuild
 * for tests that only look at templates.
 */
export function synthesise(
  context: Record<string, unknown> = {},
  options: GongpingOptions & { bundle?: boolean } = {},
): Synthesised {
  const outdir = mkdtempSync(join(tmpdir(), 'gongping-cdk-'));
  const root = new App({
    outdir,
    context: {
      ...CDK_JSON_CONTEXT,
      ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
      ...context,
    },
  });
  const { bundle: _bundle, ...gongpingOptions } = options;
  const stacks = buildGongping(
    root,
    readDeployConfig((key) => root.node.tryGetContext(key)),
    { assetsDir: null, ...gongpingOptions },
  );
  root.synth();
  return {
    ...stacks,
    root,
    outdir,
    templates: {
      data: Template.fromStack(stacks.data),
      edge: Template.fromStack(stacks.edge),
      app: Template.fromStack(stacks.app),
    },
  };
}

/** Findings of both packs that no acknowledgement covers (errors and warnings alike). */
export function unacknowledgedFindings(scope: IConstruct): { rule: string; severity: string; paths: string[] }[] {
  const reports: PolicyValidationPluginReport[] = [
    new AwsSolutionsChecks().validateScope(scope),
    new ServerlessChecks().validateScope(scope),
  ];
  return reports.flatMap((report) =>
    report.violations.map((violation) => ({
      rule: violation.ruleName,
      severity: violation.severity ?? 'error',
      paths: violation.violatingResources.map((resource) => resource.constructPath ?? '?'),
    })),
  );
}

/** Every acknowledgement in the tree: where it was made, the rule id, the reason. */
export function acknowledgements(scope: IConstruct): { path: string; id: string; reason: string; onStack: boolean }[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
          onStack: Stack.isStack(construct) || construct === scope,
        })),
      ),
  );
}

/** The logical id CloudFormation knows a resource by. */
export const logicalId = (resource: IConstruct) => {
  const cfn = (resource.node.defaultChild ?? resource) as CfnResource;
  return Stack.of(cfn).resolve(cfn.logicalId) as string;
};

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** Allow statements of the policies attached to a role (inline AWS::IAM::Policy resources and Role.Policies). */
export function allowStatements(template: Template, roleLogicalId: string): Statement[] {
  const statements: Statement[] = [];
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    const roles = (policy.Properties.Roles ?? []) as { Ref?: string }[];
    if (roles.some((role) => role.Ref === roleLogicalId))
      statements.push(...policy.Properties.PolicyDocument.Statement);
  }
  const role = template.findResources('AWS::IAM::Role')[roleLogicalId];
  for (const inline of role?.Properties.Policies ?? []) statements.push(...inline.PolicyDocument.Statement);
  return statements.filter((statement) => statement.Effect === 'Allow');
}

export const actionsOf = (statements: Statement[]) =>
  [
    ...new Set(
      statements.flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action])),
    ),
  ].sort();

/** The logical ids of the app's functions, and the role a function runs as. */
export function appFunctions({ app, templates }: Synthesised) {
  const apiFn = logicalId(app.api.functions.api);
  const staffFn = logicalId(app.api.functions.staff);
  const webFn = logicalId(app.api.functions.web);
  const downloadsFn = logicalId(app.api.functions.downloads);
  const staffPagesFn = logicalId(app.api.functions.staffPages);
  return {
    apiFn,
    staffFn,
    webFn,
    downloadsFn,
    staffPagesFn,
    aggregatorFn: logicalId(app.aggregation.fn),
    overdueFn: logicalId(app.overdue.fn),
    /** The functions behind the HTTP API, by name, for `it.each`. */
    httpFunctions: [
      ['api', apiFn],
      ['staff', staffFn],
      ['web', webFn],
      ['downloads', downloadsFn],
      ['staffPages', staffPagesFn],
    ] as const,
    roleOf: (functionLogicalId: string) =>
      (
        templates.app.findResources('AWS::Lambda::Function')[functionLogicalId]!.Properties.Role[
          'Fn::GetAtt'
        ] as string[]
      )[0]!,
  };
}

/** The module graph esbuild reads from an entry, bundled for Lambda's Node and written nowhere. */
export const metafileOf = async (entry: string, plugins: Plugin[] = []) =>
  (
    await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      plugins,
    })
  ).metafile;
