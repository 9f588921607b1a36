/** E-mail channel over SMTP (nodemailer): one message per notification, in Vietnamese. */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { NotificationSentData } from '#notification-events';
import { recipientKey } from '../planning/plan.js';

export interface SmtpConfig {
  /** e.g. smtp://user:pass@mail.example.gov.vn:587 */
  url: string;
  from: string;
  /** Address of a recipient; `{recipient}` becomes `unit-<id>`, `leader-<id>` or `province-<id>`. */
  to?: string;
  attempts?: number;
  backoffMs?: number;
}

export const DEFAULT_MAIL_TO = '{recipient}@thidua.invalid';

export function mailAddress(config: SmtpConfig, notification: NotificationSentData): string {
  return (config.to ?? DEFAULT_MAIL_TO).replaceAll('{recipient}', recipientKey(notification.recipient));
}

export class EmailChannel {
  private readonly transport: Transporter;

  constructor(private readonly config: SmtpConfig) {
    this.transport = nodemailer.createTransport(config.url);
  }

  async send(notification: NotificationSentData, deliveryId: string): Promise<string> {
    const to = mailAddress(this.config, notification);
    await this.transport.sendMail({
      from: this.config.from,
      to,
      subject: notification.subject,
      text: notification.message,
      // The same id on every retry: a mail system that saw it already may drop the repeat.
      messageId: `<${deliveryId}@thidua>`,
      headers: { 'X-Thidua-Delivery': deliveryId },
    });
    return to;
  }

  close(): void {
    this.transport.close();
  }
}
