import { createTeamsChannel } from '../../../src/alerts/teams-channel';
import { DeliveryError } from '../../../src/errors';
import { type Receiver, startReceiver } from '../../support/receiver';
import { placedText } from '../../unit/alerts/card-text';
import { sampleFinding, TARGET_ID } from '../../unit/alerts/sample-finding';

const SIG = 'TeamsSigSecret0123456789';

describe('Teams channel against a local Workflows stand-in', () => {
  let receiver: Receiver;
  let url: string;

  beforeEach(async () => {
    receiver = await startReceiver({ fallback: 202 });
    url = `${receiver.url}/workflows/abc/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${SIG}`;
  });

  afterEach(async () => {
    await receiver.close();
  });

  it('posts the Adaptive Card message and treats 202 with an empty body as delivered', async () => {
    // Prepare
    const channel = createTeamsChannel(url);

    // Act
    await channel.send(sampleFinding(), AbortSignal.timeout(5000));

    // Assess
    const request = receiver.requests[0];
    if (!request) throw new Error('no request received');
    expect(channel).toMatchObject({ id: 'teams', kind: 'teams' });
    expect(request.url).toContain(`sig=${SIG}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.status).toBe(202);
    expect(JSON.parse(request.body)).toMatchObject({
      type: 'message',
      attachments: [
        { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } },
      ],
    });
  });

  it('delivers attacker text as literal TextRuns: a UPN defanged but readable, mention markup inert', async () => {
    // Prepare
    const upn = 'Sync_CONTOSO-DC01_4c3e2a1b9f00@contoso.onmicrosoft.com';
    const name = '<at>ceo</at> **Directory Sync** [docs](https://evil.test)';
    const channel = createTeamsChannel(url);

    // Act
    await channel.send(
      sampleFinding({ target: { id: TARGET_ID, userPrincipalName: upn, displayName: name, roles: [] } }),
      AbortSignal.timeout(5000),
    );

    // Assess
    const request = receiver.requests[0];
    if (!request) throw new Error('no request received');
    const card = JSON.parse(request.body).attachments[0].content;
    const placed = placedText(card.body);
    expect(placed.runs).toContain('Sync_CONTOSO-DC01_4c3e2a1b9f00[@]contoso[.]onmicrosoft[.]com');
    expect(placed.runs).toContain('<at>ceo</at> **Directory Sync** [docs](https[:]//evil[.]test)');
    expect(placed.blocks.join('\n')).not.toMatch(/Sync_CONTOSO|<at>|evil/);
    expect(card.msteams).toEqual({ width: 'Full' });
  });

  it('rejects a 400 as not retryable, saying "Teams workflow" and never the URL or its sig', async () => {
    // Prepare
    receiver.script({ status: 400, body: `{"error":"bad card for ${url}"}` });
    const channel = createTeamsChannel(url);

    // Act
    const error = await channel.send(sampleFinding(), AbortSignal.timeout(5000)).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ retryable: false, status: 400 });
    const message = (error as Error).message;
    expect(message).toContain('Teams workflow');
    expect(message).not.toContain(SIG);
    expect(message).not.toContain(receiver.url);
  });

  it('reports an unreachable endpoint as retryable with only the error code', async () => {
    // Prepare
    const closed = await startReceiver();
    const deadUrl = `${closed.url}/workflows/x?sig=${SIG}`;
    await closed.close();
    const channel = createTeamsChannel(deadUrl);

    // Act
    const error = await channel.send(sampleFinding(), AbortSignal.timeout(5000)).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect((error as Error).message).toMatch(/^Teams workflow could not be reached \(ECONNREFUSED\)$/);
  });

  it('gives up when the signal aborts, as a retryable failure', async () => {
    // Prepare
    receiver.script('hang');
    const channel = createTeamsChannel(url);

    // Act
    const error = await channel.send(sampleFinding(), AbortSignal.timeout(150)).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ retryable: true });
    expect((error as Error).message).toBe('Teams workflow request was aborted (timeout)');
  });
});
