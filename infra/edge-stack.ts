import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export const FEEDBACK_PATH = '/api/v1/feedback';
/** WAF counts rate-based requests over this window, per client IP. */
export const WAF_WINDOW_SECONDS = 300;

export interface EdgeStackProps extends StackProps {
  /** POST /api/v1/feedback requests one client IP may send per 5 minutes before it is blocked. */
  readonly feedbackLimit: number;
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
    const managed = (name: string, priority: number, overrides: CfnWebACL.RuleActionOverrideProperty[] = []): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides: overrides.length > 0 ? overrides : undefined } },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${props.namePrefix}-web`,
      description: 'gongping: per-IP rate limit on rating submissions, AWS managed common and known-bad-input rules',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${props.namePrefix}-web`),
      customResponseBodies: {
        'rate-limited': {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: 'urn:gongping:problem:rate-limited',
            title: 'Too many submissions from this address',
            status: 429,
            detail: `Try again in a few minutes.`,
          }),
        },
      },
      rules: [
        {
          name: 'FeedbackRatePerIp',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'rate-limited',
                responseHeaders: [{ name: 'retry-after', value: String(WAF_WINDOW_SECONDS) }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: props.feedbackLimit,
              evaluationWindowSec: WAF_WINDOW_SECONDS,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    {
                      byteMatchStatement: {
                        fieldToMatch: { method: {} },
                        positionalConstraint: 'EXACTLY',
                        searchString: 'POST',
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                    {
                      // Starts-with, after decoding and lower-casing, so /api/v1/%66eedback or a trailing
                      // slash cannot slip past the count.
                      byteMatchStatement: {
                        fieldToMatch: { uriPath: {} },
                        positionalConstraint: 'STARTS_WITH',
                        searchString: FEEDBACK_PATH,
                        textTransformations: [
                          { priority: 0, type: 'URL_DECODE' },
                          { priority: 1, type: 'LOWERCASE' },
                        ],
                      },
                    },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('FeedbackRatePerIp'),
        },
        // The API refuses bodies over 16 KiB itself (413 problem document); the common rule set's 8 KB
        // body limit would cut off long comments sent as \u escapes, so that one rule only counts.
        managed('AWSManagedRulesCommonRuleSet', 10, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 20),
      ],
    });
  }
}
