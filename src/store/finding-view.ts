import type { Finding } from '../rules/finding';
import type { AlertStatus, ChannelDelivery, StoredFinding } from './store';

/** A finding as the query API and `tapwatch findings --format json` return it: the finding shape (docs/api.md) plus `alert`. */
export type FindingView = Finding & {
  alert: {
    status: AlertStatus;
    suppressedBy?: string;
    alertedAt?: string;
    /** Per channel id (`teams`, `webhook:<hash>`); never a channel URL. */
    deliveries: Record<string, ChannelDelivery>;
  };
};

export function findingView(stored: StoredFinding): FindingView {
  const alert: FindingView['alert'] = { status: stored.alertStatus, deliveries: stored.deliveries };
  if (stored.suppressedBy !== undefined) alert.suppressedBy = stored.suppressedBy;
  if (stored.alertedAt !== undefined) alert.alertedAt = stored.alertedAt;
  return { ...stored.finding, alert };
}
