import { Module } from '@nestjs/common';
import { GetMyNotificationsHandler, NotificationsController } from './notifications.controller.js';

@Module({ controllers: [NotificationsController], providers: [GetMyNotificationsHandler] })
export class NotificationsModule {}
