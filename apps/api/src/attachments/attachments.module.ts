/** Uploaded files kept by content, referenced by sha256 from evidence and dossiers. */
import { Module } from '@nestjs/common';
import { AttachmentsController } from './attachments.controller.js';

@Module({ controllers: [AttachmentsController] })
export class AttachmentsModule {}
