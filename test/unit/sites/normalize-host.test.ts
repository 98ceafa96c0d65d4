import { describe, expect, it } from 'vitest';
import { normalizeHost } from '../../../lib/sites/hosts';

describe('normalizeHost: a host as the seller types or pastes it (one reading for the dashboard and the worker)', () => {
  it.each([
    ['erp.example.com', 'erp.example.com'],
    ['  HTTPS://ERP.example.com/orders?x=1 ', 'erp.example.com'],
    ['http://erp.example.com:8080/', 'erp.example.com'],
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', 'localhost'],
  ])('%s → %s', (typed, host) => expect(normalizeHost(typed)).toBe(host));
  it.each(['', 'erp', 'not a host!', 'https://'])('%s → not a host', (typed) => expect(normalizeHost(typed)).toBeNull());
});
