import { describe, expect, it } from 'vitest';
import { ApiConfig, ConfigError, LocalConfig, parseConfig } from '../../shared/config.js';

describe('configuration', () => {
  it('starts locally with no settings at all', () => {
    expect(parseConfig(LocalConfig, {})).toMatchObject({ PORT: 3000, DATA_DIR: '.data', TABLE_NAME: 'gongping', COOKIE_SECURE: false });
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig(LocalConfig, { PORT: '', DYNAMODB_ENDPOINT: '' }).PORT).toBe(3000);
  });

  it('names every bad variable in one error', () => {
    const parse = () => parseConfig(LocalConfig, { PORT: 'eighty', DYNAMODB_ENDPOINT: 'not a url' });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/PORT[\s\S]*DYNAMODB_ENDPOINT|DYNAMODB_ENDPOINT[\s\S]*PORT/);
  });

  it('refuses to run the API without a table and a strong voter-token secret', () => {
    expect(() => parseConfig(ApiConfig, { AWS_REGION: 'ap-east-1' })).toThrow(/TABLE_NAME[\s\S]*VOTER_TOKEN_SECRET/);
    expect(() => parseConfig(ApiConfig, { AWS_REGION: 'ap-east-1', TABLE_NAME: 'gongping', VOTER_TOKEN_SECRET: 'short' })).toThrow(/32/);
  });

  it('sends Secure cookies in the cloud unless told otherwise', () => {
    const config = parseConfig(ApiConfig, { AWS_REGION: 'ap-east-1', TABLE_NAME: 'gongping', VOTER_TOKEN_SECRET: 'x'.repeat(32) });
    expect(config.COOKIE_SECURE).toBe(true);
  });
});
