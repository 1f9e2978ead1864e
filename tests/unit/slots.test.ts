import { describe, expect, it } from 'vitest';
import { SLOTS, withNodes } from '@/components/shared/slots';
import { getMessage } from './i18n-double';

describe('withNodes (elements inside a translated message)', () => {
  it('puts each node where its slot is, in the order the language has them', () => {
    const link = { type: 'a' };
    const bold = { type: 'strong' };
    expect(withNodes(`${SLOTS[1]} on ${SLOTS[0]}.`, link, bold)).toEqual([bold, ' on ', link, '.']);
    expect(withNodes(getMessage('nameOnHost', SLOTS), 'Demo', 'gitlab.com')).toEqual(['Demo', ' on ', 'gitlab.com']);
  });

  it('leaves text without slots, and slots it has no node for, as text', () => {
    expect(withNodes('No slots here')).toEqual(['No slots here']);
    expect(withNodes(`a ${SLOTS[2]} b`, 'x')).toEqual(['a ', SLOTS[2], ' b']);
    expect(withNodes('')).toEqual([]);
  });
});
