import { z } from 'zod';

/** The folder a backup is: what each file is called inside it. */
export const BACKUP_FILES = {
  manifest: 'manifest.json',
  secrets: 'secrets.enc',
  /** One gzip-compressed file of JSON lines per table: `database/TABLE.jsonl.gz`. */
  databaseDir: 'database',
  /** The attachments, as the server keeps them: `files/sha256/HEX`. */
  blobDir: 'files/sha256',
} as const;

export const BACKUP_FORMAT = 'jiuzhu-server-backup';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * manifest.json, written last: a folder without it is an unfinished backup. Every other file is
 * named here with its SHA-256, so a restore finds a damaged or missing one before it starts.
 */
export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(1),
  /** Bound into the secrets' encryption: secrets.enc from another backup does not open here. */
  backupId: z.string().min(1),
  createdAt: z.string(),
  /** The server that made it (package.json's version) and the database's schema version then. */
  serverVersion: z.string(),
  schemaVersion: z.number().int().min(1),
  databaseKind: z.enum(['pglite', 'postgres']),
  /** In an order that loads: a table comes after the tables its foreign keys name. */
  tables: z.array(z.object({ name: z.string().regex(/^[a-z_][a-z0-9_]*$/), file: z.string(), rows: z.number().int().min(0), sha256: sha256Hex })),
  /** Sequences that have been used: set to these values again, so numbering carries on (sync checkpoints). */
  sequences: z.array(z.object({ name: z.string().regex(/^[a-z_][a-z0-9_]*$/), lastValue: z.number().int() })),
  secrets: z.object({ file: z.string(), sha256: sha256Hex, names: z.array(z.string()) }),
  /** The attachments named by the database; null when they live in S3 (backed up with the bucket). */
  files: z.array(z.object({ sha256: sha256Hex, size: z.number().int().min(0) })).nullable(),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
