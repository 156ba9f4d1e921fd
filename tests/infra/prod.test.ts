import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { acknowledgements, logicalId, synthesise, unacknowledgedFindings } from './synth.js';

// A production synthesis with everything optional switched on: custom domain, alarm e-mail and
// built web assets. Templates only (no esbuild): the bundles are proved in app.test.ts.
const assetsDir = mkdtempSync(join(tmpdir(), 'gongping-assets-'));
mkdirSync(join(assetsDir, 'chunks'));
writeFileSync(join(assetsDir, 'app.3f2a91c0.js'), 'console.log("gongping");\n');
writeFileSync(join(assetsDir, 'chunks', 'site.77b0e1d2.css'), 'body{margin:0}\n');

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100';
const synth = synthesise(
  {
    stage: 'prod',
    alarmEmail: 'ops@example.org',
    domainName: 'gongping.example.org',
    certificateArn: CERT,
    account: '123456789012',
  },
  { bundle: false, assetsDir },
);
const { app, templates } = synth;

describe('a production deployment', () => {
  it('passes cdk-nag with nothing unacknowledged (synthesis would have thrown on an error)', () => {
    expect(unacknowledgedFindings(synth.root)).toEqual([]);
    for (const ack of acknowledgements(synth.root)) expect(ack.onStack).toBe(false);
  });

  it('serves the custom domain with its us-east-1 certificate and TLS 1.2 at least', () => {
    templates.app.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['gongping.example.org'],
        ViewerCertificate: {
          AcmCertificateArn: CERT,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
    // The default-certificate exception is gone with a custom domain.
    expect(acknowledgements(synth.root).filter((a) => a.id === 'AwsSolutions-CFR4')).toEqual([]);
  });

  it('outputs the distribution\u2019s own cloudfront.net name to point the custom domain at, beside the custom SiteUrl', () => {
    const distribution = logicalId(app.web.distribution);
    templates.app.hasOutput('DistributionDomainName', { Value: { 'Fn::GetAtt': [distribution, 'DomainName'] } });
    templates.app.hasOutput('SiteUrl', { Value: 'https://gongping.example.org' });
  });

  it('signs staff in on the custom domain only (no localhost redirect in prod)', () => {
    templates.app.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://gongping.example.org/auth/callback'],
      LogoutURLs: ['https://gongping.example.org/'],
    });
  });

  it('subscribes the alarm e-mail to the topic', () => {
    templates.app.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: { Ref: logicalId(app.alarms.topic) },
    });
  });

  it('keeps logs for a year', () => {
    for (const group of Object.values(templates.app.findResources('AWS::Logs::LogGroup')))
      expect(group.Properties.RetentionInDays).toBe(365);
  });

  it('uploads built assets under assets/ with immutable caching, never deleting older ones', () => {
    templates.app.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: logicalId(app.web.bucket) },
      DestinationBucketKeyPrefix: 'assets/',
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
  });
});

describe('a dev deployment with built assets and no pinned account', () => {
  it('acknowledges the deployment handler’s findings whatever the account (synthesis would throw otherwise)', () => {
    const dev = synthesise({}, { bundle: false, assetsDir });
    dev.templates.app.resourceCountIs('Custom::CDKBucketDeployment', 1);
    expect(unacknowledgedFindings(dev.root)).toEqual([]);
  });
});

describe('without built assets', () => {
  it('synthesises all the same, leaving the upload to ops (docs/deploy.md)', () => {
    const bare = synthesise({}, { bundle: false, assetsDir: null });
    bare.templates.app.resourceCountIs('Custom::CDKBucketDeployment', 0);
    bare.templates.app.resourceCountIs('AWS::S3::Bucket', 1);
  });
});
