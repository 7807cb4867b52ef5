// Entry point of the SQLite page writer's thread (page-writer-worker.ts). A worker thread does not
// inherit the tsx hooks that bin/ogoh.js registers in-process, so it registers them itself before
// loading TypeScript (registering twice, when the parent ran under `node --import tsx`, is harmless).
import { register } from 'tsx/esm/api';

register();
await import('./page-writer-worker.ts');
