import type { ComponentChildren } from 'preact';

/**
 * Stand-ins for `$1`, `$2`, `$3` of a message that holds elements (a link, bold words): pass
 * them as `t()`'s substitutions, then `withNodes` puts the elements in their places, wherever
 * the language puts them. Private-use characters, so no typed or translated text holds them.
 */
export const SLOTS = ['\uE001', '\uE002', '\uE003'];

/** `message` (filled with SLOTS) as children, each slot replaced by its node. */
export function withNodes(message: string, ...nodes: ComponentChildren[]): ComponentChildren[] {
  return message
    .split(/([\uE001-\uE003])/)
    .filter((part) => part !== '')
    .map((part) => {
      const index = part.length === 1 ? part.charCodeAt(0) - 0xe001 : -1;
      return index >= 0 && index < nodes.length ? nodes[index] : part;
    });
}
