import { UsageError } from './io';

const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/**
 * A byte count flag value: a whole number of bytes, or with a binary unit (`512KB`, `16MB`, `1GB`;
 * case-insensitive, K = 1,024). Throws a UsageError naming the flag and the allowed range.
 */
export function byteSizeArg(
  value: string | undefined,
  flag: string,
  fallback: number,
  range: [number, number],
) {
  if (value === undefined) return fallback;
  const match = /^\s*(\d{1,12})\s*([kmg]?b?)\s*$/i.exec(value);
  const bytes = match ? Number(match[1]) * (UNITS[(match[2] ?? '').toUpperCase()] ?? Number.NaN) : Number.NaN;
  const [min, max] = range;
  if (!(bytes >= min && bytes <= max)) {
    throw new UsageError(
      `${flag} must be a size from ${formatBytes(min)} to ${formatBytes(max)} (bytes, or with KB, MB or GB), got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return bytes;
}

/** `1.5 GB`, `16 MB`, `700 KB`, `12 bytes` (binary units, one decimal when not whole). */
export function formatBytes(bytes: number): string {
  for (const unit of ['GB', 'MB', 'KB'] as const) {
    const size = UNITS[unit] ?? 1;
    if (bytes >= size) {
      const n = bytes / size;
      return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}
