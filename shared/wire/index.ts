/**
 * The answers the server gives the app beside the sync protocol (shared/sync/wire.ts), each
 * declared once as a zod schema with its TypeScript type beside it (`z.infer`): the server's
 * routes are typed by them, and the app can check what it reads with the same schemas.
 */
export * from './adminUsers';
export * from './audit';
export * from './dashboard';
export * from './endOfDay';
export * from './errors';
export * from './imports';
export * from './policies';
export * from './calendar';
export * from './appVersion';
export * from './relay';
