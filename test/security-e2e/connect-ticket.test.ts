import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createConnectTickets } from '../../security/connect-ticket.js';

const key = randomBytes(32);
let clock = 1_800_000_000_000;
const tickets = createConnectTickets(key, () => clock);

test('a ticket is accepted for the connection it was issued for, until it expires', () => {
  const ticket = tickets.issue('acme', 60_000);
  assert.match(ticket, /^\d+\.[A-Za-z0-9_-]{43}$/);
  assert.equal(tickets.verify('acme', ticket), true);
  clock += 59_999;
  assert.equal(tickets.verify('acme', ticket), true);
  clock += 1;
  assert.equal(tickets.verify('acme', ticket), false, 'expired');
});

test('a ticket is refused for another connection, with another key, altered, or missing', () => {
  const ticket = tickets.issue('acme');
  const [expires = '', signature = ''] = ticket.split('.');
  assert.equal(tickets.verify('acme2', ticket), false);
  assert.equal(createConnectTickets(randomBytes(32), () => clock).verify('acme', ticket), false);
  assert.equal(tickets.verify('acme', `${Number(expires) + 1}.${signature}`), false, 'a later expiry');
  const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  assert.equal(tickets.verify('acme', `${expires}.${flipped}`), false, 'another signature');
  for (const bad of [undefined, '', 'x', `${expires}.`, `.${signature}`, `${expires}.${signature}.x`]) {
    assert.equal(tickets.verify('acme', bad), false, String(bad));
  }
});
