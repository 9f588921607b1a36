/** The auditor's proofs: checkpoint, key, inclusion and consistency proofs, audit bundle. */
import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';

@Module({ controllers: [AuditController] })
export class AuditModule {}
