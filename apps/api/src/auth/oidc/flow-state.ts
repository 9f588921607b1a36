/**
 * What the OIDC callback must check (state, nonce, the PKCE verifier), kept between the two
 * requests in a cookie signed with the server's secret: no server-side storage, and any instance
 * can finish a flow another one started. Expires after a few minutes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const OIDC_STATE_COOKIE = 'thidua_oidc';

export interface FlowState {
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAtMs: number;
}

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`oidc-flow\u0000${payload}`).digest('base64url');

export function sealFlowState(secret: string, flow: FlowState): string {
  const payload = Buffer.from(JSON.stringify(flow)).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The flow of a sealed cookie, or undefined when it is missing, forged or expired. */
export function openFlowState(secret: string, sealed: string | undefined, nowMs: number): FlowState | undefined {
  const [payload, signature] = (sealed ?? '').split('.');
  if (!payload || !signature) return undefined;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as FlowState;
    return typeof flow.expiresAtMs === 'number' && flow.expiresAtMs > nowMs ? flow : undefined;
  } catch {
    return undefined;
  }
}
