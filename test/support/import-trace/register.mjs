// `node --import ./test/support/import-trace/register.mjs …`: installs hooks.mjs.
import { register } from 'node:module';
import { URL } from 'node:url';

register(new URL('./hooks.mjs', import.meta.url));
