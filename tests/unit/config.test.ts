import { describe, expect, it } from 'vitest';
import { ApiConfig, ConfigError, LocalConfig, parseConfig, staffSettingsOf } from '../../shared/config.js';

describe('configuration', () => {
  it('starts locally with no settings at all', () => {
    expect(parseConfig(LocalConfig, {})).toMatchObject({
      PORT: 3000,
      DATA_DIR: '.data',
      TABLE_NAME: 'gongping',
      COOKIE_SECURE: false,
    });
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
    expect(() =>
      parseConfig(ApiConfig, { AWS_REGION: 'ap-east-1', TABLE_NAME: 'gongping', VOTER_TOKEN_SECRET: 'short' }),
    ).toThrow(/32/);
    // Without the origin secret it could not tell CloudFront's requests from anyone's: it does not start.
    expect(() =>
      parseConfig(ApiConfig, { AWS_REGION: 'ap-east-1', TABLE_NAME: 'gongping', VOTER_TOKEN_SECRET: 'x'.repeat(32) }),
    ).toThrow(/ORIGIN_VERIFY_VALUE/);
    expect(() =>
      parseConfig(ApiConfig, {
        AWS_REGION: 'ap-east-1',
        TABLE_NAME: 'gongping',
        VOTER_TOKEN_SECRET: 'x'.repeat(32),
        ORIGIN_VERIFY_VALUE: 'short',
      }),
    ).toThrow(/ORIGIN_VERIFY_VALUE: at least 32/);
  });

  it('sends Secure cookies in the cloud unless told otherwise', () => {
    const config = parseConfig(ApiConfig, {
      AWS_REGION: 'ap-east-1',
      TABLE_NAME: 'gongping',
      VOTER_TOKEN_SECRET: 'x'.repeat(32),
      ORIGIN_VERIFY_VALUE: 'o'.repeat(32),
    });
    expect(config.COOKIE_SECURE).toBe(true);
  });

  describe('browser sign-in of the staff pages', () => {
    const base = {
      AWS_REGION: 'ap-east-1',
      TABLE_NAME: 'gongping',
      VOTER_TOKEN_SECRET: 'x'.repeat(32),
      ORIGIN_VERIFY_VALUE: 'o'.repeat(32),
      AUTH_ISSUER: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_A',
      AUTH_CLIENT_ID: 'webclient,cli',
    };
    const hosted = 'https://gongping-prod-123.auth.ap-east-1.amazoncognito.com';

    it('reads Cognito’s three endpoints from the hosted sign-in origin, with the web app client', () => {
      const config = parseConfig(ApiConfig, { ...base, AUTH_SIGN_IN_URL: hosted, AUTH_WEB_CLIENT_ID: 'webclient' });
      expect(staffSettingsOf(config).signIn).toEqual({
        authorizeUrl: `${hosted}/oauth2/authorize`,
        tokenUrl: `${hosted}/oauth2/token`,
        logoutUrl: `${hosted}/logout`,
        clientId: 'webclient',
      });
      expect(staffSettingsOf(parseConfig(ApiConfig, base)).signIn).toBeNull();
    });

    it('fails fast when half set, or when the web client is not one whose tokens the API accepts', () => {
      expect(() => parseConfig(ApiConfig, { ...base, AUTH_SIGN_IN_URL: hosted })).toThrow(
        /AUTH_SIGN_IN_URL and AUTH_WEB_CLIENT_ID go together/,
      );
      expect(() => parseConfig(ApiConfig, { ...base, AUTH_WEB_CLIENT_ID: 'webclient' })).toThrow(
        /AUTH_SIGN_IN_URL and AUTH_WEB_CLIENT_ID go together/,
      );
      expect(() => parseConfig(LocalConfig, { AUTH_SIGN_IN_URL: hosted })).toThrow(/AUTH_SIGN_IN_URL/);
      expect(() =>
        parseConfig(ApiConfig, { ...base, AUTH_SIGN_IN_URL: hosted, AUTH_WEB_CLIENT_ID: 'another' }),
      ).toThrow(/AUTH_WEB_CLIENT_ID must be one of AUTH_CLIENT_ID/);
    });

    it('refuses a sign-in origin that is not public https in the cloud', () => {
      expect(() =>
        parseConfig(ApiConfig, {
          ...base,
          AUTH_SIGN_IN_URL: 'http://localhost:3000/dev-idp',
          AUTH_WEB_CLIENT_ID: 'webclient',
        }),
      ).toThrow(/AUTH_ISSUER/);
    });
  });
});
