import type { TenantListing, TenantRunStatus } from '../tenants/tenant-registry';
import { formatColumns } from './format-columns';
import { terminalText } from './format-terminal-text';

const HEADER = ['TENANT', 'NAME', 'AUTH', 'ENABLED', 'LAST RUN (UTC)', 'STATUS', 'FAILURES', 'OVERRIDES'];

/**
 * The tenants and their last queued run as a terminal table; rows that do not validate are listed after
 * it with their error, and a deployment with none registered says it watches its home tenant alone.
 */
export function formatTenantsTable(
  listing: TenantListing,
  statuses: readonly TenantRunStatus[],
  homeTenantId: string,
): string {
  if (listing.tenants.length === 0 && listing.invalid.length === 0) {
    return `No tenants registered: this deployment watches TENANT_ID ${homeTenantId} alone (one implicit tenant).\n`;
  }
  const byId = new Map(statuses.map((s) => [s.tenantId, s]));
  const rows = listing.tenants.map((t) => {
    const status = byId.get(t.tenantId);
    return [
      t.tenantId,
      terminalText(t.displayName, 32),
      t.auth === 'federated-app' ? `app ${t.appClientId ?? ''}` : 'managed identity',
      t.enabled ? 'yes' : 'no',
      status ? shortTime(status.lastAttemptAt) : 'never',
      status ? statusText(status) : '-',
      status ? String(status.consecutiveFailures) : '-',
      Object.keys(t.overrides).sort().join(', ') || '-',
    ];
  });
  let text = `${formatColumns(HEADER, rows)}\n`;
  for (const bad of listing.invalid) {
    text += `invalid row ${terminalText(bad.tenantId, 80)}: ${terminalText(bad.error, 200)} (no cycle runs for it)\n`;
  }
  const failing = rows.filter((r) => r[5]?.startsWith('failed') || r[5]?.startsWith('poisoned')).length;
  text += `\n${listing.tenants.length} tenant${listing.tenants.length === 1 ? '' : 's'}`;
  text += `, ${listing.tenants.filter((t) => t.enabled).length} enabled, ${failing} failing\n`;
  return text;
}

function statusText(status: TenantRunStatus): string {
  const error = status.lastError ? `: ${terminalText(status.lastError, 60)}` : '';
  return status.lastStatus === 'ok' ? 'ok' : `${status.lastStatus}${error}`;
}

function shortTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '?' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
