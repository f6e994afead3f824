import type { Finding } from '../rules/finding';
import type { AlertChannel } from './channel';
import { messageKey } from './escalation';
import { postJson } from './post-json';
import { signWebhook, urlHash } from './sign';
import { tapwatchUserAgent } from './user-agent';

export interface WebhookChannelOptions {
  /** Clock for `webhook-timestamp` and HTTP-date `Retry-After`; injectable so tests can pin or skew it. */
  now?: () => Date;
  userAgent?: string;
}

/**
 * `webhook-id` of a finding sent to one endpoint: `<finding id>_<url hash>` (an escalation:
 * `<finding id>-escalated-<severity>_<url hash>`), the same on every retry and every cycle, so receivers can drop duplicates. Standard Webhooks signs `{id}.{timestamp}.{body}` and says
 * the id must not contain `.` (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md,
 * "Signature scheme"), so anything outside `[A-Za-z0-9_-]` is replaced, whatever a finding id holds.
 */
export function webhookMessageId(findingId: string, urlHash: string): string {
  return `${findingId}_${urlHash}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * A Standard Webhooks endpoint receiving the finding JSON, signed with this endpoint's own secret; the
 * signature covers id, timestamp and the exact body. The channel id is `webhook:<8 hex of sha256(url)>`;
 * the URL and the secret never leave this closure.
 */
export function createWebhookChannel(
  url: string,
  secret: string,
  options: WebhookChannelOptions = {},
): AlertChannel {
  const hash = urlHash(url);
  const id = `webhook:${hash}`;
  const now = options.now ?? (() => new Date());
  const userAgent = options.userAgent ?? tapwatchUserAgent();
  return {
    id,
    kind: 'webhook',
    async send(finding: Finding, signal: AbortSignal) {
      const body = JSON.stringify(finding);
      const messageId = webhookMessageId(messageKey(finding), hash);
      const timestamp = Math.floor(now().getTime() / 1000);
      await postJson({
        url,
        body,
        headers: {
          'user-agent': userAgent,
          'webhook-id': messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, messageId, timestamp, body),
        },
        signal,
        label: id,
        now,
      });
    },
  };
}
