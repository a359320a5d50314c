import path from 'node:path';
import { readFilesConfig, type FilesConfig } from './files/filesConfig';

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  staticDir: string;
  corsOrigins: string[];
  /** Send Strict-Transport-Security: only when the server is reached over HTTPS (a proxy in front). */
  hsts: boolean;
  /** Attachments: `DATA_DIR/files` on disk, or S3-compatible storage when `JIUZHU_S3_ENDPOINT` is set. */
  files: FilesConfig;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env['PORT']}`);
  const dataDir = path.resolve(env['JIUZHU_DATA_DIR'] ?? './data/server');
  return {
    port,
    host: env['HOST'] ?? '127.0.0.1',
    databaseUrl: env['DATABASE_URL'] || undefined,
    dataDir,
    demo: env['JIUZHU_DEMO'] === '1',
    staticDir: path.resolve(env['JIUZHU_STATIC_DIR'] ?? './out/renderer'),
    corsOrigins: (env['JIUZHU_CORS_ORIGINS'] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    hsts: env['JIUZHU_HSTS'] === '1',
    files: readFilesConfig(env, dataDir),
  };
}
