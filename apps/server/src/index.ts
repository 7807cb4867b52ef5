/** @ogoh/server: the HTTP API and dashboard host. */
export type { Access, Principal } from './access.ts';
export { type LimiterOptions, LoginLimiter } from './limiter.ts';
export { openApiDocument } from './openapi.ts';
export { API_VERSION, type Api, createServer, type RouteRule, type ServeOptions } from './server.ts';
export { DEFAULT_WEB_DIR } from './static.ts';
