import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { freePort, freePortRange } from '../../scripts/free-port.js';

test('free ports come from below the ephemeral range and can be listened on', async () => {
  const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
  for (const port of ports) {
    assert.ok(port >= freePortRange.from && port <= freePortRange.to, `${port}`);
  }
  const server = createServer();
  server.listen(ports[0], '127.0.0.1');
  await once(server, 'listening');
  assert.equal((server.address() as { port: number }).port, ports[0]);
  server.close();
});
