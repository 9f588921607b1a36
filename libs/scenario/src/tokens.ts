/** Tokens as the API document describes them: HS256 over the UTF-8 bytes of the secret. */
import { SignJWT } from 'jose';

export type Role = 'province' | 'leader' | 'unit' | 'approver' | 'auditor' | 'national-auditor';

export interface Claims {
  sub: string;
  name: string;
  roles: Role[];
  unitId?: string;
  provinceId?: string;
  /** Seconds since the epoch; default one hour from now. */
  exp?: number;
}

export async function mintToken(secret: string, claims: Claims): Promise<string> {
  const { sub, exp, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(exp ?? Math.floor(Date.now() / 1000) + 3600)
    .sign(new TextEncoder().encode(secret));
}

/** Mints the usual people of a cycle for one secret, all of one province (default the reference year's). */
export class Tokens {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(
    readonly secret: string,
    readonly provinceId = 'an-giang',
  ) {}

  private memo(key: string, claims: Claims, inProvince = true): Promise<string> {
    let token = this.cache.get(key);
    if (!token) {
      token = mintToken(this.secret, inProvince ? { ...claims, provinceId: this.provinceId } : claims);
      this.cache.set(key, token);
    }
    return token;
  }

  province(): Promise<string> {
    return this.memo('province', { sub: 'ban-tdkt', name: 'Ban Thi đua – Khen thưởng tỉnh', roles: ['province'] });
  }

  leader(unitId: string): Promise<string> {
    return this.memo(`leader:${unitId}`, {
      sub: `leader-${unitId}`,
      name: `Trưởng cụm (${unitId})`,
      roles: ['leader'],
      unitId,
    });
  }

  /** A unit's officer; `sub` lets a test tell this officer apart from the same unit's leader. */
  unit(unitId: string, sub = `officer-${unitId}`): Promise<string> {
    return this.memo(`unit:${unitId}:${sub}`, { sub, name: `Cán bộ thi đua (${unitId})`, roles: ['unit'], unitId });
  }

  approver(): Promise<string> {
    return this.memo('approver', { sub: 'chu-tich-ubnd', name: 'Chủ tịch UBND tỉnh', roles: ['approver'] });
  }

  /** An auditor of every province (no province of its own). */
  nationalAuditor(): Promise<string> {
    return this.memo(
      'national-auditor',
      { sub: 'kiem-toan-quoc-gia', name: 'Kiểm toán nhà nước', roles: ['national-auditor'] },
      false,
    );
  }

  auditor(): Promise<string> {
    return this.memo('auditor', { sub: 'kiem-toan', name: 'Kiểm toán viên', roles: ['auditor'] });
  }
}
