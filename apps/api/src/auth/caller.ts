/** The authenticated caller, as read from a verified token or a session. */
import { ROLES, type Role } from '#domain';

export { ROLES, type Role };

export interface Caller {
  userId: string;
  name?: string;
  roles: Role[];
  unitId?: string;
  /** Required for every role but `national-auditor`. */
  provinceId?: string;
}

/** What `GET /me` and `POST /auth/login` answer. */
export interface CallerView {
  sub: string;
  name: string;
  roles: Role[];
  unitId?: string;
  provinceId?: string;
}

export function callerView(caller: Caller): CallerView {
  return {
    sub: caller.userId,
    name: caller.name ?? caller.userId,
    roles: caller.roles,
    ...(caller.unitId ? { unitId: caller.unitId } : {}),
    ...(caller.provinceId ? { provinceId: caller.provinceId } : {}),
  };
}

/** What the auth guard leaves on the request for controllers and logs. */
export interface AuthenticatedRequestFields {
  caller?: Caller;
  /** The role the caller acts in on this route: the first of the route's roles it holds. */
  actingRole?: Role;
  /** Set when the caller was authenticated by the session cookie (the SHA-256 of its id). */
  sessionIdHash?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
