/** Sign-in, sessions and `GET /me`. */
import { Module } from '@nestjs/common';
import { AuthController, MeController } from './auth.controller.js';

@Module({ controllers: [AuthController, MeController] })
export class IdentityModule {}
