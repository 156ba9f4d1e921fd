import { beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyResult, LambdaEvent } from 'hono/aws-lambda';
import { TEST_SECRET } from '../helpers/api.js';
import { apiGatewayEvent, lambdaContext, planStoreEnvironment, resultBody } from '../helpers/lambda.js';
import { useStore } from '../helpers/store.js';

const fixture = apiGatewayEvent;
const context = lambdaContext;

const store = useStore();
let invoke: (event: LambdaEvent) => Promise<APIGatewayProxyResult>;
/** The page functions (citizen pages; staff sign-in and pages; downloads), configured as the CDK app configures them. */
let invokeSite: (event: LambdaEvent) => Promise<APIGatewayProxyResult>;
let invokeStaffPages: (event: LambdaEvent) => Promise<APIGatewayProxyResult>;
let invokeDownloads: (event: LambdaEvent) => Promise<APIGatewayProxyResult>;
let invokeStaff: (event: LambdaEvent) => Promise<APIGatewayProxyResult>;
const PER_ADDRESS = 10;

beforeAll(async () => {
  Object.assign(process.env, {
    ...(await planStoreEnvironment(store.current)),
    VOTER_TOKEN_SECRET: TEST_SECRET,
    // Staff sign-in as the CDK app configures it (tokens are not verified by these tests: no key set is fetched).
    AUTH_ISSUER: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_Test',
    AUTH_CLIENT_ID: 'web-client',
    AUTH_SIGN_IN_URL: 'https://gongping-test.auth.ap-east-1.amazoncognito.com',
    AUTH_WEB_CLIENT_ID: 'web-client',
    SITE_URL: 'https://gongping.example',
    RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
  });
  // The handler reads its configuration once, at import, as a Lambda container does.
  const { handler } = await import('../../functions/api/handler.js');
  invoke = (event) => handler(event, context);
  const site = await import('../../functions/web/handler.js');
  invokeSite = (event) => site.handler(event, context);
  const staffPages = await import('../../functions/staff-pages/handler.js');
  invokeStaffPages = (event) => staffPages.handler(event, context);
  const downloads = await import('../../functions/downloads/handler.js');
  invokeDownloads = (event) => downloads.handler(event, context);
  const staff = await import('../../functions/staff/handler.js');
  invokeStaff = (event) => staff.handler(event, context);
});

/** A GET of `path` as the fixture `get-plan` arrives, through CloudFront or straight to the API Gateway URL. */
function getEvent(path: string, via: 'cloudfront' | 'direct', headers: Record<string, string> = {}): LambdaEvent {
  const event = structuredClone(fixture('get-plan', via)) as LambdaEvent & {
    rawPath: string;
    requestContext: { http: { path: string } };
    headers: Record<string, string>;
  };
  event.rawPath = path;
  event.requestContext.http.path = path;
  Object.assign(event.headers, headers);
  return event;
}

const body = resultBody;

