import { loadConfig } from '../config';
import { findingView } from '../store/finding-view';
import { QueryError } from '../store/query-error';
import { parseFindingQuery } from '../store/query-params';
import { MAX_PAGE_LIMIT } from '../store/query-plan';
import type { FindingQuery, StoredFinding } from '../store/store';
import { createStoreFromConfig } from '../store/table-store';
import { choiceArg, parseCommandArgs } from './args';
import { formatAlertState } from './format-alert-state';
import { formatFindingsTable } from './format-findings-table';
import { inertJson } from './format-terminal-text';
import { type Command, EXIT, UsageError } from './io';
import { tenantScope } from './tenant-scope';

export const FINDINGS_HELP = `Usage: tapwatch findings [--since 7d] [--until TIME] [--severity S] [--rule ID]
                        [--target UPN] [--initiator X] [--tenant ID|all] [--limit N] [--format table|json]

Lists stored findings from Table storage (STORAGE_CONNECTION_STRING or TABLES_ENDPOINT, TENANT_ID).
  --since, --until  ISO 8601 time (UTC unless an offset is given) or an age like 7d, 24h, 30m;
                    default the last 7 days; at most RETENTION_DAYS apart
  --severity S      minimum severity: informational, low, medium, high or critical
  --rule ID         only findings carrying this rule id
  --target UPN      target UPN (any case) or object id; --initiator: UPN, app id or object id
  --tenant ID|all   a registered tenant's findings, or every tenant's (default: TENANT_ID)
  --limit N         most findings printed, 1 to ${10 * MAX_PAGE_LIMIT} (default 100)
  --format          table (default) or json (findings with their alert state)
The ALERT column: per channel, delivered (the receiver confirmed it) or accepted (Teams Workflows
answered 202: taken, not yet posted), failed (retried next cycle); or suppressed, or stored only.
Newest first. Exit 0 on success, 2 on bad usage or configuration.`;

const FILTERS = ['since', 'until', 'severity', 'rule', 'target', 'initiator'] as const;
const MAX_LIMIT = 10 * MAX_PAGE_LIMIT;
/** For checking the flags before the environment is read: a placeholder tenant, the widest retention RETENTION_DAYS allows. */
const FLAG_CHECK_TENANT = '00000000-0000-0000-0000-000000000000';
const MAX_RETENTION_DAYS = 3650;

/** `tapwatch findings`: the query API's parameters and code, over the environment's store. */
export const findingsCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs('findings', args, {
    since: { type: 'string' },
    until: { type: 'string' },
    severity: { type: 'string' },
    rule: { type: 'string' },
    target: { type: 'string' },
    initiator: { type: 'string' },
    tenant: { type: 'string' },
    limit: { type: 'string' },
    format: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError('findings takes no positional arguments');
  const format = choiceArg(values.format, '--format', ['table', 'json'], 'table');
  const limit = totalLimit(values.limit);
  const params: Array<[string, string]> = [['limit', String(Math.min(limit, MAX_PAGE_LIMIT))]];
  for (const name of FILTERS) {
    const value = values[name];
    if (value !== undefined) params.push([name, value]);
  }
  const now = new Date();
  // Flags first: a mistyped flag is reported before (and whatever) the environment says.
  asFlags(() =>
    parseFindingQuery(params, { tenantId: FLAG_CHECK_TENANT, now, retentionDays: MAX_RETENTION_DAYS }),
  );
  const config = loadConfig(io.env);
  const query = asFlags(() =>
    parseFindingQuery(params, { tenantId: config.tenantId, now, retentionDays: config.retentionDays }),
  );
  const store = await createStoreFromConfig(config);
  const run = await tenantScope(store, config, values.tenant);
  const { items, more } = await collect(run, query, limit);
  items.sort((a, b) => Date.parse(b.finding.activityDateTime) - Date.parse(a.finding.activityDateTime));
  if (format === 'json') {
    io.stdout.write(`${inertJson(items.map(findingView), 2)}\n`);
  } else {
    const range = `${shortTime(query.since)} to ${shortTime(query.until)} UTC`;
    io.stdout.write(
      formatFindingsTable(
        items.map((i) => i.finding),
        range,
        items.map(formatAlertState),
      ),
    );
  }
  if (more) io.stderr.write(`tapwatch: stopped at --limit ${limit}; more findings may match\n`);
  return EXIT.ok;
};

/** Follows continuation tokens until `limit` findings are collected or the range is exhausted. */
async function collect(
  run: (query: FindingQuery) => Promise<{ items: StoredFinding[]; continuationToken?: string }>,
  query: FindingQuery,
  limit: number,
): Promise<{ items: StoredFinding[]; more: boolean }> {
  const items: StoredFinding[] = [];
  let token: string | undefined;
  do {
    const pageLimit = Math.min(MAX_PAGE_LIMIT, limit - items.length);
    const page = await run(
      token ? { ...query, limit: pageLimit, continuationToken: token } : { ...query, limit: pageLimit },
    );
    items.push(...page.items);
    token = page.continuationToken;
  } while (token && items.length < limit);
  return { items, more: token !== undefined };
}

function totalLimit(value: string | undefined): number {
  if (value === undefined) return 100;
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n < 1 || n > MAX_LIMIT) {
    throw new UsageError(
      `--limit must be a whole number from 1 to ${MAX_LIMIT}, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return n;
}

/** Query errors name parameters; on the command line they are flags. */
function asFlags<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    throw new UsageError(error.message.replace(/^(since|until|severity|rule|target|initiator)\b/, '--$1'));
  }
}

function shortTime(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}
