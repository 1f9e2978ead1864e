import { describe, expect, it } from 'vitest';
import { keyCommand } from './keys';

describe('popup keys', () => {
  it('outside any text box: arrows, j/k, Enter, s, /, ?, r, Home/End, Escape', () => {
    const cmd = (key: string) => keyCommand({ key }, 'other');
    expect([cmd('ArrowDown'), cmd('j'), cmd('ArrowUp'), cmd('k')]).toEqual(['next', 'next', 'previous', 'previous']);
    expect([cmd('Enter'), cmd('s'), cmd('/'), cmd('?'), cmd('r')]).toEqual(['open', 'toggleTimer', 'focusSearch', 'help', 'refresh']);
    expect([cmd('Home'), cmd('End'), cmd('Escape'), cmd('x')]).toEqual(['first', 'last', 'escape', null]);
  });

  it('typing in the search box never fires a letter shortcut; arrows, Enter and Escape still work', () => {
    for (const key of ['j', 'k', 's', '/', '?', 'r', 'Home', ' ']) expect(keyCommand({ key }, 'search')).toBeNull();
    expect(keyCommand({ key: 'ArrowDown' }, 'search')).toBe('next');
    expect(keyCommand({ key: 'ArrowUp' }, 'search')).toBe('previous');
    expect(keyCommand({ key: 'Enter' }, 'search')).toBe('open');
    expect(keyCommand({ key: 'Escape' }, 'search')).toBe('escape');
  });

  it('other form fields keep every key', () => {
    for (const key of ['ArrowDown', 'j', 'Enter', 'Escape']) expect(keyCommand({ key }, 'editable')).toBeNull();
  });

  it('a focused button keeps Enter; browser shortcuts are left alone', () => {
    expect(keyCommand({ key: 'Enter' }, 'control')).toBeNull();
    expect(keyCommand({ key: 's' }, 'control')).toBe('toggleTimer');
    expect(keyCommand({ key: 'r', ctrlKey: true }, 'other')).toBeNull();
    expect(keyCommand({ key: 'k', metaKey: true }, 'other')).toBeNull();
  });
});
