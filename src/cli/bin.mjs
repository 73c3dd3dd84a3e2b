#!/usr/bin/env node
// `eventide` entry point: runs the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
