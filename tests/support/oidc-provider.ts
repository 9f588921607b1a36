/**
 * A real OpenID provider for the tests: `oidc-provider` (a certified implementation) on a free
 * port of 127.0.0.1, with one confidential web client (authorization code + PKCE) for the API's
 * sign-in, one client of the client-credentials grant whose JWT access tokens the API verifies
 * through AUTH_JWKS_URL, and accounts whose claims carry roles, unit and province. The login and
 * consent pages are replaced by a handler that signs in the account the test names: the protocol
 * (codes, PKCE, tokens, signatures, keys) is the provider's own.
 */
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { freePort } from './child-server.js';

export interface OidcAccount {
  sub: string;
  name: string;
  roles: string[];
  unitId?: string;
  provinceId?: string;
}

export interface TestOidcProvider {
  issuer: string;
  jwksUrl: string;
  webClient: { id: string; secret: string };
  serviceClient: { id: string; secret: string };
  /** Who signs in at the next interaction. */
  signInAs(account: OidcAccount): void;
  /** A JWT access token of the client-credentials client (claims of its own service account). */
  serviceToken(): Promise<string>;
  close(): Promise<void>;
}

const RESOURCE = 'urn:thidua:api';

export async function startOidcProvider(options: {
  redirectUri: string;
  service: Omit<OidcAccount, 'sub'>;
}): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const webClient = { id: 'thidua-web', secret: 'web-client-secret-for-tests-only-0123456789' };
  const serviceClient = { id: 'thidua-service', secret: 'service-client-secret-for-tests-only-0123' };
  const accounts = new Map<string, OidcAccount>();
  let next: OidcAccount | undefined;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: webClient.id,
        client_secret: webClient.secret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: serviceClient.id,
        client_secret: serviceClient.secret,
        redirect_uris: [],
        grant_types: ['client_credentials'],
        response_types: [],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['oidc-provider-cookie-key-for-tests-only'] },
    scopes: ['openid', 'profile', 'thidua', 'api'],
    claims: { openid: ['sub'], profile: ['name'], thidua: ['roles', 'unitId', 'provinceId'] },
    // The caller's claims in the ID token itself (the API maps them at sign-in).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 3600,
      IdToken: 3600,
      ClientCredentials: 3600,
      AuthorizationCode: 60,
    },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: async () => ({ ...account }) } : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => undefined,
        getResourceServerInfo: async () => ({
          scope: 'api',
          audience: RESOURCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    extraTokenClaims: async (_ctx: unknown, token: { clientId?: string }) =>
      token.clientId === serviceClient.id ? { ...options.service } : undefined,
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  } as never);

  const callback = provider.callback();
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name === 'login') {
          if (!next) throw new Error('the test named nobody to sign in (signInAs)');
          accounts.set(next.sub, next);
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: next.sub } },
            { mergeWithLastSubmission: false },
          );
          return;
        }
        const grant = new provider.Grant({
          accountId: details.session!.accountId,
          clientId: details.params['client_id'] as string,
        });
        grant.addOIDCScope(String(details.params['scope']));
        await provider.interactionFinished(
          req,
          res,
          { consent: { grantId: await grant.save() } },
          { mergeWithLastSubmission: true },
        );
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    webClient,
    serviceClient,
    signInAs: (account) => void (next = account),
    serviceToken: async () => {
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${serviceClient.id}:${serviceClient.secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', resource: RESOURCE }),
      });
      const body = (await res.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`no access token: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
