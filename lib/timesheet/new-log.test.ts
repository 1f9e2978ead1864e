import { describe, expect, it } from 'vitest';
import { SUMMARY_MAX, checkDay, checkNewTimeLog, spentAtOfDay } from './new-log';

const ctx = { instances: ['https://gitlab.com'], today: '2025-03-05' };
const fields = { reference: 'acme/web#12', duration: '1h 30m', date: '2025-03-04', summary: '  Review  ' };

describe('checkNewTimeLog', () => {
  it('turns valid fields into a time log', () => {
    expect(checkNewTimeLog(fields, ctx)).toEqual({
      ok: true,
      log: { ref: { instanceId: 'https://gitlab.com', projectPath: 'acme/web', kind: 'issue', iid: 12 }, seconds: 5400, date: '2025-03-04', summary: 'Review' },
    });
  });

  it('subtracts with a leading minus unless told not to', () => {
    const minus = checkNewTimeLog({ ...fields, duration: '-30m' }, ctx);
    expect(minus.ok && minus.log.seconds).toBe(-1800);
    const refused = checkNewTimeLog({ ...fields, duration: '-30m' }, { ...ctx, allowNegative: false });
    expect(refused.ok).toBe(false);
  });

  it('gives a reason per field', () => {
    const check = checkNewTimeLog({ reference: 'web#1', duration: '1x', date: '2025-03-06', summary: 'x'.repeat(SUMMARY_MAX + 1) }, ctx);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(['date', 'duration', 'reference', 'summary']);
    expect(check.errors.date).toMatch(/future/);
    expect(check.errors.summary).toMatch(/255/);
  });

  it('accepts today and days before it, not after, and only real days', () => {
    expect(checkDay('2025-03-05', '2025-03-05')).toEqual({ ok: true, day: '2025-03-05' });
    expect(checkDay('2024-12-31', '2025-03-05').ok).toBe(true);
    expect(checkDay('2025-03-06', '2025-03-05').ok).toBe(false);
    expect(checkDay('2025-02-30', '2025-03-05').ok).toBe(false);
    expect(checkDay('', '2025-03-05').ok).toBe(false);
  });
});

describe('spentAtOfDay', () => {
  it('is the middle of the local day, also on DST days', () => {
    expect(new Date(spentAtOfDay('2025-03-05', 'Europe/Berlin')).toISOString()).toBe('2025-03-05T11:00:00.000Z');
    expect(new Date(spentAtOfDay('2025-03-09', 'America/New_York')).toISOString()).toBe('2025-03-09T16:30:00.000Z');
  });
});
