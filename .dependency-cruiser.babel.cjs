/**
 * Babel settings used only by dependency-cruiser (`npm run check:imports`), never by the build.
 *
 * TypeScript 7 has no JavaScript compiler API, so dependency-cruiser cannot use `tsc` to read
 * .ts/.tsx files. Instead it hands each file to Babel (which parses TypeScript and JSX through
 * @babel/preset-typescript) and reads the imports from the JavaScript that Babel gives back.
 *
 * Two things would go wrong if that JavaScript were simply the compiled file:
 * - the preset deletes type-only imports (`import type`, `import { type X }`, imports used only as
 *   types), so they would be invisible to the import rules, although a type import still ties two
 *   folders together and can close a cycle;
 * - dependency-cruiser reads the result as ES2020 and, on anything newer (numeric separators, class
 *   fields) or on JSX, silently switches to a forgiving parser.
 * So the plugin below replaces each file's body with just the modules it names, one bare
 * `import 'x'` per static import, re-export or `import('x')` type, and `import('x')` / `require('x')`
 * for the dynamic ones. Nothing in that is removed by the preset, and every file parses cleanly.
 */
'use strict';

function onlyTheModulesNamed({ types: t }) {
  const literal = (node) => {
    if (t.isStringLiteral(node)) return node.value;
    if (t.isTemplateLiteral(node) && node.expressions.length === 0) return node.quasis[0].value.cooked;
    return undefined;
  };
  return {
    name: 'only-the-modules-named',
    visitor: {
      Program: {
        enter(program) {
          const statics = new Set();
          const dynamics = new Set();
          const requires = new Set();
          // Babel wants visitors to return nothing, hence the braces.
          const add = (set, value) => {
            if (value !== undefined) set.add(value);
          };
          program.traverse({
            ImportDeclaration(path) {
              add(statics, literal(path.node.source));
            },
            ExportNamedDeclaration(path) {
              if (path.node.source) add(statics, literal(path.node.source));
            },
            ExportAllDeclaration(path) {
              add(statics, literal(path.node.source));
            },
            TSImportEqualsDeclaration(path) {
              const reference = path.node.moduleReference;
              if (t.isTSExternalModuleReference(reference)) add(statics, literal(reference.expression));
            },
            // `type T = import('./x').T` names a module without an import statement.
            TSImportType(path) {
              add(statics, literal(path.node.argument) ?? literal(path.node.argument?.literal));
            },
            CallExpression(path) {
              const [first] = path.node.arguments;
              if (t.isImport(path.node.callee)) add(dynamics, literal(first));
              else if (t.isIdentifier(path.node.callee, { name: 'require' })) add(requires, literal(first));
            },
            ImportExpression(path) {
              add(dynamics, literal(path.node.source));
            },
          });
          const call = (callee, value) => t.expressionStatement(t.callExpression(callee, [t.stringLiteral(value)]));
          program.node.directives = [];
          program.node.body = [
            ...[...statics].map((value) => t.importDeclaration([], t.stringLiteral(value))),
            ...[...dynamics].map((value) => call(t.import(), value)),
            ...[...requires].map((value) => call(t.identifier('require'), value)),
          ];
        },
      },
    },
  };
}

module.exports = {
  babelrc: false,
  configFile: false,
  // Plugins run before presets: the body is reduced before the preset could remove type imports.
  plugins: [onlyTheModulesNamed],
  presets: ['@babel/preset-typescript'],
};
