/**
 * Module resolution for dependency-cruiser (`npm run check:imports`), in webpack's `resolve` format.
 *
 * The path aliases (`@/lib/...` and friends) are WXT's, written by `wxt prepare` (the postinstall
 * step) into .wxt/tsconfig.json as `"@/*": ["../*"]`, relative to .wxt/. dependency-cruiser's own
 * tsconfig support resolves such paths against the project root instead (and without a TypeScript
 * 2-6 compiler API it cannot read the tsconfig at all), so they are turned into resolver aliases
 * here, read from that file so they never drift from WXT's.
 */
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');

const wxtTsconfig = path.join(__dirname, '.wxt', 'tsconfig.json');

function aliasesFromTsconfig(file) {
  let paths;
  try {
    paths = JSON.parse(readFileSync(file, 'utf8')).compilerOptions.paths;
  } catch (error) {
    throw new Error(`${file} is missing or unreadable (${error.message}); run \`npx wxt prepare\` (npm ci does) first.`);
  }
  const alias = {};
  for (const [pattern, targets] of Object.entries(paths ?? {})) {
    const name = pattern.replace(/\/\*$/, '');
    const target = targets[0]?.replace(/\/\*$/, '');
    if (targets.length !== 1 || target === undefined || pattern.endsWith('/*') !== targets[0].endsWith('/*'))
      throw new Error(`${file}: path alias ${pattern} -> ${JSON.stringify(targets)} has a form this file does not translate`);
    alias[name] = path.resolve(path.dirname(file), target);
  }
  if (!alias['@']) throw new Error(`${file} has no "@/*" path alias`);
  return alias;
}

module.exports = {
  resolve: { alias: aliasesFromTsconfig(wxtTsconfig) },
};
