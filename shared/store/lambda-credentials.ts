/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (infra/constructs/function.ts
 * aliases the package to this file; local runs and tests use the SDK's own). In Lambda the function's
 * credentials are always in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN), where the default chain finds them first; its other sources (SSO, profiles,
 * instance metadata, web identity, processes) are never reached there, yet they are about a fifth of
 * a bundle and of its load time (tests/bench/RESULTS.md, "Bundles"). The export is the one the
 * DynamoDB client's runtime configuration imports.
 */
export function defaultProvider(): () => Promise<{
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}> {
  return () => {
    const {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_SESSION_TOKEN: sessionToken,
    } = process.env;
    if (!accessKeyId || !secretAccessKey) {
      return Promise.reject(
        new Error(
          'no AWS credentials in the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, which the Lambda runtime sets, are missing',
        ),
      );
    }
    return Promise.resolve({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) });
  };
}
