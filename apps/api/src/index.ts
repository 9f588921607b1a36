/** What the project's scripts (`npm run demo`, `npm run token`) use of the HTTP app. */
export { createApp } from './app.js';
export { ConfigError, JWT_SECRET_FILE, loadConfig, resolveJwtSecret } from '#config';
export { isRole, type Role } from './auth/caller.js';
export { signToken } from './auth/jwt-verifier.js';
export { openIdentityStore } from './app.js';
export { AccountsService } from './accounts/accounts.service.js';
export { AccountError, NATIONAL_AUDITOR, type AccountCommand } from './accounts/account.js';
export {
  ACCOUNT_SUBCOMMANDS,
  ACCOUNTS_USAGE,
  parseAccountsArgs,
  toAccountCommand,
  UsageError,
  type AccountsArgs,
} from './accounts/cli-args.js';
export { normalizeUsername } from './auth/login.js';
export { ROLES } from './auth/caller.js';
export type { AppConfig } from '#config';
/** What the accounts command and the demo need of the configuration. */
export type AppConfigForAccounts = Pick<import('#config').AppConfig, 'identityStore' | 'eventStore'>;
