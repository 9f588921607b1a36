/** What the project's scripts (`npm run demo`, `npm run token`) use of the HTTP app. */
export { createApp } from './app.js';
export { ConfigError, JWT_SECRET_FILE, loadConfig, resolveJwtSecret } from '#config';
export { isRole, type Role } from './auth/caller.js';
export { signToken } from './auth/jwt-verifier.js';
