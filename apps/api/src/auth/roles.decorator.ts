/** Route metadata read by the auth guard: who may call a route, or that anyone may. */
import { SetMetadata } from '@nestjs/common';
import type { Role } from './caller.js';

export const ROLES_KEY = 'thidua:roles';
export const PUBLIC_KEY = 'thidua:public';

/** The roles allowed on a route; without it, any authenticated caller may call it. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route that needs no token (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
