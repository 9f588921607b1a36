/**
 * The in-app inbox: a read model over `NotificationSent` events. For the in-app channel the event
 * is the delivery, so the inbox shows exactly what the log says was sent, and nothing else.
 *
 * Who sees what: a notification to a unit is seen by every officer bound to that unit (role `unit`
 * or `leader`); one to a cluster leader by the `leader` officers of that unit; one to a province by
 * the `province` role. Always within the officer's own province: unit ids repeat across provinces
 * (Châu Thành exists in several), so a notification is shown only when its cycle belongs to the
 * user's province (each cycle's province is read from its `CycleOpened`).
 */
import type { RecordedEvent } from '#event-store';
import type { NotificationSentData } from '#notification-events';
import { recipientKey } from '../planning/plan.js';

export interface InboxUser {
  userId: string;
  roles: string[];
  unitId?: string;
  provinceId?: string;
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
  private readonly provinceOfCycle = new Map<string, string>();

  apply(event: RecordedEvent): void {
    if (event.type === 'CycleOpened') {
      const { cycleId, provinceId } = event.data as { cycleId?: unknown; provinceId?: unknown };
      if (typeof cycleId === 'string' && typeof provinceId === 'string') this.provinceOfCycle.set(cycleId, provinceId);
      return;
    }
    if (event.type !== 'NotificationSent') return;
    const n = event.data as unknown as NotificationSentData;
    const key = recipientKey(n.recipient);
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
    if (user.provinceId === undefined) return [];
    if (user.roles.includes('province')) keys.add(recipientKey({ type: 'province', provinceId: user.provinceId }));
    const items = [...keys]
      .flatMap((k) => this.byRecipient.get(k) ?? [])
      .filter((item) => this.provinceOfCycle.get(item.cycleId) === user.provinceId);
    return items.sort((a, b) => b.position - a.position).slice(0, limit);
  }
}
