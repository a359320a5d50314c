import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conflictJsonSchema } from '../../renderer/data/core/sync/conflicts';
import { collectionDefinitions } from '../../shared/sync/collections';

/**
 * A schema version, once shipped, is never edited: laptops in the field hold data written with it,
 * and RxDB refuses to open a collection whose schema changed under the same version. So the
 * current schema of each collection the laptop stores must equal its frozen file in
 * shared/schemas/shipped/ — a change means a new version, a migration and a new frozen file.
 */
const SHIPPED = path.resolve(__dirname, '../../shared/schemas/shipped');

const stored: Record<string, { version: number }> = {
  households: collectionDefinitions.households.jsonSchema,
  visits: collectionDefinitions.visits.jsonSchema,
  applications: collectionDefinitions.applications.jsonSchema,
  careNeeds: collectionDefinitions.careNeeds.jsonSchema,
  attachments: collectionDefinitions.attachments.jsonSchema,
  policies: collectionDefinitions.policies.jsonSchema,
  conflicts: conflictJsonSchema as { version: number },
};

describe('shipped schema versions', () => {
  for (const [name, schema] of Object.entries(stored)) {
    it(`${name}: the current version (v${schema.version}) is frozen and unchanged`, () => {
      const file = path.join(SHIPPED, `${name}.v${schema.version}.json`);
      const frozen: unknown = JSON.parse(readFileSync(file, 'utf8'));
      expect(JSON.parse(JSON.stringify(schema))).toEqual(frozen);
    });
  }

  it('has every version from 0 up to the current one frozen, none missing', () => {
    const files = readdirSync(SHIPPED);
    for (const [name, schema] of Object.entries(stored)) {
      for (let version = 0; version <= schema.version; version++) expect(files).toContain(`${name}.v${version}.json`);
    }
  });
});
