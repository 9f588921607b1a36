/** The OpenID provider as openid-client 6 sees it: discovered once, then used for each flow. */
import * as client from 'openid-client';
import type { JWTPayload } from 'jose';
import { ProblemError } from '../../problems/problem.js';
import type { FlowState } from './flow-state.js';

export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
}

export class OidcClient {
  private configuration: Promise<client.Configuration> | undefined;

  newFlow(): Omit<FlowState, 'expiresAtMs'> {
    return { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  }

  async authorizationUrl(
    settings: OidcSettings,
    redirectUri: string,
    flow: Omit<FlowState, 'expiresAtMs'>,
  ): Promise<URL> {
    const config = await this.discover(settings).catch(() => {
      throw ProblemError.of('OIDC_UNAVAILABLE');
    });
    return client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Exchanges the code of `currentUrl` (the callback as the provider called it); answers the ID token's claims. */
  async exchange(settings: OidcSettings, currentUrl: URL, flow: FlowState): Promise<JWTPayload> {
    const config = await this.discover(settings).catch(() => {
      throw ProblemError.of('OIDC_UNAVAILABLE');
    });
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      return claims as JWTPayload;
    } catch {
      throw ProblemError.of('OIDC_FAILED');
    }
  }

  private discover(settings: OidcSettings): Promise<client.Configuration> {
    // An http:// issuer is allowed only because it was configured so (a provider on this machine or in tests).
    const insecure = new URL(settings.issuer).protocol === 'http:';
    this.configuration ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        insecure ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }
}
