import { connect } from 'node:net';
import { TableClient } from '@azure/data-tables';
import { startAzurite } from '../../../src/store/azurite';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startAzurite', () => {
  it('serves tables on its own port and frees the port once stopped', async () => {
    // Prepare
    const azurite = await startAzurite();
    try {
      const client = TableClient.fromConnectionString(azurite.connectionString, 'probe', {
        allowInsecureConnection: true,
      });

      // Act
      await client.createTable();
      await client.createEntity({ partitionKey: 'p', rowKey: 'r', value: 1 });
      const entity = await client.getEntity<{ value: number }>('p', 'r');

      // Assess
      expect(azurite.connectionString).toContain(
        `TableEndpoint=http://127.0.0.1:${azurite.port}/devstoreaccount1;`,
      );
      expect(entity.value).toBe(1);
    } finally {
      await azurite.stop();
    }
    expect(await accepts(azurite.port)).toBe(false);
  });

  it('restarts on the same port with the in-memory data gone', async () => {
    // Prepare
    const azurite = await startAzurite();
    const client = TableClient.fromConnectionString(azurite.connectionString, 'probe', {
      allowInsecureConnection: true,
    });
    try {
      await client.createTable();
      await client.createEntity({ partitionKey: 'p', rowKey: 'r' });

      // Act
      await azurite.restart();

      // Assess
      await expect(client.getEntity('p', 'r')).rejects.toMatchObject({ statusCode: 404 });
      await client.createTable();
      await client.createEntity({ partitionKey: 'p', rowKey: 'r' });
      expect((await client.getEntity('p', 'r')).rowKey).toBe('r');
    } finally {
      await azurite.stop();
    }
    expect(await accepts(azurite.port)).toBe(false);
  });

  it('can be stopped twice without error', async () => {
    const azurite = await startAzurite();
    await azurite.stop();
    await expect(azurite.stop()).resolves.toBeUndefined();
  });
});
