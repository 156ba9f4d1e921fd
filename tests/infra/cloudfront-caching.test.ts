import { describe, expect, it } from 'vitest';
import { UNCACHED_PATHS } from '../../infra/constructs/web.js';
import { synthesise } from './synth.js';

/** CloudFront's cache behaviours match what the origin says (shared/http/caching.ts, docs/deploy.md). */
const { templates } = synthesise({}, { bundle: false });
const distribution = Object.values(templates.app.findResources('AWS::CloudFront::Distribution'))[0]!.Properties
  .DistributionConfig;
const behaviours = distribution.CacheBehaviors as { PathPattern: string; CachePolicyId: unknown }[];
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const policyOf = (ref: unknown) =>
  templates.app.findResources('AWS::CloudFront::CachePolicy')[(ref as { Ref: string }).Ref]!.Properties
    .CachePolicyConfig;

describe('CloudFront cache behaviours', () => {
  it("never caches a voter's own pages and JSON, at the current plan's addresses and a plan's own", () => {
    for (const path of ['/me', '/me/*', '/api/v1/me/*', '/api/v1/plans/*/me/*']) {
      expect(UNCACHED_PATHS, path).toContain(path);
      expect(behaviours.find((b) => b.PathPattern === path)?.CachePolicyId, path).toBe(CACHING_DISABLED);
    }
  });

  it('keys pages on language and text size only, not on the voter cookie, and honours the origin (no minimum, no default)', () => {
    const pages = policyOf(distribution.DefaultCacheBehavior.CachePolicyId);
    expect(pages).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
    const key = pages.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.CookiesConfig).toEqual({ CookieBehavior: 'whitelist', Cookies: ['lang', 'elder'] });
    expect(key.HeadersConfig).toEqual({ HeaderBehavior: 'whitelist', Headers: ['Accept-Language'] });
  });
});
