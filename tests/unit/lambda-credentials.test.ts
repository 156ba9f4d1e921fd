import { afterEach, describe, expect, it } from 'vitest';
import { defaultProvider } from '../../shared/store/lambda-credentials.js';

const NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('credentials in the Lambda bundles (the environment alone)', () => {
  it('answers the credentials the Lambda runtime puts in the environment, read when asked', async () => {
    const provide = defaultProvider();
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
    });
    expect(await provide()).toEqual({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
    delete process.env.AWS_SESSION_TOKEN;
    expect(await provide()).toEqual({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret' });
  });

  it('refuses, saying what is missing, when the environment holds no key', async () => {
    for (const name of NAMES) delete process.env[name];
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    await expect(defaultProvider()()).rejects.toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });
});
