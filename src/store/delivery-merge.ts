import { alertGeneration } from '../alerts/escalation';
import { type ChannelDelivery, channelTook, type DeliveryUpdate, type StoredFinding } from './store';

/**
 * Applies a delivery update to a stored finding. Channels merge by id and a channel that took the alert
 * (`delivered` or `accepted`) keeps that state whatever a later update says, so a stale writer can never
 * cause a second send to it. Each record written carries the update's generation.
 * `suppressedBy` and `alertedAt` keep their stored values when the update does not carry them.
 * Returns undefined (write nothing) when the update is for another alert generation than the stored
 * finding's: it was written for the alert before an escalation, and must not count for the escalation.
 */
export function applyDeliveryUpdate(
  stored: StoredFinding,
  update: DeliveryUpdate,
): StoredFinding | undefined {
  if (update.generation !== alertGeneration(stored.finding)) return undefined;
  const deliveries: Record<string, ChannelDelivery> = { ...stored.deliveries };
  for (const [channel, delivery] of Object.entries(update.deliveries)) {
    if (channelTook(deliveries[channel]) && !channelTook(delivery)) continue;
    deliveries[channel] = { ...delivery, generation: update.generation };
  }
  const next: StoredFinding = { finding: stored.finding, alertStatus: update.alertStatus, deliveries };
  const suppressedBy = update.suppressedBy ?? stored.suppressedBy;
  const alertedAt = update.alertedAt ?? stored.alertedAt;
  if (suppressedBy !== undefined) next.suppressedBy = suppressedBy;
  if (alertedAt !== undefined) next.alertedAt = alertedAt;
  return next;
}
