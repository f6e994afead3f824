import { buildTeamsMessage } from '../../../src/alerts/teams-card';
import { alertFindingId } from '../../../src/cli/format-demo';
import type { ReceivedAlert } from '../../../src/sim/alert-receiver';
import { sampleFinding } from '../alerts/sample-finding';

function received(channel: string, body: unknown): ReceivedAlert {
  return { channel, path: `/${channel}`, status: 202, receivedAt: '', headers: {}, body };
}

describe('alertFindingId', () => {
  it('reads the finding id from a webhook body and from the Teams card that tapwatch builds', () => {
    const finding = sampleFinding();
    expect(alertFindingId(received('webhook', finding))).toBe(finding.id);
    expect(alertFindingId(received('teams', buildTeamsMessage(finding)))).toBe(finding.id);
  });

  it('gives an empty id for a body that carries none', () => {
    expect(alertFindingId(received('teams', { type: 'message', attachments: [] }))).toBe('');
  });
});
