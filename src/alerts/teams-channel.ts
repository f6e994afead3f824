import type { AlertChannel } from './channel';
import { postJson } from './post-json';
import { buildTeamsMessage } from './teams-card';
import { tapwatchUserAgent } from './user-agent';

export interface TeamsChannelOptions {
  userAgent?: string;
  /** Clock used to turn an HTTP-date `Retry-After` into a wait. */
  now?: () => Date;
}

/**
 * The Teams Workflows channel ("Send webhook alerts to a channel"): posts the Adaptive Card envelope once
 * per call; 2xx (Workflows answers 202 with no body) is success. Failures are `DeliveryError`s that say
 * "Teams workflow", never the URL, whose `sig=` query is the credential.
 */
export function createTeamsChannel(url: string, options: TeamsChannelOptions = {}): AlertChannel {
  const userAgent = options.userAgent ?? tapwatchUserAgent();
  return {
    id: 'teams',
    kind: 'teams',
    async send(finding, signal) {
      await postJson({
        url,
        body: JSON.stringify(buildTeamsMessage(finding)),
        headers: { 'user-agent': userAgent },
        signal,
        label: 'Teams workflow',
        ...(options.now ? { now: options.now } : {}),
      });
    },
  };
}
