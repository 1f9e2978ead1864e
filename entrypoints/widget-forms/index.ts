import { h, render } from 'preact';
import { provideForms } from '@/components/widget/forms-kit';
import { FormsFromStore } from '@/components/widget/MoreTimeTracking';
import css from '@/components/widget/forms.css?inline';
import { acceptOnlyTypedValues } from '@/lib/content/typed-values';

// The widget's forms (time log, estimate, resets, to-do): an unlisted script the background
// injects into the widget's frame when the user first opens "More time tracking"
// (lib/background/item-actions.ts), handing them to the widget there (forms-kit.ts).
export default defineUnlistedScript(() =>
  provideForms({
    mount: (into, issueStore) => render(h(FormsFromStore, { issueStore }), into),
    css,
    guard: (root) => acceptOnlyTypedValues(root),
  }),
);
