/**
 * Verifies bearer tokens: HS256 with the UTF-8 bytes of AUTH_JWT_SECRET, or, when AUTH_JWKS_URL is
 * set, against the OIDC provider's published keys. Returns the caller or throws a 401 problem.
 * A token whose `exp` lies further ahead than the configured maximum, or whose `iat` lies in the
 * future beyond a small clock skew, is refused: a leaked long-lived token is worth less.
 */
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ID_PATTERN } from '../dto/fields.js';
import { ProblemError } from '../problems/problem.js';
import { isRole, type Caller, type Role } from './caller.js';

/** Verified tokens kept (by their exact text) until they expire: a signature is checked once. */
const MAX_CACHED_TOKENS = 10_000;
/** How far a token's `iat` may lie ahead of this server's clock. */
export const IAT_SKEW_S = 60;

// Where the caller's fields are read from in a token's claims (a dotted path reaches nested claims).
import { DEFAULT_CLAIM_NAMES, type ClaimNames } from '#config';
export { DEFAULT_CLAIM_NAMES, type ClaimNames };

export interface JwtVerifierOptions {
  secret: string;
  jwksUrl?: string;
  /** The longest `exp` ahead of now accepted, in seconds. */
  maxTtlS: number;
  /** Claim names of the caller's fields (configurable for an OIDC provider). */
  claims?: ClaimNames;
  /** When set, `iss` must equal it (the OIDC issuer). */
  issuer?: string;
  now?: () => number;
}

export class JwtVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new Map<string, { caller: Caller; expiresAtMs: number }>();
  private readonly claims: ClaimNames;
  private readonly now: () => number;

  constructor(private readonly options: JwtVerifierOptions) {
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
      this.algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];
    } else {
      this.key = new TextEncoder().encode(options.secret);
      this.algorithms = ['HS256'];
    }
    this.claims = options.claims ?? DEFAULT_CLAIM_NAMES;
    this.now = options.now ?? Date.now;
  }

  async verify(token: string): Promise<Caller> {
    const known = this.verified.get(token);
    if (known) {
      if (this.now() < known.expiresAtMs) return known.caller;
      this.verified.delete(token);
      throw ProblemError.of('INVALID_TOKEN');
    }
    return this.verifyOnce(token);
  }

  private async verifyOnce(token: string): Promise<Caller> {
    let payload: JWTPayload;
    const nowS = Math.floor(this.now() / 1000);
    try {
      // `exp` is required: a token that never expires is refused.
      const options = {
        algorithms: this.algorithms,
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(nowS * 1000),
        ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
      };
      const result =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options);
      payload = result.payload;
    } catch {
      throw ProblemError.of('INVALID_TOKEN');
    }
    if ((payload.exp as number) - nowS > this.options.maxTtlS) {
      throw ProblemError.of('INVALID_TOKEN', undefined, {
        vi: `Mã truy cập có hạn dùng quá dài (tối đa ${this.options.maxTtlS} giây kể từ bây giờ)`,
        en: `The token expires too far ahead (at most ${this.options.maxTtlS} s from now)`,
      });
    }
    if (typeof payload.iat === 'number' && payload.iat > nowS + IAT_SKEW_S) {
      throw ProblemError.of('INVALID_TOKEN', undefined, {
        vi: 'Mã truy cập được cấp ở thời điểm tương lai',
        en: 'The token was issued in the future',
      });
    }
    const caller = callerFromClaims(payload, this.claims);
    if (this.verified.size >= MAX_CACHED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { caller, expiresAtMs: (payload.exp as number) * 1000 });
    return caller;
  }
}

function claimAt(payload: Record<string, unknown>, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * The caller of a token's (or an ID token's) claims: sub, name, roles (an array, or one string of
 * space-separated roles), unitId (required with leader and unit), provinceId (required with every
 * role but national-auditor). Throws INVALID_TOKEN naming what is wrong.
 */
export function callerFromClaims(payload: JWTPayload, names: ClaimNames = DEFAULT_CLAIM_NAMES): Caller {
  const rawRoles = claimAt(payload, names.roles);
  const roles = typeof rawRoles === 'string' ? rawRoles.split(/\s+/).filter(Boolean) : rawRoles;
  const unitId = claimAt(payload, names.unitId);
  const provinceId = claimAt(payload, names.provinceId);
  const name = claimAt(payload, names.name);
  const invalid = (vi: string, en: string) => ProblemError.of('INVALID_TOKEN', undefined, { vi, en });
  if (typeof payload.sub !== 'string' || payload.sub === '')
    throw invalid('Mã truy cập thiếu "sub"', 'The token has no "sub"');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw invalid(
      `Mã truy cập phải có "${names.roles}" thuộc province, leader, unit, approver, auditor, national-auditor`,
      `The token needs "${names.roles}" among province, leader, unit, approver, auditor, national-auditor`,
    );
  }
  if (unitId !== undefined && (typeof unitId !== 'string' || !ID_PATTERN.test(unitId))) {
    throw invalid(`"${names.unitId}" của mã truy cập không hợp lệ`, `The token's "${names.unitId}" is invalid`);
  }
  if (provinceId !== undefined && (typeof provinceId !== 'string' || !ID_PATTERN.test(provinceId))) {
    throw invalid(`"${names.provinceId}" của mã truy cập không hợp lệ`, `The token's "${names.provinceId}" is invalid`);
  }
  if ((roles as Role[]).some((r) => r === 'leader' || r === 'unit') && unitId === undefined) {
    throw invalid(
      `Vai trò leader và unit cần "${names.unitId}" trong mã truy cập`,
      `Roles leader and unit need a "${names.unitId}" claim`,
    );
  }
  if ((roles as Role[]).some((r) => r !== 'national-auditor') && provinceId === undefined) {
    throw invalid(
      `Mã truy cập cần "${names.provinceId}" (trừ vai trò national-auditor)`,
      `The token needs a "${names.provinceId}" claim (but for national-auditor)`,
    );
  }
  return {
    userId: payload.sub,
    roles: [...new Set(roles as Role[])],
    ...(typeof name === 'string' ? { name: name.normalize('NFC') } : {}),
    ...(typeof unitId === 'string' ? { unitId: unitId.normalize('NFC') } : {}),
    ...(typeof provinceId === 'string' ? { provinceId: provinceId.normalize('NFC') } : {}),
  };
}

/** Signs a token as the server expects it (used by `npm run token` and by tests). */
export async function signToken(
  secret: string,
  claims: { sub: string; name?: string; roles: Role[]; unitId?: string; provinceId?: string },
  ttl: string | number = '8h',
): Promise<string> {
  return new SignJWT({
    roles: claims.roles,
    ...(claims.name ? { name: claims.name } : {}),
    ...(claims.unitId ? { unitId: claims.unitId } : {}),
    ...(claims.provinceId ? { provinceId: claims.provinceId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
