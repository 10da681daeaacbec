#!/usr/bin/env node
// The CLI is TypeScript run through tsx's CommonJS hook, so there is no build step to forget.
require("tsx/cjs");
require("../cli/main.ts");
