import type { Queryable } from '../db/database';

/** A stored attachment as the database knows it (the bytes are in the file storage). */
export interface FileRecord {
  sha256: string;
  contentType: string;
  size: number;
}

interface FileRow {
  sha256: string;
  content_type: string;
  size: number | string;
  area_code: string;
}

const toRecord = (row: FileRow): FileRecord & { areaCode: string } => ({
  sha256: row.sha256,
  contentType: row.content_type,
  size: Number(row.size),
  areaCode: row.area_code,
});

/**
 * The blob with this hash if the caller may read it: a live attachment record (附件记录, synced
 * like any document) inside `scope` (an area prefix) names it, *and* the bytes were sent for that
 * record's area. A content hash is not a read key: a record naming another area's file gives
 * nothing until its own area has sent the bytes (proving it holds them). Comes with that area, for
 * the audit; null when the server lacks the bytes, holds them only for others, or no record of the
 * caller's names them, which the caller cannot tell apart.
 */
export async function findFileInScope(db: Queryable, sha256: string, scope: string): Promise<(FileRecord & { areaCode: string }) | null> {
  const rows = await db.query<FileRow>(
    `SELECT f.sha256, f.content_type, f.size, d.area_code
       FROM files f
       JOIN documents d ON d.collection = 'attachments' AND d.data->>'sha256' = f.sha256 AND NOT d.deleted
                       AND d.area_code LIKE $2 || '%'
       JOIN file_areas a ON a.sha256 = f.sha256 AND a.area_code = d.area_code
      WHERE f.sha256 = $1
      ORDER BY d.area_code LIMIT 1`,
    [sha256, scope],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * Whether the blob is kept for exactly this area and a live attachment record of that area names
 * it: what an upload URL may say is complete. Without such a record it says nothing, so an upload
 * URL cannot be used to ask whether a file (an ID-card scan) is on the server.
 */
export async function fileBelongsToArea(db: Queryable, sha256: string, areaCode: string): Promise<FileRecord | null> {
  const rows = await db.query<FileRow>(
    `SELECT f.sha256, f.content_type, f.size, a.area_code
       FROM files f JOIN file_areas a ON a.sha256 = f.sha256
      WHERE f.sha256 = $1 AND a.area_code = $2
        AND EXISTS (SELECT 1 FROM documents d WHERE d.collection = 'attachments' AND NOT d.deleted
                     AND d.area_code = $2 AND d.data->>'sha256' = $1)`,
    [sha256, areaCode],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function fileExists(db: Queryable, sha256: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM files WHERE sha256 = $1', [sha256]);
  return rows.length > 0;
}

/**
 * Records a kept blob and the area it belongs to. Both inserts are idempotent, so two devices
 * finishing the same file at once, or one sending it twice, leave one row each.
 */
export async function recordFile(
  db: Queryable,
  file: FileRecord & { areaCode: string; createdBy: string },
): Promise<{ newBlob: boolean; newArea: boolean }> {
  const blob = await db.query(
    `INSERT INTO files (sha256, content_type, size, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
    [file.sha256, file.contentType, file.size, file.createdBy],
  );
  const area = await db.query(
    `INSERT INTO file_areas (sha256, area_code, created_by) VALUES ($1, $2, $3)
     ON CONFLICT (sha256, area_code) DO NOTHING RETURNING sha256`,
    [file.sha256, file.areaCode, file.createdBy],
  );
  return { newBlob: blob.length > 0, newArea: area.length > 0 };
}
