/**
 * The popup's keyboard: arrows or j/k move, Enter opens, `s` starts or stops the timer, `/`
 * searches, `?` lists the keys. Which keys count depends on where the focus is, so typing in
 * the search box never fires a shortcut.
 */
import { t } from '@/lib/model/i18n';

export type KeyCommand = 'next' | 'previous' | 'first' | 'last' | 'open' | 'toggleTimer' | 'focusSearch' | 'help' | 'escape' | 'refresh';

/** Where the key was pressed. */
export type KeyTarget = 'search' | 'editable' | 'control' | 'other';

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export const SHORTCUTS: ReadonlyArray<{ keys: string; what: () => string }> = [
  { keys: '↓ or j', what: () => t('keyNext') },
  { keys: '↑ or k', what: () => t('keyPrevious') },
  { keys: 'Home / End', what: () => t('keyFirstLast') },
  { keys: 'Enter', what: () => t('keyOpen') },
  { keys: 's', what: () => t('keyToggleTimer') },
  { keys: '/', what: () => t('keySearch') },
  { keys: 'r', what: () => t('refreshFromGitLab') },
  { keys: 'Esc', what: () => t('keyEscape') },
  { keys: '?', what: () => t('keyHelp') },
];

export function keyCommand(press: KeyPress, target: KeyTarget): KeyCommand | null {
  // Browser and system shortcuts (Ctrl+F, Cmd+R...) are never taken over.
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const { key } = press;
  if (target === 'editable') return null;
  if (target === 'search') {
    // While typing, only keys that cannot be text: move through the results, open, leave.
    if (key === 'ArrowDown') return 'next';
    if (key === 'ArrowUp') return 'previous';
    if (key === 'Enter') return 'open';
    if (key === 'Escape') return 'escape';
    return null;
  }
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return 'next';
    case 'ArrowUp':
    case 'k':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Enter':
      // A focused button or link does its own thing on Enter.
      return target === 'control' ? null : 'open';
    case 's':
      return 'toggleTimer';
    case '/':
      return 'focusSearch';
    case '?':
      return 'help';
    case 'r':
      return 'refresh';
    case 'Escape':
      return 'escape';
    default:
      return null;
  }
}
