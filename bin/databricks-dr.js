#!/usr/bin/env node
// The CLI is TypeScript run through tsx's CommonJS hook, so there is no build step to forget.
// main() is called explicitly: npx, node_modules/.bin links and `node bin/databricks-dr.js` name this file
// differently in argv[1], so nothing may depend on how the CLI was started.
let cli;
try {
  require("tsx/cjs");
  cli = require("../cli/main.ts");
} catch (e) {
  // A broken install (a dependency missing): one line, not the loader's stack trace.
  const first = String((e && e.message) || e).split("\n")[0];
  const root = require("node:path").dirname(__dirname);
  process.stderr.write(`databricks-dr: cannot load the CLI (${first}); run \`npm ci\` in ${root}\n`);
  process.exit(1);
}
cli.main();
