#!/usr/bin/env node
import { existsSync } from 'node:fs';

// The bundle (scripts/bundle.mjs) starts several times faster than the ~300 modules of dist/cli;
// a build made with tsc alone has only the latter.
const bundle = new URL('../dist/bundle/cli.js', import.meta.url);
await import(existsSync(bundle) ? bundle.href : '../dist/cli/bin.js');
