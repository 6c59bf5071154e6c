#!/usr/bin/env node
// Runs the compiled CLI when it exists (npm package, container image), else the TypeScript
// sources directly (Node >= 22.18 strips types natively).
import { existsSync } from 'node:fs';
const compiled = new URL('../dist/cli/main.js', import.meta.url);
const entry = existsSync(compiled) ? compiled : new URL('../src/cli/main.ts', import.meta.url);
await import(entry.href);
