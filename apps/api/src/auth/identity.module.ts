/** Sign-in (local accounts and OIDC), sessions, `GET /me`, and the accounts' history for auditors. */
import { Module } from '@nestjs/common';
import { AccountsAuditController } from '../accounts/accounts-audit.controller.js';
import { AuthController, MeController } from './auth.controller.js';
import { OidcClient } from './oidc/oidc-client.js';
import { OidcController } from './oidc/oidc.controller.js';

@Module({
  controllers: [AuthController, OidcController, MeController, AccountsAuditController],
  providers: [OidcClient],
})
export class IdentityModule {}
