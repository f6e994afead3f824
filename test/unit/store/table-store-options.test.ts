import { loadConfig } from '../../../src/config';
import { ConfigError, StoreError } from '../../../src/errors';
import { createStoreFromConfig, createTableStore } from '../../../src/store/table-store';

const TENANT = '11111111-2222-3333-4444-555555555555';

describe('creating a Table store', () => {
  it('never echoes a connection string it cannot parse', async () => {
    const secret = 'AccountKey=SUPERSECRETKEY==;SharedAccessSignature=sig=ALSOSECRET';

    const failure = createTableStore({ connectionString: secret });

    await expect(failure).rejects.toThrow(StoreError);
    await expect(failure).rejects.toThrow(/value not shown/);
    const message = await failure.catch((error: Error) => error.message);
    expect(message).not.toContain('SUPERSECRET');
    expect(message).not.toContain('ALSOSECRET');
  });

  it('rejects a table prefix that would make an invalid table name', async () => {
    await expect(
      createTableStore({ connectionString: 'UseDevelopmentStorage=true', tablePrefix: '9lives' }),
    ).rejects.toThrow(ConfigError);
  });

  it('needs an endpoint or a connection string in the configuration', async () => {
    await expect(createStoreFromConfig(loadConfig({ TENANT_ID: TENANT }))).rejects.toThrow(
      /TABLES_ENDPOINT: or STORAGE_CONNECTION_STRING/,
    );
  });
});

describe('Table Storage errors', () => {
  it('name the endpoint and table, and never the SAS token of the connection string', async () => {
    // Prepare: nothing listens on port 9 of 127.0.0.1, so the first request fails without an answer.
    const connectionString =
      'TableEndpoint=http://127.0.0.1:9/devstoreaccount1;SharedAccessSignature=sv=2020-08-04&ss=t&sig=SASSECRET%3D';

    // Act
    const message = await createTableStore({ connectionString, tablePrefix: 'err' }).then(
      () => 'no error',
      (error: Error) => error.message,
    );

    // Assess
    expect(message).toMatch(
      /^http:\/\/127\.0\.0\.1:9\/devstoreaccount1\/err(findings|alertlog|checkpoint): createTable failed without a response/,
    );
    expect(message).not.toMatch(/SASSECRET|sig=|sv=/);
  }, 30_000);
});
