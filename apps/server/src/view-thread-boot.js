// Entry point of the server's view thread (view-thread.ts). A worker thread does not inherit the tsx
// hooks that bin/ogoh.js registers in-process, so it registers them itself before loading TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./view-thread.ts');
