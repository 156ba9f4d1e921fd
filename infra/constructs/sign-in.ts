import { Duration } from 'aws-cdk-lib';
import {
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  type IUserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export const CALLBACK_PATH = '/auth/callback';

export interface SignInProps {
  userPool: IUserPool;
  /** Prefix of <prefix>.auth.<region>.amazoncognito.com. */
  domainPrefix: string;
  /** Where the site is served (https://…), for the OAuth redirect URLs. */
  siteUrls: string[];
}

/**
 * How staff sign in on the web: Cognito's hosted sign-in on a prefix domain and one public app
 * client (no secret) for the authorization-code flow with PKCE. Stateless, so it lives with the app
 * while the pool and its users stay in the data stack.
 */
export class SignIn extends Construct {
  readonly domain: UserPoolDomain;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: SignInProps) {
    super(scope, id);
    this.domain = new UserPoolDomain(this, 'Domain', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });
    this.client = new UserPoolClient(this, 'WebClient', {
      userPool: props.userPool,
      userPoolClientName: 'gongping-web',
      // A browser cannot keep a secret; PKCE protects the code instead.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.siteUrls.map((url) => `${url}${CALLBACK_PATH}`),
        logoutUrls: props.siteUrls.map((url) => `${url}/`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      authSessionValidity: Duration.minutes(5),
    });
  }

  /** The hosted sign-in origin (https://<prefix>.auth.<region>.amazoncognito.com). */
  get origin(): string {
    return this.domain.baseUrl();
  }
}
