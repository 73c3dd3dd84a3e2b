// `node --import ./test/support/import-trace/register.mjs …`: installs hooks.mjs.
import { register } from 'node:module';

register(new URL('./hooks.mjs', import.meta.url));
