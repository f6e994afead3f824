import type { BenchSection } from './section';

/**
 * The figures the project sets targets for (requests per cycle, CPU, scan speed and memory), picked from the sections' figures: what the console prints
 * at the end and `results.md` shows first. A section that did not run (or failed) is simply left out.
 */
export function headlines(sections: Partial<Record<string, BenchSection>>): string[] {
  const lines: string[] = [];
  const cycle = sections.cycle?.figures;
  if (cycle) {
    const requests = Object.entries(cycle)
      .filter(([key]) => key.startsWith('requests_'))
      .map(([key, value]) => `${key.slice('requests_'.length)} ${value}`);
    lines.push(`Graph requests per cycle = audit pages + a constant: ${requests.join('; ')}`);
    const ratio = Number(cycle.cycle_over_parse_floor);
    lines.push(
      `Cycle CPU ÷ parse floor (every Graph request of the cycle: audit pages, role data, sign-ins): ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}); ` +
        `÷ bare JSON.parse: ${cycle.cycle_over_bare_json_parse}×`,
    );
    lines.push(
      `Table requests per cycle: ${cycle.table_requests_first_cycle} first, ${cycle.table_requests_rerun} on re-reading the same window`,
    );
  }
  const tenants = sections.tenants?.figures;
  if (tenants) {
    lines.push(
      `Many tenants: ${tenants.tenants}-tenant round ${tenants.round_s_n1} s with 1 concurrent cycle, ${tenants.round_s_n16} s with 16 (${tenants.speedup_n16_over_n1}×); ` +
        `${tenants.graph_requests_per_tenant} Graph and ${tenants.table_requests_per_tenant} Table requests per tenant; ` +
        `1,000 tenants on Flex: ${tenants.flex_instances_1000_hourly} instance(s) hourly, ${tenants.flex_instances_1000_5min} at 5 min (estimate)`,
    );
  }
  lines.push(...windowHeadlines(sections.windows?.figures));
  const scan = sections.scan?.figures;
  if (scan) {
    const largest = Object.keys(scan)
      .filter((key) => /^jq_over_scan_/.test(key))
      .at(-1);
    const label = largest?.slice('jq_over_scan_'.length);
    if (label !== undefined) {
      const ratio = Number(scan[`jq_over_scan_${label}`]);
      lines.push(
        `Scan of ${label} records: ${scan[`scan_${label}_s`]} s, jq ${scan[`jq_${label}_s`]} s, ` +
          `${ratio}× faster (target > 1×: ${ratio > 1 ? 'met' : 'NOT met'})`,
      );
    }
    const versus = Object.keys(scan).filter((key) => /^scan_over_baseline_/.test(key));
    if (versus.length > 0) {
      const parts = versus.map((key) => {
        const at = key.slice('scan_over_baseline_'.length);
        const cpu = scan[`scan_cpu_over_baseline_${at}`];
        const what = at.replace(/_page$/, ' as one Graph page');
        return `${what} ${scan[key]}× wall${cpu !== undefined ? ` (${cpu}× CPU)` : ''}`;
      });
      const met = versus.every((key) => Number(scan[key]) <= 1.1);
      lines.push(
        `Scan against the baseline build: ${parts.join(', ')} (target ≤ 1.1× wall at every size and shape: ${met ? 'met' : 'NOT met'})`,
      );
    }
    const rss = Object.entries(scan)
      .filter(([key]) => /^scan_peak_rss_/.test(key))
      .map(([key, value]) => `${rssLabel(key)} ${value} MB`);
    const capped = Object.entries(scan).find(([key]) => /_heap_capped_/.test(key));
    if (rss.length > 0) {
      lines.push(
        `Scan peak RSS: ${rss.join(', ')}${capped ? `; largest file with the V8 heap capped at ${capped[0].split('_').pop()?.replace('mb', ' MB')}: ${capped[1]}` : ''}`,
      );
    }
  }
  return lines;
}

/** `scan_peak_rss_5x_smallest_mb` → `5 × smallest file`, `scan_peak_rss_1M_mb` → `1M`. */
function rssLabel(key: string): string {
  const label = key.slice('scan_peak_rss_'.length).replace(/_mb$/, '');
  return label === '5x_smallest' ? '5 × smallest file' : label;
}

/** The incremental windows' targets (docs/schedule.md), from the windows section's figures (absent when it did not run). */
function windowHeadlines(windows: Record<string, number | string> | undefined): string[] {
  if (!windows) return [];
  const n = (key: string) => Number(windows[key]);
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const reread = ['100k_5min', '100k_60min', '1M_5min', '1M_60min'].map((k) => n(`reread_${k}`));
  const p95 = ['100k_5min', '1M_5min'].map((k) => n(`alert_p95_min_${k}`));
  const longest = n('longest_audit_requests_1M_5min');
  const missed = Object.entries(windows)
    .filter(([key]) => key.startsWith('missed_'))
    .reduce((sum, [, value]) => sum + Number(value), 0);
  return [
    `Re-read factor (100k 5-min, 100k hourly, 1M 5-min, 1M hourly): ${reread.join(', ')} (target ≤ 4: ${met(reread.every((r) => r <= 4))})`,
    `Longest later cycle of the 1M tenant at 5 minutes: ${longest} audit requests (target ≤ 30, one minute of 5 req / 10 s: ${met(longest <= 30)})`,
    `Publication → alert at 5 minutes, realistic latency, p95: ${p95.join(' / ')} min (100k / 1M; target ≤ 10: ${met(p95.every((m) => m <= 10))})`,
    `Records up to 24 h late missed, all scenarios: ${missed} (target 0: ${met(missed === 0)})`,
  ];
}
