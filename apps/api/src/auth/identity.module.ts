/** Sign-in (local accounts and OIDC), sessions and `GET /me`. */
import { Module } from '@nestjs/common';
import { AuthController, MeController } from './auth.controller.js';
import { OidcClient } from './oidc/oidc-client.js';
import { OidcController } from './oidc/oidc.controller.js';

@Module({ controllers: [AuthController, OidcController, MeController], providers: [OidcClient] })
export class IdentityModule {}
