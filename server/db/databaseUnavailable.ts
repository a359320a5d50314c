/**
 * Whether an error means the database is away (stopped, failing over, unreachable) rather than
 * that the request was wrong: such a request is answered 503 "try again" — the laptop keeps its
 * data and re-sends — instead of 500, and the load balancer's /api/v1/ready says not ready.
 */

/** SQLSTATE classes and codes of a lost or refused connection (PostgreSQL's errcodes). */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '25006', // read_only_sql_transaction: reached a standby (the address not yet moved to the new primary)
  '53300', // too_many_connections
]);

/** Socket errors on the way to the database (refused, reset, no route, name not found). */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** node-postgres and its pool say these in words only, without a code. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /not queryable/,
  /^Client was closed and is not queryable/,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  // An AggregateError (several addresses refused) or a wrapped cause.
  const nested = [...((error as { errors?: unknown[] }).errors ?? []), (error as { cause?: unknown }).cause];
  return nested.some((inner) => inner !== undefined && inner !== error && isDatabaseUnavailable(inner));
}
