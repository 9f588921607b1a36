/** Injection tokens of the shell's ports (interfaces have no runtime identity in TypeScript). */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CLOCK = Symbol('CLOCK');
export const REDIS_STATUS = Symbol('REDIS_STATUS');
export const NOTIFICATIONS_INBOX = Symbol('NOTIFICATIONS_INBOX');
export const IDENTITY_STORE = Symbol('IDENTITY_STORE');
export const TRANSPARENCY_LOG = Symbol('TRANSPARENCY_LOG');
