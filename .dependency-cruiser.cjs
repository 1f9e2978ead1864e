/**
 * Import rules for the product code (lib/, components/, entrypoints/), checked by
 * `npm run check:imports` (and by `npm test`) with dependency-cruiser.
 *
 * The layout these rules keep:
 *   lib/model/, lib/gitlab/   shared core: data shapes, storage, the GitLab API. Runs in every context.
 *   lib/<process>/            code for one extension process: background, content (the widget on
 *                             GitLab pages), popup, options, timesheet.
 *   components/<view>/        Preact UI of one view: widget, popup, options, timesheet.
 *   components/shared/        UI pieces used by several views.
 *   entrypoints/              WXT entry files that wire the above together.
 *
 * Type-only imports count like any other import (see .dependency-cruiser.babel.cjs).
 * Colocated unit tests (*.test.ts, *.test.tsx) are not held to the layer rules.
 *
 * The files are passed as globs of .ts/.tsx files (see `check:imports` in package.json), not as folders: with
 * TypeScript 7 installed dependency-cruiser does not count .ts/.tsx as scannable, so `depcruise lib`
 * would find no file at all and pass.
 */
'use strict';

const PROCESSES = ['background', 'content', 'popup', 'options', 'timesheet'];
/** Each view's UI and the lib/ process folder that drives it. */
const VIEW_PROCESS = { widget: 'content', popup: 'popup', options: 'options', timesheet: 'timesheet' };

const PRODUCT = '^(lib|components|entrypoints)/';
const NOT_A_TEST = '\\.test\\.tsx?$';
// Anywhere in the path: a symlinked node_modules (or an npm-linked package) resolves outside the project.
const PACKAGES = '(^|/)node_modules/';
const CORE = 'lib/(model|gitlab)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Modules import each other in a loop. A cycle means neither side can be understood, tested or moved ' +
        'without the other, and it makes the order in which modules initialise depend on which one is loaded ' +
        'first (a source of `undefined` at start-up). Type-only imports count: they still couple the two files. ' +
        'Break the loop by moving the shared piece into a module both can import (often lib/model/).',
      from: { path: PRODUCT },
      to: { circular: true },
    },
    {
      name: 'core-imports-only-core',
      severity: 'error',
      comment:
        'lib/model/ and lib/gitlab/ are the shared core that every process (background, content script, popup, ' +
        'options, timesheet) loads. They may import only each other and npm packages. Importing a process folder ' +
        '(or UI, or anything else) from here would drag that code into every bundle and make the core depend on ' +
        'one context. Move the needed piece down into lib/model/ or lib/gitlab/, or pass it in as a parameter.',
      from: { path: `^${CORE}`, pathNot: NOT_A_TEST },
      // lib/model/i18n.ts reads the English message file's keys as a type (nothing is bundled).
      to: { pathNot: `^(${CORE})|${PACKAGES}|^public/_locales/en/messages\\.json$` },
    },
    {
      name: 'processes-stay-apart',
      severity: 'error',
      comment:
        'Each folder lib/background, lib/content, lib/popup, lib/options, lib/timesheet runs in its own extension ' +
        'process (service worker, GitLab page, popup window, options page, timesheet page). They talk only through ' +
        'messages whose shapes live in lib/model/protocol.ts, never by importing each other: an import would ship ' +
        'one process\'s code (and its browser-API assumptions) inside another. Put shared logic in lib/model/ or ' +
        'lib/gitlab/; each process folder may import those and npm packages.',
      from: { path: `^lib/(${PROCESSES.join('|')})/`, pathNot: NOT_A_TEST },
      to: { path: `^lib/(${PROCESSES.join('|')})/`, pathNot: '^lib/$1/' },
    },
    ...Object.entries(VIEW_PROCESS).map(([view, process]) => ({
      name: `components-${view}-boundaries`,
      severity: 'error',
      comment:
        `components/${view}/ is the UI of the ${view} view. It may import only its own folder, components/shared/, ` +
        `lib/model/, lib/gitlab/, lib/${process}/ (the process that runs this view) and npm packages. Another view's ` +
        `components or another process's lib folder would pull code into the wrong page; if two views need it, ` +
        'move it to components/shared/ (UI) or lib/model/ (logic).',
      from: { path: `^components/${view}/`, pathNot: NOT_A_TEST },
      to: { pathNot: `^(components/(${view}|shared)/|${CORE}|lib/${process}/)|${PACKAGES}` },
    })),
    {
      name: 'components-shared-boundaries',
      severity: 'error',
      comment:
        'components/shared/ holds UI pieces used by several views, so it must not depend on any one view or process: ' +
        'it may import only components/shared/, lib/model/, lib/gitlab/ and npm packages. Pass view-specific data ' +
        'and callbacks in as props instead.',
      from: { path: '^components/shared/', pathNot: NOT_A_TEST },
      to: { pathNot: `^(components/shared/|${CORE})|${PACKAGES}` },
    },
    {
      name: 'lib-never-imports-components',
      severity: 'error',
      comment:
        'lib/ is logic and state; components/ is the Preact UI built on top of it. The dependency goes one way only: ' +
        'components import lib, lib never imports components (not even a type). A lib module that needs a UI type ' +
        'should own that type (declare it in lib/ and let the component import it); mounting UI is the job of ' +
        'entrypoints/.',
      from: { path: '^lib/', pathNot: NOT_A_TEST },
      to: { path: '^components/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment:
        'This import resolves to no file or package. Either it is broken, or the checker cannot see where it goes ' +
        '(a new path alias, say): both would let it slip past every rule above. Fix the import, or teach ' +
        '.dependency-cruiser.resolve.cjs the alias.',
      from: { path: PRODUCT },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Everything outside the product folders is not cruised: imports into it still count against the
    // rules above, but its own imports are not followed.
    doNotFollow: { path: ['node_modules', '^(tests|scripts)/', '^\\.wxt/', '^\\.output'] },
    moduleSystems: ['es6', 'cjs'],
    // TypeScript 7 has no compiler API for dependency-cruiser, so Babel parses .ts/.tsx.
    babelConfig: { fileName: '.dependency-cruiser.babel.cjs' },
    // WXT's path aliases (`@/...`), read from .wxt/tsconfig.json.
    webpackConfig: { fileName: '.dependency-cruiser.resolve.cjs' },
    enhancedResolveOptions: {
      // Without a TypeScript 2-6 compiler API dependency-cruiser leaves .ts/.tsx out of its defaults.
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.jsx', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
