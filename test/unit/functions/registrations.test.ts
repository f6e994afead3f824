import { app } from '@azure/functions';

/**
 * Outside the Functions host `app.*` only warns; capturing the calls shows what the host would register:
 * names equal to file and handler names, schedules from app settings, no runOnStartup, function-key HTTP.
 */
describe('function registrations', () => {
  const timers = new Map<string, Record<string, unknown>>();
  const https = new Map<string, Record<string, unknown>>();
  const queues = new Map<string, Record<string, unknown>>();

  beforeAll(() => {
    jest.spyOn(app, 'timer').mockImplementation((name, options) => {
      timers.set(name, options as unknown as Record<string, unknown>);
    });
    jest.spyOn(app, 'http').mockImplementation((name, options) => {
      https.set(name, options as unknown as Record<string, unknown>);
    });
    jest.spyOn(app, 'storageQueue').mockImplementation((name, options) => {
      queues.set(name, options as unknown as Record<string, unknown>);
    });
    for (const name of [
      'pollTenant',
      'cleanupFindings',
      'findingsApi',
      'health',
      'runTenantCycle',
      'tenantFindingsApi',
    ]) {
      const module = require(`../../../functions/${name}`) as Record<string, unknown>;
      expect(typeof module[name]).toBe('function');
    }
  });

  it('registers the detection timer on POLL_SCHEDULE with a retry policy and without runOnStartup', () => {
    const poll = timers.get('pollTenant');
    expect(poll).toMatchObject({ schedule: '%POLL_SCHEDULE%', retry: { strategy: 'exponentialBackoff' } });
    expect(poll?.runOnStartup).toBeUndefined();
  });

  it('registers the retention timer on CLEANUP_SCHEDULE', () => {
    expect(timers.get('cleanupFindings')).toMatchObject({ schedule: '%CLEANUP_SCHEDULE%' });
    expect(timers.get('cleanupFindings')?.runOnStartup).toBeUndefined();
  });

  it('registers the query API and health check as GET with function-key auth', () => {
    expect(https.get('findingsApi')).toMatchObject({
      methods: ['GET'],
      authLevel: 'function',
      route: 'findings/{id?}',
    });
    expect(https.get('health')).toMatchObject({ methods: ['GET'], authLevel: 'function', route: 'health' });
  });

  it('registers the tenant cycle on the tapwatch-cycles queue over the identity-based AzureWebJobsStorage connection', () => {
    expect(queues.get('runTenantCycle')).toMatchObject({
      queueName: 'tapwatch-cycles',
      connection: 'AzureWebJobsStorage',
    });
  });

  it("registers a tenant's findings route with its own function key", () => {
    expect(https.get('tenantFindingsApi')).toMatchObject({
      methods: ['GET'],
      authLevel: 'function',
      route: 'tenants/{tenant}/findings/{id?}',
    });
  });
});
