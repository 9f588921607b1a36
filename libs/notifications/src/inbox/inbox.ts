/**
 * The in-app inbox: a read model over `NotificationSent` events. For the in-app channel the event
 * is the delivery, so the inbox shows exactly what the log says was sent, and nothing else.
 *
 * Who sees what: a notification to a unit is seen by every officer bound to that unit (role `unit`
 * or `leader`); one to a cluster leader by the `leader` officers of that unit; one to a province by
 * the `province` role.
 */
import type { RecordedEvent } from '#event-store';
import type { NotificationSentData } from '#notification-events';
import { recipientKey } from '../planning/plan.js';

export interface InboxUser {
  userId: string;
  roles: string[];
  unitId?: string;
}

export interface InboxItem {
  notificationId: string;
  cycleId: string;
  step: string;
  kind: 'reminder' | 'escalation';
  recipient: NotificationSentData['recipient'];
  subject: string;
  message: string;
  dueAt: string;
  sentAt: string;
  units: { id: string; name: string }[];
  /** Log position of the event: a client can ask the API to wait until it has seen it. */
  position: number;
}

export class InboxModel {
  private readonly byRecipient = new Map<string, InboxItem[]>();
  private readonly provinceKeys = new Set<string>();

  apply(event: RecordedEvent): void {
    if (event.type !== 'NotificationSent') return;
    const n = event.data as unknown as NotificationSentData;
    const key = recipientKey(n.recipient);
    if (n.recipient.type === 'province') this.provinceKeys.add(key);
    const items = this.byRecipient.get(key) ?? [];
    items.push({
      notificationId: n.notificationId,
      cycleId: n.cycleId,
      step: n.step,
      kind: n.kind,
      recipient: n.recipient,
      subject: n.subject,
      message: n.message,
      dueAt: n.dueAt,
      sentAt: n.sentAt,
      units: n.units,
      position: event.position,
    });
    this.byRecipient.set(key, items);
  }

  /** Newest first. */
  forUser(user: InboxUser, limit = 100): InboxItem[] {
    const keys = new Set<string>();
    if (user.unitId && (user.roles.includes('unit') || user.roles.includes('leader'))) keys.add(`unit-${user.unitId}`);
    if (user.unitId && user.roles.includes('leader')) keys.add(`leader-${user.unitId}`);
    if (user.roles.includes('province')) for (const k of this.provinceKeys) keys.add(k);
    const items = [...keys].flatMap((k) => this.byRecipient.get(k) ?? []);
    return items.sort((a, b) => b.position - a.position).slice(0, limit);
  }
}
