import { describe, expect, it } from 'vitest';
import { GitLabError, flattenGitLabMessage, isGitLabError, parseRetryAfter } from './errors';

describe('flattenGitLabMessage', () => {
  it.each<[unknown, string | null]>([
    [{ message: { base: ['Time to subtract exceeds the total time spent'] } }, 'Time to subtract exceeds the total time spent'],
    [{ message: { 'timelogs.summary': ['is too long (maximum is 255 characters)'] } }, 'Summary is too long (maximum is 255 characters)'],
    [{ message: { time_estimate: 'must be positive' } }, 'Time estimate must be positive'],
    [{ message: '404 Issue Not Found' }, '404 Issue Not Found'],
    [{ message: ['a', 'b'] }, 'a; b'],
    [{ error: 'duration is missing' }, 'duration is missing'],
    [{ error: 'invalid_token', error_description: 'Token is expired.' }, 'Token is expired.'],
    [{ message: '', error: 'x' }, 'x'],
    ['plain text', 'plain text'],
    [{}, null],
    [null, null],
    [undefined, null],
    [42, null],
    [{ message: { base: [] } }, null],
  ])('%j -> %j', (body, text) => {
    expect(flattenGitLabMessage(body)).toBe(text);
  });

  it('keeps long messages short', () => {
    expect(flattenGitLabMessage({ message: 'x'.repeat(1000) })?.length).toBe(300);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it.each<[Record<string, string>, number | undefined]>([
    [{ 'Retry-After': '60' }, 60_000],
    [{ 'Retry-After': '0' }, 0],
    [{ 'Retry-After': 'Wed, 01 May 2024 12:00:30 GMT' }, 30_000],
    [{ 'Retry-After': 'Wed, 01 May 2024 11:00:00 GMT' }, 0],
    [{ 'Retry-After': 'soon' }, undefined],
    [{ 'RateLimit-Reset': String(now / 1000 + 45) }, 45_000],
    [{}, undefined],
  ])('%j -> %j', (headers, ms) => {
    expect(parseRetryAfter(new Headers(headers), now)).toBe(ms);
  });

  it("reads an instant against the server's Date, not a computer clock that is off", () => {
    const server = 'Wed, 01 May 2024 12:00:00 GMT';
    const reset = String(now / 1000 + 45);
    // This computer's clock is an hour slow, then an hour fast: GitLab still means 45 seconds.
    for (const local of [now - 3_600_000, now + 3_600_000]) {
      expect(parseRetryAfter(new Headers({ Date: server, 'RateLimit-Reset': reset }), local)).toBe(45_000);
      expect(parseRetryAfter(new Headers({ Date: server, 'Retry-After': 'Wed, 01 May 2024 12:00:45 GMT' }), local)).toBe(45_000);
    }
    // Without a usable Date, the local clock is all there is.
    expect(parseRetryAfter(new Headers({ Date: 'yesterday', 'RateLimit-Reset': reset }), now - 3_600_000)).toBe(3_645_000);
  });
});

describe('GitLabError', () => {
  it.each<[ConstructorParameters<typeof GitLabError>[0], boolean]>([
    ['network', true],
    ['timeout', true],
    ['server', true],
    ['rate-limited', true],
    ['unauthorized', false],
    ['forbidden', false],
    ['insufficient-scope', false],
    ['not-found', false],
    ['bad-request', false],
    ['not-gitlab', false],
    ['malformed', false],
  ])('%s transient: %s', (kind, transient) => {
    const error = new GitLabError(kind, 'x');
    expect(error.transient).toBe(transient);
    expect(error.ambiguous).toBe(false);
    expect(error).toBeInstanceOf(Error);
    expect(isGitLabError(error)).toBe(true);
    expect(error.name).toBe('GitLabError');
  });

  it('is not confused with other errors', () => {
    expect(isGitLabError(new Error('x'))).toBe(false);
    expect(isGitLabError({ kind: 'network' })).toBe(false);
  });
});
