import { createChannels } from '../alerts/build-channels';
import type { AlertChannel } from '../alerts/channel';
import { urlHash, webhookKey } from '../alerts/sign';
import type { Config } from '../config';
import { DeliveryError } from '../errors';
import { type CheckResult, result } from './check';
import { testFinding } from './test-finding';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * One line per alert channel, named by its id (`teams`, `webhook:<8 hex>`), never its URL. Without
 * `send`, only the configuration is checked and nothing leaves the machine; with it, each channel whose
 * configuration is sound gets one test alert, through the same channel code (and signature) as real alerts.
 */
export async function checkChannels(config: Config, send: boolean, now: Date): Promise<CheckResult[]> {
  const channels = createChannels(config);
  if (channels.length === 0) {
    return [
      result(
        'channels',
        'alert channels',
        'degraded',
        'none configured: findings are stored and can be queried, but nobody is alerted',
        'set TEAMS_WORKFLOW_URL and/or WEBHOOK_URLS with WEBHOOK_SECRET (azd env set …, then azd provision)',
      ),
    ];
  }
  const results: CheckResult[] = [];
  for (const channel of channels) {
    const configured = configCheck(channel, config);
    if (!send || configured.status === 'fail') {
      results.push(configured);
      continue;
    }
    results.push(await sendTest(channel, config, now, configured));
  }
  return results;
}

function configCheck(channel: AlertChannel, config: Config): CheckResult {
  const id = `channel:${channel.id}`;
  const url = channel.kind === 'teams' ? config.teamsWorkflowUrl : webhookUrlOf(channel.id, config);
  const parsed = url ? safeParse(url) : undefined;
  if (!parsed) return result(id, channel.id, 'fail', 'its URL cannot be read', 'set the URL again');
  const plain = parsed.protocol === 'http:' && !LOOPBACK.has(parsed.hostname);
  if (plain) {
    return result(
      id,
      channel.id,
      'fail',
      'the URL is plain http: alerts (and a URL credential) would travel unencrypted',
      'use the https:// URL',
    );
  }
  if (channel.kind === 'teams') return teamsConfig(id, parsed);
  // loadConfig already refused a secret outside Standard Webhooks' 24 to 64 bytes.
  const secret = webhookSecretOf(channel.id, config);
  const bytes = secret ? webhookKey(secret).length : 0;
  return result(id, channel.id, 'pass', `signed webhook endpoint, secret of ${bytes} bytes; ${NOT_SENT}`);
}

const NOT_SENT = 'nothing sent (--send-test-alert sends a labelled test alert)';

function teamsConfig(id: string, url: URL): CheckResult {
  const host = url.hostname.toLowerCase();
  if (
    host.endsWith('webhook.office.com') ||
    (host === 'outlook.office.com' && url.pathname.startsWith('/webhook'))
  ) {
    return result(
      id,
      'teams',
      'fail',
      'an Office 365 connector URL: Microsoft retired those connectors',
      'create a Teams workflow from the "Send webhook alerts to a channel" template and set TEAMS_WORKFLOW_URL to its URL',
    );
  }
  if (host.endsWith('.logic.azure.com')) {
    // docs/graph-behaviour.md: trigger URLs moved to *.environment.api.powerplatform.com and the old ones stopped
    // at the end of November 2025 (not confirmed in a Microsoft document we could cite: hence a warning).
    return result(
      id,
      'teams',
      'degraded',
      `an older Workflows trigger URL (*.logic.azure.com), which may no longer be served; ${NOT_SENT}`,
      'copy the current URL from the workflow trigger (…environment.api.powerplatform.com) into TEAMS_WORKFLOW_URL, then check with --send-test-alert',
    );
  }
  if (!url.searchParams.has('sig')) {
    return result(
      id,
      'teams',
      'degraded',
      `the URL has no sig= credential, and tapwatch sends no other; ${NOT_SENT}`,
      'use the URL the workflow trigger shows (it carries sig=), then check with --send-test-alert',
    );
  }
  return result(id, 'teams', 'pass', `Teams Workflows URL set (https, sig= present); ${NOT_SENT}`);
}

async function sendTest(
  channel: AlertChannel,
  config: Config,
  now: Date,
  configured: CheckResult,
): Promise<CheckResult> {
  const id = `channel:${channel.id}`;
  try {
    await channel.send(testFinding(config.tenantId, now), AbortSignal.timeout(config.alertTimeoutMs));
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    return result(
      id,
      channel.id,
      'fail',
      `test alert not taken: ${error.message}`,
      deliveryFix(channel, error),
    );
  }
  const detail =
    channel.kind === 'teams'
      ? 'test card accepted; Workflows answers before the flow runs, so look for "TEST ALERT from tapwatch doctor" in the channel (a card that never shows failed inside the flow: see its run history)'
      : "test event accepted, signed with this endpoint's secret like real alerts (rule doctor-test-alert)";
  // A configuration warning (an old URL form) still stands after a successful send.
  return configured.status === 'degraded'
    ? { ...configured, detail: `${detail}; but ${configured.detail.replace(`; ${NOT_SENT}`, '')}` }
    : result(id, channel.id, 'pass', detail);
}

function deliveryFix(channel: AlertChannel, error: DeliveryError): string {
  const name = channel.kind === 'teams' ? 'TEAMS_WORKFLOW_URL' : 'this WEBHOOK_URLS entry';
  const status = error.status;
  if (status === undefined) {
    return `the receiver could not be reached: check ${name} (host, port) and outbound HTTPS from here`;
  }
  if (status === 401 || status === 403) {
    return channel.kind === 'teams'
      ? 'the workflow refused the URL credential: copy the URL again from the workflow trigger'
      : "the receiver refused the request: check it holds this endpoint's secret (WEBHOOK_SECRETS entry, else WEBHOOK_SECRET)";
  }
  if (status === 404 || status === 410)
    return `nothing is listening at ${name} any more: set the current URL`;
  if (status === 408 || status === 429 || status >= 500)
    return 'the receiver is failing or busy: try again later';
  return `the receiver rejected the alert: check what ${name} points at`;
}

/** The WEBHOOK_URLS entry behind a `webhook:<hash>` channel id. */
function webhookUrlOf(channelId: string, config: Config): string | undefined {
  return config.webhookUrls.find((url) => `webhook:${urlHash(url)}` === channelId);
}

/** The signing secret of the WEBHOOK_URLS entry behind a `webhook:<hash>` channel id. */
function webhookSecretOf(channelId: string, config: Config): string | undefined {
  const index = config.webhookUrls.findIndex((url) => `webhook:${urlHash(url)}` === channelId);
  return index < 0 ? undefined : config.webhookSecrets[index];
}

function safeParse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
