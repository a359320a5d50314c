import path from 'node:path';

/** Where attachments are kept: the server's disk (default) or an S3-compatible bucket. */
export type FilesConfig =
  | { kind: 'disk'; directory: string }
  | {
      kind: 's3';
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
    };

/**
 * Reads the attachment storage from the environment: `JIUZHU_S3_ENDPOINT` switches to S3
 * (with `JIUZHU_S3_BUCKET`, `JIUZHU_S3_ACCESS_KEY_ID`, `JIUZHU_S3_SECRET_ACCESS_KEY`, and
 * `JIUZHU_S3_REGION`, default us-east-1); otherwise files go under `DATA_DIR/files`.
 */
export function readFilesConfig(env: NodeJS.ProcessEnv, dataDir: string): FilesConfig {
  const endpoint = env['JIUZHU_S3_ENDPOINT'];
  if (!endpoint) return { kind: 'disk', directory: path.join(dataDir, 'files') };
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} must be set when JIUZHU_S3_ENDPOINT is`);
    return value;
  };
  return {
    kind: 's3',
    endpoint,
    bucket: need('JIUZHU_S3_BUCKET'),
    region: env['JIUZHU_S3_REGION'] || 'us-east-1',
    accessKeyId: need('JIUZHU_S3_ACCESS_KEY_ID'),
    secretAccessKey: need('JIUZHU_S3_SECRET_ACCESS_KEY'),
  };
}
