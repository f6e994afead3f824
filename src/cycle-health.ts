import type { CycleSummary } from './cycle-summary';
import type { ChannelHealth, FindingStore, TenantHealth } from './store/store';

/** Audit ids of quarantined findings kept in the health row (the summary log line has the rest). */
const MAX_AUDIT_IDS = 20;

/**
 * Writes the tenant's health row after a cycle that got through alerting: each channel's state (failing
 * since the first failure of an unbroken run of failed cycles, ok again after a success) and the findings
 * this cycle had to quarantine. A channel nothing was sent to keeps its previous state.
 */
export async function recordHealth(store: FindingStore, summary: CycleSummary, at: Date): Promise<void> {
  const previous = await store.getHealth(summary.tenantId);
  await store.putHealth(nextHealth(previous, summary, at));
}

export function nextHealth(
  previous: TenantHealth | undefined,
  summary: CycleSummary,
  at: Date,
): TenantHealth {
  const channels: Record<string, ChannelHealth> = {};
  for (const [id, stats] of Object.entries(summary.alerts.byChannel)) {
    const before = previous?.channels[id];
    const health: ChannelHealth = { status: before?.status ?? 'ok', pending: stats.pending };
    const lastSuccessAt = stats.lastSuccessAt ?? before?.lastSuccessAt;
    if (lastSuccessAt !== undefined) health.lastSuccessAt = lastSuccessAt;
    if (stats.last === 'failed' || (stats.last === undefined && before?.status === 'failing')) {
      health.status = 'failing';
      const since = before?.status === 'failing' ? before.failingSince : stats.firstFailureAt;
      if (since !== undefined) health.failingSince = since;
      const lastError = stats.lastError ?? before?.lastError;
      if (lastError !== undefined) health.lastError = lastError;
    } else if (stats.last === 'ok') {
      health.status = 'ok';
    }
    channels[id] = health;
  }
  const auditIds = summary.quarantine.flatMap((q) => q.auditIds).slice(0, MAX_AUDIT_IDS);
  return {
    tenantId: summary.tenantId,
    updatedAt: at.toISOString(),
    channels,
    quarantine: { count: summary.findings.quarantined, auditIds },
  };
}
