import type { KeyedProjection } from '../runner/keyed-projection.js';

/**
 * The notification worker (libs/notifications) records every alert it sends in a stream of its
 * own, `notification-<id>`, opened by `NotificationSent` (which names the cycle) and followed by
 * its deliveries. This projection remembers, per cycle, those streams, so that the cycle's audit
 * trail, events list and verification include who was alerted of what, and when.
 */
export const notificationStreamsProjection: KeyedProjection<string[]> = {
  name: 'notification-streams',
  version: 1,
  keyOf: (event) => {
    if (event.type !== 'NotificationSent' || event.revision !== 0) return undefined;
    const cycleId = (event.data as { cycleId?: unknown }).cycleId;
    return typeof cycleId === 'string' ? cycleId : undefined;
  },
  apply: (streams, event) => (streams?.includes(event.streamId) ? streams : [...(streams ?? []), event.streamId]),
};