describe('the Lambda handler (API Gateway HTTP API v2)', () => {
  it('answers GET /api/v1/plan with the plan as JSON', async () => {
    const result = await invoke(fixture('get-plan'));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    expect(body(result).counts.indicators).toBe(31);
  });

  it('passes query strings through to the filters', async () => {
    const result = await invoke(fixture('get-indicators-binding'));
    expect(result.statusCode).toBe(200);
    expect(body(result).items.map((i: { seq: number }) => i.seq)).toEqual([26, 27, 28, 29, 30, 31]);
  });

  it('answers an unknown id with a 404 problem document', async () => {
    const result = await invoke(fixture('get-indicator-unknown'));
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(body(result).type).toBe('urn:gongping:problem:not-found');
  });

  it('records feedback from a plain and a base64-encoded body, setting the voter cookie through the v2 cookies field', async () => {
    const plain = await invoke(fixture('post-feedback'));
    expect(plain.statusCode).toBe(201);
    expect(body(plain)).toMatchObject({ targetId: 'gdp', rating: 4, commentStatus: 'pending', replaced: false });
    expect(plain.cookies?.[0]).toMatch(
      /^gp_voter=v1\.[\w-]+\.[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );

    const encoded = await invoke(fixture('post-feedback-base64'));
    expect(encoded.statusCode).toBe(201);
    expect(body(encoded).rating).toBe(2);
  });

  it('refuses a bad rating with a 400 problem document', async () => {
    const result = await invoke(fixture('post-feedback-bad-rating'));
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(body(result).errors[0].path).toBe('rating');
  });

  it('reads the voter from the v2 cookies field for GET /api/v1/me/feedback', async () => {
    const posted = await invoke(fixture('post-feedback'));
    const cookie = posted.cookies![0]!.split(';')[0]!;
    const event = fixture('get-me-feedback-cookie');
    const others = 'cookies' in event ? (event.cookies ?? []).filter((c) => !c.startsWith('gp_voter=')) : [];
    const result = await invoke({ ...event, cookies: [cookie, ...others] });
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['cache-control']).toBe('private, no-store');
    expect(body(result).items).toMatchObject([
      { targetId: 'gdp', rating: 4, comment: '希望公布2024年数据', commentStatus: 'pending' },
    ]);
  });

  it('starts a staff sign-in at Cognito’s hosted authorize endpoint, with PKCE, coming back to the site’s callback', async () => {
    const get = (path: string, query = ''): LambdaEvent => {
      const event = structuredClone(fixture('get-plan')) as LambdaEvent & {
        rawPath: string;
        rawQueryString: string;
        requestContext: { http: { path: string } };
        headers: Record<string, string>;
      };
      event.rawPath = path;
      event.rawQueryString = query;
      event.requestContext.http.path = path;
      event.headers.accept = 'text/html';
      return event;
    };
    const staff = await invokeStaffPages(get('/staff'));
    expect(staff.statusCode).toBe(302);
    expect(staff.headers?.location).toBe('/auth/sign-in?return=%2Fstaff');
    const result = await invokeStaffPages(get('/auth/sign-in', 'return=%2Fstaff'));
    expect(result.statusCode).toBe(302);
    const to = new URL(String(result.headers?.location));
    expect(to.origin + to.pathname).toBe('https://gongping-test.auth.ap-east-1.amazoncognito.com/oauth2/authorize');
    expect(to.searchParams.get('client_id')).toBe('web-client');
    expect(to.searchParams.get('redirect_uri')).toBe('https://gongping.example/auth/callback');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(result.cookies?.[0]).toMatch(
      /^gp_signin=[\w-]+\.[\w-]{43}; Max-Age=600; Path=\/auth; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('refuses every route to a request sent straight to the API Gateway URL, around CloudFront and its WAF', async () => {
    const refused = [
      await invoke(fixture('get-plan', 'direct')),
      await invoke(fixture('post-feedback', 'direct')),
      await invokeSite(getEvent('/', 'direct', { accept: 'text/html' })),
      await invokeDownloads(getEvent('/api/v1/open-data/indicators.csv', 'direct')),
      await invokeStaffPages(getEvent('/staff', 'direct', { accept: 'text/html' })),
      // A staff route, with a token the JWT authorizer would have let through.
      await invokeStaff(
        getEvent('/api/v1/monitor/comments', 'direct', { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln' }),
      ),
      // A wrong secret is no secret.
      await invoke(getEvent('/api/v1/plan', 'direct', { 'x-gongping-origin': 'x'.repeat(46) })),
    ];
    for (const result of refused) {
      expect(result.statusCode).toBe(403);
      expect(body(result).type).toBe('urn:gongping:problem:not-through-cdn');
    }
    // Through CloudFront a staff request reaches the sign-in check.
    const viaCloudFront = await invokeStaff(getEvent('/api/v1/monitor/comments', 'cloudfront'));
    expect(viaCloudFront.statusCode).toBe(401);
    expect(body(viaCloudFront).type).toBe('urn:gongping:problem:unauthorized');
  });

  it('counts one viewer as one address whatever its source port and whatever CloudFront-Viewer-Address it typed', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_ADDRESS + 3; i++) {
      const event = fixture('post-feedback') as LambdaEvent & { headers: Record<string, string> };
      // What CloudFront sets, overwriting anything the viewer sent: the viewer's address, a new port per connection.
      event.headers['cloudfront-viewer-address'] = `198.51.100.77:${40000 + i}`;
      statuses.push((await invoke(event)).statusCode);
    }
    expect(statuses).toEqual([...Array(PER_ADDRESS).fill(201), 429, 429, 429]);
    // The same requests sent around CloudFront, with an address of the attacker's choosing each time: refused, none stored.
    for (let i = 0; i < 3; i++) {
      const event = fixture('post-feedback', 'direct') as LambdaEvent & { headers: Record<string, string> };
      event.headers['cloudfront-viewer-address'] = `x${i}`;
      expect((await invoke(event)).statusCode).toBe(403);
    }
  });
});
