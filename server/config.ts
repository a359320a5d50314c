import path from 'node:path';
import { readAuditRetention } from './audit/auditRetention';
import { DEFAULT_POOL_SIZE } from './db/postgresDatabase';
import { readFilesConfig, type FilesConfig } from './files/filesConfig';

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** PostgreSQL connections this process holds at most (`JIUZHU_DB_POOL_SIZE`, default 10). */
  databasePoolSize: number;
  dataDir: string;
  demo: boolean;
  staticDir: string;
  corsOrigins: string[];
  /** Send Strict-Transport-Security: only when the server is reached over HTTPS (a proxy in front). */
  hsts: boolean;
  /** Attachments: `DATA_DIR/files` on disk, or S3-compatible storage when `JIUZHU_S3_ENDPOINT` is set. */
  files: FilesConfig;
  /** Reverse proxies trusted to say the client's address in `X-Forwarded-For` (`JIUZHU_TRUST_PROXY`). */
  trustProxy: TrustProxySetting;
  /** pino's level for the request log (`LOG_LEVEL`: fatal, error, warn, info, debug, trace, silent). */
  logLevel: string;
  /** Months of audit log kept before `audit archive` exports and drops them (`JIUZHU_AUDIT_RETENTION_MONTHS`, default 36). */
  auditRetentionMonths: number;
}

/** Fastify's `trustProxy`: addresses, CIDR ranges or proxy-addr's names (`loopback`, …), or none. */
export type TrustProxySetting = string[] | false;

/**
 * `JIUZHU_TRUST_PROXY`: a comma-separated list of the reverse proxies in front of the server
 * (`127.0.0.1`, `10.0.0.0/8,::1`, `loopback`). A request from one of them is taken to come from
 * the address it names in `X-Forwarded-For` (the nearest one not itself trusted); from any other
 * address, the header is ignored. Unset or empty: the socket's address, always.
 */
export function readTrustProxy(env: NodeJS.ProcessEnv): TrustProxySetting {
  const list = (env['JIUZHU_TRUST_PROXY'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  // "Trust whatever the header says" would let anyone choose their address and dodge the limits.
  for (const entry of list) {
    if (/^(true|\*|0\.0\.0\.0\/0|::\/0)$/i.test(entry)) throw new Error(`JIUZHU_TRUST_PROXY must name the proxies, not ${entry}`);
  }
  return list.length > 0 ? list : false;
}

/**
 * `JIUZHU_DB_POOL_SIZE`: each server process holds at most this many PostgreSQL connections (plus
 * one for LISTEN); all processes together must stay under the cluster's `max_connections`.
 */
function readPoolSize(env: NodeJS.ProcessEnv): number {
  const given = env['JIUZHU_DB_POOL_SIZE'];
  if (!given) return DEFAULT_POOL_SIZE;
  const size = Number(given);
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw new Error(`JIUZHU_DB_POOL_SIZE must be a whole number from 1 to 1000, got ${given}`);
  return size;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A mistyped level would stop the server deep inside pino; it is refused here in words instead. */
function readLogLevel(env: NodeJS.ProcessEnv): string {
  const level = env['LOG_LEVEL'] || 'info';
  if (!LOG_LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${level}`);
  return level;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env['PORT']}`);
  const dataDir = path.resolve(env['JIUZHU_DATA_DIR'] ?? './data/server');
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    databaseUrl: env['DATABASE_URL'] || undefined,
    databasePoolSize: readPoolSize(env),
    dataDir,
    demo: env['JIUZHU_DEMO'] === '1',
    staticDir: path.resolve(env['JIUZHU_STATIC_DIR'] ?? './out/renderer'),
    corsOrigins: (env['JIUZHU_CORS_ORIGINS'] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    hsts: env['JIUZHU_HSTS'] === '1',
    files: readFilesConfig(env, dataDir),
    trustProxy: readTrustProxy(env),
    logLevel: readLogLevel(env),
    auditRetentionMonths: readAuditRetention(env),
  };
}
