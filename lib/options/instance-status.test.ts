import { describe, expect, it } from 'vitest';
import { safeAvatarUrl, signInSummary, tokenExpiry } from './instance-status';

const NOW = Date.UTC(2026, 2, 2, 12, 0);
const on = (tokenExpiresOn: string | null, auth: 'token' | 'oauth' = 'token') => tokenExpiry({ baseUrl: 'https://gitlab.com', tokenExpiresOn, auth }, NOW);

describe('tokenExpiry (GitLab tokens stop at 00:00 UTC on their day)', () => {
  it.each([
    ['2026-03-03', true, 'expires within a day'],
    ['2026-03-09', true, 'expires in 7 days (on Mar 9, 2026)'],
    ['2026-03-10', false, 'Token valid until Mar 10, 2026'],
    ['2026-03-02', true, 'expired on Mar 2, 2026'],
  ])('%s: urgent %s', (day, urgent, words) => {
    expect(on(day)).toMatchObject({ urgent, text: expect.stringContaining(words) });
  });

  it('says nothing for no expiry, an unreadable day, or OAuth (refreshed)', () => {
    expect(on(null)).toBeNull();
    expect(on('soon')).toBeNull();
    expect(on('2026-03-03', 'oauth')).toBeNull();
  });
});

it('signInSummary', () => {
  expect(signInSummary({ auth: 'oauth', scopes: ['api'] })).toBe('OAuth (api)');
  expect(signInSummary({ auth: 'token', scopes: null })).toBe('personal access token (scopes unknown)');
});

it('safeAvatarUrl keeps web addresses only', () => {
  expect(safeAvatarUrl('https://secure.gravatar.com/avatar/x?s=80')).toBe('https://secure.gravatar.com/avatar/x?s=80');
  expect(safeAvatarUrl('javascript:alert(1)')).toBeNull();
  expect(safeAvatarUrl('data:image/png;base64,AAAA')).toBeNull();
  expect(safeAvatarUrl(null)).toBeNull();
});
