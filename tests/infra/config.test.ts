import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeployConfigError, readDeployConfig } from '../../infra/config.js';

/** The context cdk.json gives every synthesis, as the CLI would see it. */
const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};
const withContext = (overrides: Record<string, unknown> = {}) => {
  const context: Record<string, unknown> = { ...cdkJson.context, ...overrides };
  return (key: string) => context[key];
};

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100';

describe('deployment configuration', () => {
  it('synthesises a dev stage from cdk.json alone, with the documented defaults', () => {
    expect(readDeployConfig(withContext())).toEqual({
      stage: 'dev',
      region: 'ap-southeast-1',
      aggregationRateMinutes: 5,
      wafFeedbackLimit: 100,
      wafRequestLimit: 3000,
      apiRateLimit: 200,
      apiBurstLimit: 400,
      logRetentionDays: 30,
    });
  });

  it('accepts -c flags, which arrive as strings, and a whole production setting', () => {
    const config = readDeployConfig(
      withContext({
        stage: 'prod',
        alarmEmail: 'ops@example.org',
        aggregationRateMinutes: '10',
        wafFeedbackLimit: '300',
        wafRequestLimit: '6000',
        domainName: 'gongping.example.org',
        certificateArn: CERT,
        minRatings: '20',
      }),
      { CDK_DEFAULT_ACCOUNT: '123456789012' },
    );
    expect(config).toMatchObject({
      stage: 'prod',
      account: '123456789012',
      aggregationRateMinutes: 10,
      wafFeedbackLimit: 300,
      wafRequestLimit: 6000,
      minRatings: 20,
      logRetentionDays: 365,
      domainName: 'gongping.example.org',
    });
  });

  it('refuses prod without an alarm e-mail, saying how to give one', () => {
    const read = () => readDeployConfig(withContext({ stage: 'prod' }));
    expect(read).toThrow(DeployConfigError);
    expect(read).toThrow(/alarmEmail: required for stage prod \(-c alarmEmail=/);
  });

  it('refuses an unknown stage and names every bad key at once', () => {
    const read = () =>
      readDeployConfig(
        withContext({ stage: 'staging', region: 'Mars', aggregationRateMinutes: '0', alarmEmail: 'not-an-address' }),
      );
    expect(read).toThrow(DeployConfigError);
    const message = (() => {
      try {
        read();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/stage: /);
    expect(message).toMatch(/region: an AWS region name/);
    expect(message).toMatch(/aggregationRateMinutes: /);
    expect(message).toMatch(/alarmEmail: an e-mail address/);
  });

  it('refuses a general WAF limit below the submission limit, which would silently become the submission limit', () => {
    expect(() => readDeployConfig(withContext({ wafFeedbackLimit: '500', wafRequestLimit: '400' }))).toThrow(
      /wafRequestLimit: at least wafFeedbackLimit \(500\)/,
    );
    expect(readDeployConfig(withContext({ wafFeedbackLimit: '500', wafRequestLimit: '500' })).wafRequestLimit).toBe(
      500,
    );
  });

  it('treats an empty -c value as unset', () => {
    expect(() => readDeployConfig(withContext({ stage: 'prod', alarmEmail: '' }))).toThrow(/alarmEmail: required/);
  });

  it('wants a custom domain and its certificate together, and the certificate in us-east-1', () => {
    expect(() => readDeployConfig(withContext({ domainName: 'gongping.example.org' }))).toThrow(
      /certificateArn: domainName and certificateArn go together/,
    );
    expect(() =>
      readDeployConfig(
        withContext({ domainName: 'gongping.example.org', certificateArn: CERT.replace('us-east-1', 'ap-east-1') }),
      ),
    ).toThrow(/certificateArn: an ACM certificate ARN in us-east-1/);
  });

  it('keeps rates and limits inside what the services accept', () => {
    expect(() => readDeployConfig(withContext({ aggregationRateMinutes: 90 }))).toThrow(/aggregationRateMinutes/);
    expect(() => readDeployConfig(withContext({ wafFeedbackLimit: 5 }))).toThrow(/wafFeedbackLimit/);
    expect(() => readDeployConfig(withContext({ wafRequestLimit: 50 }))).toThrow(/wafRequestLimit/);
    expect(() => readDeployConfig(withContext({ logRetentionDays: 45 }))).toThrow(/logRetentionDays: one of 1, 3, 5/);
    expect(() => readDeployConfig(withContext({ authDomainPrefix: 'my-cognito-login' }))).toThrow(
      /authDomainPrefix: must not contain/,
    );
  });
});

describe('the CDK entry (infra/app.ts)', () => {
  it('stops before building anything, with the message and exit code 1, when the configuration is wrong', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'gongping-entry-'));
    // What the CLI hands the app for `npx cdk synth -c stage=prod` (cdk.json context merged with -c).
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      env: {
        ...process.env,
        CDK_OUTDIR: outdir,
        CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, stage: 'prod' }),
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('invalid deployment configuration (cdk.json context or -c key=value):');
    expect(result.stderr).toContain('alarmEmail: required for stage prod');
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  }, 60_000);
});
