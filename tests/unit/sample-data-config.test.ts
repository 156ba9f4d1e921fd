import { describe, expect, it } from 'vitest';
import { ApiConfig, LocalConfig, parseConfig } from '../../shared/config.js';

const lambdaEnv = {
  TABLE_NAME: 'gongping',
  AWS_REGION: 'ap-east-1',
  VOTER_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:voter-token',
  ORIGIN_VERIFY_VALUE: 'x'.repeat(40),
};

describe('the sample-data flag (npm run demo only)', () => {
  it('is off unless set, under npm start', () => {
    expect(parseConfig(LocalConfig, {}).SAMPLE_DATA).toBe(false);
    expect(parseConfig(LocalConfig, { SAMPLE_DATA: 'true' }).SAMPLE_DATA).toBe(true);
  });

  it('is refused by the Lambda functions, whatever its value', () => {
    expect(() => parseConfig(ApiConfig, lambdaEnv)).not.toThrow();
    for (const value of ['true', 'false'])
      expect(() => parseConfig(ApiConfig, { ...lambdaEnv, SAMPLE_DATA: value })).toThrow(
        /SAMPLE_DATA: sample data is marked only by npm run demo/,
      );
  });
});
