import type { Config } from '../config';
import { ConfigError } from '../errors';
import type { AlertChannel } from './channel';
import { createTeamsChannel } from './teams-channel';
import { createWebhookChannel } from './webhook-channel';

/**
 * The channels configured: Teams when TEAMS_WORKFLOW_URL is set, one webhook channel per WEBHOOK_URLS entry,
 * each signing with its own secret (`config.webhookSecrets`).
 */
export function createChannels(config: Config): AlertChannel[] {
  const channels: AlertChannel[] = [];
  if (config.teamsWorkflowUrl) channels.push(createTeamsChannel(config.teamsWorkflowUrl));
  const seen = new Set<string>();
  config.webhookUrls.forEach((url, i) => {
    const secret = config.webhookSecrets[i];
    // loadConfig gives every URL a secret; a Config built another way must not send unsigned alerts.
    if (!secret) throw new ConfigError('WEBHOOK_SECRETS', `has no signing secret for WEBHOOK_URLS[${i}]`);
    const channel = createWebhookChannel(url, secret);
    // The same URL listed twice would be one receiver alerted twice under one id.
    if (seen.has(channel.id)) return;
    seen.add(channel.id);
    channels.push(channel);
  });
  return channels;
}

/** Channel ids and kinds, safe for logs and summaries (ids are hashes, never URLs). */
export function describeChannels(channels: readonly AlertChannel[]): string {
  if (channels.length === 0) return 'no alert channels';
  return channels.map((c) => c.id).join(', ');
}
