import type { Config } from '../config';
import { ConfigError } from '../errors';
import type { AlertChannel } from './channel';
import { createTeamsChannel } from './teams-channel';
import { createWebhookChannel } from './webhook-channel';

/** The channels configured: Teams when TEAMS_WORKFLOW_URL is set, one webhook channel per WEBHOOK_URLS entry. */
export function createChannels(config: Config): AlertChannel[] {
  const channels: AlertChannel[] = [];
  if (config.teamsWorkflowUrl) channels.push(createTeamsChannel(config.teamsWorkflowUrl));
  if (config.webhookUrls.length > 0) {
    const secret = config.webhookSecret;
    if (!secret)
      throw new ConfigError('WEBHOOK_SECRET', 'is required when WEBHOOK_URLS is set (whsec_<base64>)');
    const seen = new Set<string>();
    for (const url of config.webhookUrls) {
      const channel = createWebhookChannel(url, secret);
      // The same URL listed twice would be one receiver alerted twice under one id.
      if (seen.has(channel.id)) continue;
      seen.add(channel.id);
      channels.push(channel);
    }
  }
  return channels;
}

/** Channel ids and kinds, safe for logs and summaries (ids are hashes, never URLs). */
export function describeChannels(channels: readonly AlertChannel[]): string {
  if (channels.length === 0) return 'no alert channels';
  return channels.map((c) => c.id).join(', ');
}
