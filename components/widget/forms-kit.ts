/**
 * The hand-over between the widget (widget.js, the first paint, plain DOM) and its forms
 * (widget-forms.js: time log, estimate, resets, to-do, with Preact), which the background injects
 * into the same frame when the user first opens "More time tracking" (lib/background/
 * item-actions.ts, openWidgetForms). Both run in the extension's isolated world of that frame, so
 * they meet through its globals, never the page's.
 */
import type { IssueWidgetStore } from '@/lib/content/widget-store';

const KIT_KEY = '__timekeeperWidgetForms';

/** What widget-forms.js provides. */
export interface WidgetForms {
  /** Renders the forms into `into`, following the widget's store. */
  mount: (into: HTMLElement, issueStore: IssueWidgetStore) => void;
  /** The forms' styles, for the widget's shadow root. */
  css: string;
  /** The forms' own input checks, installed on the shadow root before they render (lib/content/typed-values.ts). */
  guard: (root: ShadowRoot) => void;
}

const slot = globalThis as unknown as Record<typeof KIT_KEY, ((forms: WidgetForms) => void) | undefined>;

/** The widget: where the forms, once injected, hand themselves over. */
export function awaitForms(receive: (forms: WidgetForms) => void): void {
  slot[KIT_KEY] = receive;
}

/** The forms: hand themselves to the widget of this frame. */
export function provideForms(forms: WidgetForms): void {
  slot[KIT_KEY]?.(forms);
}
