/** `node dist/server/main.js`: the launcher scripts/build-server.ts builds beside the server bundle. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_NAME, mapStacksToSources, runBundle } from './code-cache';

const bundle = join(dirname(fileURLToPath(import.meta.url)), BUNDLE_NAME);
mapStacksToSources(bundle);
runBundle(bundle);
