/** Opening a cycle from a workbook: the template and the reading (nothing written). */
import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller.js';

@Module({ controllers: [ImportsController] })
export class ImportsModule {}
