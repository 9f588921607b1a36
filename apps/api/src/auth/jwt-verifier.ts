/**
 * Verifies bearer tokens: HS256 with the UTF-8 bytes of AUTH_JWT_SECRET, or, when AUTH_JWKS_URL is
 * set, against the OIDC provider's published keys. Returns the caller or throws a 401 problem.
 */
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ID_PATTERN } from '../dto/fields.js';
import { ProblemError } from '../problems/problem.js';
import { isRole, type Caller, type Role } from './caller.js';

/** Verified tokens kept (by their exact text) until they expire: a signature is checked once. */
const MAX_CACHED_TOKENS = 10_000;

export class JwtVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new Map<string, { caller: Caller; expiresAtMs: number }>();

  constructor(options: { secret: string; jwksUrl?: string }) {
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
      this.algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];
    } else {
      this.key = new TextEncoder().encode(options.secret);
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string): Promise<Caller> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.caller;
      this.verified.delete(token);
      throw ProblemError.of('INVALID_TOKEN');
    }
    return this.verifyOnce(token);
  }

  private async verifyOnce(token: string): Promise<Caller> {
    let payload: JWTPayload;
    try {
      // `exp` is required: a token that never expires is refused.
      const result =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, { algorithms: this.algorithms, requiredClaims: ['exp', 'sub'] })
          : await jwtVerify(token, this.key, { algorithms: this.algorithms, requiredClaims: ['exp', 'sub'] });
      payload = result.payload;
    } catch {
      throw ProblemError.of('INVALID_TOKEN');
    }
    const caller = callerFromClaims(payload);
    if (this.verified.size >= MAX_CACHED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { caller, expiresAtMs: (payload.exp as number) * 1000 });
    return caller;
  }
}

/** The claims of the API document: sub, name, roles[], unitId (required with leader and unit). */
export function callerFromClaims(payload: JWTPayload): Caller {
  const roles = payload['roles'];
  const unitId = payload['unitId'];
  const name = payload['name'];
  const invalid = (vi: string, en: string) => ProblemError.of('INVALID_TOKEN', undefined, { vi, en });
  if (typeof payload.sub !== 'string' || payload.sub === '') throw invalid('Mã truy cập thiếu "sub"', 'The token has no "sub"');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw invalid('Mã truy cập phải có "roles" thuộc province, leader, unit, approver, auditor', 'The token needs "roles" among province, leader, unit, approver, auditor');
  }
  if (unitId !== undefined && (typeof unitId !== 'string' || !ID_PATTERN.test(unitId))) throw invalid('"unitId" của mã truy cập không hợp lệ', 'The token\'s "unitId" is invalid');
  if ((roles as Role[]).some((r) => r === 'leader' || r === 'unit') && unitId === undefined) {
    throw invalid('Vai trò leader và unit cần "unitId" trong mã truy cập', 'Roles leader and unit need a "unitId" claim');
  }
  return {
    userId: payload.sub,
    roles: [...new Set(roles as Role[])],
    ...(typeof name === 'string' ? { name: name.normalize('NFC') } : {}),
    ...(typeof unitId === 'string' ? { unitId: unitId.normalize('NFC') } : {}),
  };
}

/** Signs a token as the server expects it (used by `npm run token` and by tests). */
export async function signToken(
  secret: string,
  claims: { sub: string; name?: string; roles: Role[]; unitId?: string },
  ttl: string | number = '8h',
): Promise<string> {
  return new SignJWT({ roles: claims.roles, ...(claims.name ? { name: claims.name } : {}), ...(claims.unitId ? { unitId: claims.unitId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
