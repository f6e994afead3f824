import type { StoredFinding } from '../store/store';

/**
 * A finding's alert state in one table cell: `alerted: teams accepted, webhook:1a2b3c4d delivered`,
 * `pending: teams failed, …`, `suppressed`, or `stored only` (below ALERT_MIN_SEVERITY). `accepted` means
 * the channel only acknowledged taking the alert (a Teams Workflows 202), `delivered` that the receiver
 * confirmed it. Channel ids are hashes, never URLs.
 */
export function formatAlertState(stored: Pick<StoredFinding, 'alertStatus' | 'deliveries'>): string {
  if (stored.alertStatus === 'below-threshold') return 'stored only';
  if (stored.alertStatus === 'suppressed') return 'suppressed';
  const channels = Object.entries(stored.deliveries)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, delivery]) => `${id} ${delivery.status}`);
  return channels.length > 0 ? `${stored.alertStatus}: ${channels.join(', ')}` : stored.alertStatus;
}
