/** What the project's scripts (`npm run demo`, `npm run token`) use of the HTTP app. */
export { createApp } from './app.js';
export { ConfigError, JWT_SECRET_FILE, loadConfig, resolveJwtSecret } from './config.js';
export { isRole, type Role } from './auth/caller.js';
export { signToken } from './auth/jwt-verifier.js';
export { openIdentityStore } from './app.js';
export { AccountsService } from './accounts/accounts.service.js';
export { AccountError, NATIONAL_AUDITOR, type AccountCommand } from './accounts/account.js';
export { normalizeUsername } from './auth/login.js';
export { ROLES } from './auth/caller.js';
