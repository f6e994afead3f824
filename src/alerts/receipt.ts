import type { AlertChannel } from './channel';

/**
 * What a 2xx answer from a channel proves.
 * - Teams Workflows: the "When a Teams webhook request is received" trigger answers 202 Accepted before
 *   the flow runs ("If you don't define a response action, a 202 ACCEPTED response is immediately returned
 *   to the caller": https://learn.microsoft.com/azure/connectors/connectors-native-reqres; a 202 "indicates
 *   that the flow accepted the request for processing, but the processing isn't complete":
 *   https://learn.microsoft.com/power-automate/guidance/coding-guidelines/asychronous-flow-pattern). A card
 *   the flow later fails to post shows only in the flow's run history, so the alert is `accepted`.
 * - Standard Webhooks: the consumer answers 2xx once it has taken the message, so it is `delivered`.
 */
export function receiptState(channel: Pick<AlertChannel, 'kind'>): 'delivered' | 'accepted' {
  return channel.kind === 'teams' ? 'accepted' : 'delivered';
}
