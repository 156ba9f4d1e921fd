import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { PROBLEMS, problemTypeUri } from '../shared/http/problem.js';

export const FEEDBACK_PATH = '/api/v1/feedback';
/** WAF counts rate-based requests over this window, per client IP. */
export const WAF_WINDOW_SECONDS = 300;

/**
 * The POSTs that store something a citizen submits, as the submission rule matches their path (after
 * URL-decoding and lower-casing): the JSON API, the rating form that works without JavaScript
 * (web/citizen/routes.tsx) and flagging a published comment (shared/http/api/routes/accountability.ts). Each
 * costs a write; all three share the app's own per-voter limits, so they share one WAF budget too.
 */
export const SUBMISSION_PATHS: readonly { readonly startsWith: string; readonly endsWith?: string }[] = [
  { startsWith: FEEDBACK_PATH },
  { startsWith: '/feedback' },
  { startsWith: '/api/v1/comments/', endsWith: '/flags' },
];

export interface EdgeStackProps extends StackProps {
  /** Submissions (SUBMISSION_PATHS) one client IP may send per 5 minutes before it is blocked. */
  readonly feedbackLimit: number;
  /** Requests of any kind one client IP may send per 5 minutes before it is blocked. */
  readonly requestLimit: number;
  readonly namePrefix: string;
}

/**
 * What CloudFront needs from us-east-1: a CloudFront-scoped WAF web ACL can only be created there.
 * An HTTP API cannot carry a web ACL at all (only REST APIs, ALBs, AppSync, Cognito and CloudFront
 * can), so the firewall sits in front of CloudFront, where it also sees the viewer's real address.
 * The app stack reads the ACL's ARN through a cross-region reference (SSM parameters that CDK writes
 * in the app's region).
 *
 * No WAF logging and no sampled requests: both would store client IP addresses, which gongping
 * promises not to keep. CloudWatch metrics per rule remain.
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    if (!this.region.startsWith('us-east-1')) {
      throw new Error(`the edge stack must be in us-east-1 (CloudFront-scoped WAF), not ${this.region}`);
    }
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: false,
    });
    const managed = (
      name: string,
      priority: number,
      overrides: CfnWebACL.RuleActionOverrideProperty[] = [],
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ruleActionOverrides: overrides.length > 0 ? overrides : undefined,
        },
      },
      visibilityConfig: visibility(name),
    });

    const ratePerIp = (
      name: string,
      priority: number,
      limit: number,
      body: string,
      scopeDownStatement?: CfnWebACL.StatementProperty,
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      action: {
        block: {
          customResponse: {
            responseCode: 429,
            customResponseBodyKey: body,
            responseHeaders: [{ name: 'retry-after', value: String(WAF_WINDOW_SECONDS) }],
          },
        },
      },
      statement: {
        rateBasedStatement: {
          limit,
          evaluationWindowSec: WAF_WINDOW_SECONDS,
          aggregateKeyType: 'IP',
          scopeDownStatement,
        },
      },
      visibilityConfig: visibility(name),
    });
    // Decoded and lower-cased before matching, so /api/v1/%66eedback or /FEEDBACK cannot slip past the count.
    // Prefixes, so a trailing slash cannot either; the one suffix (/flags) needs none, as the app routes no
    // /flags/ and such a post stores nothing.
    const pathMatch = (positionalConstraint: 'STARTS_WITH' | 'ENDS_WITH', searchString: string) =>
      byteMatch({ uriPath: {} }, positionalConstraint, searchString, [
        { priority: 0, type: 'URL_DECODE' },
        { priority: 1, type: 'LOWERCASE' },
      ]);
    const paths = SUBMISSION_PATHS.map(({ startsWith, endsWith }) =>
      endsWith
        ? { andStatement: { statements: [pathMatch('STARTS_WITH', startsWith), pathMatch('ENDS_WITH', endsWith)] } }
        : pathMatch('STARTS_WITH', startsWith),
    );
    const submissionPath: CfnWebACL.StatementProperty = { orStatement: { statements: paths } };

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${props.namePrefix}-web`,
      description:
        'gongping: per-IP rate limits on submissions and on all requests, AWS managed common and known-bad-input rules',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${props.namePrefix}-web`),
      // The API's own 429 problem document, so a client reads one kind of answer whoever refused it.
      customResponseBodies: {
        'too-many-submissions': tooManyRequests('Too many submissions from this address; try again in a few minutes.'),
        'too-many-requests': tooManyRequests('Too many requests from this address; try again in a few minutes.'),
      },
      rules: [
        ratePerIp('FeedbackRatePerIp', 0, props.feedbackLimit, 'too-many-submissions', {
          andStatement: { statements: [byteMatch({ method: {} }, 'EXACTLY', 'POST'), submissionPath] },
        }),
        // Every request, pages and cached answers included (the WAF sees CloudFront's cache hits too): a
        // flood of reads costs CloudFront requests and origin invocations though it stores nothing. The
        // limit stays high because many people can share one carrier-NAT or office address.
        ratePerIp('RequestRatePerIp', 1, props.requestLimit, 'too-many-requests'),
        // The API refuses bodies over 16 KiB itself (413 problem document); the common rule set's 8 KB
        // body limit would cut off long comments sent as \u escapes, so that one rule only counts.
        managed('AWSManagedRulesCommonRuleSet', 10, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 20),
      ],
    });
  }
}

function byteMatch(
  fieldToMatch: CfnWebACL.FieldToMatchProperty,
  positionalConstraint: 'EXACTLY' | 'STARTS_WITH' | 'ENDS_WITH',
  searchString: string,
  textTransformations: CfnWebACL.TextTransformationProperty[] = [{ priority: 0, type: 'NONE' }],
): CfnWebACL.StatementProperty {
  return { byteMatchStatement: { fieldToMatch, positionalConstraint, searchString, textTransformations } };
}

function tooManyRequests(detail: string): CfnWebACL.CustomResponseBodyProperty {
  const { status, title } = PROBLEMS['too-many-requests'];
  return {
    contentType: 'APPLICATION_JSON',
    content: JSON.stringify({ type: problemTypeUri('too-many-requests'), title, status, detail }),
  };
}
