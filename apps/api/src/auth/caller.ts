/** The authenticated caller, as read from a verified token. */
import { ROLES, type Role } from '#domain';

export { ROLES, type Role };

export interface Caller {
  userId: string;
  name?: string;
  roles: Role[];
  unitId?: string;
}

/** What the auth guard leaves on the request for controllers and logs. */
export interface AuthenticatedRequestFields {
  caller?: Caller;
  /** The role the caller acts in on this route: the first of the route's roles it holds. */
  actingRole?: Role;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
