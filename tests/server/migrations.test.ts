import { describe, expect, it } from 'vitest';
import { migrations, splitStatements } from '../../server/db/migrations';

describe('splitting migrations into statements', () => {
  it('splits at semicolons but keeps a $$-quoted function body whole', () => {
    expect(splitStatements("CREATE TABLE a (x int); CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE 'no; never'; END $$; SELECT 1;")).toEqual([
      'CREATE TABLE a (x int)',
      "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE 'no; never'; END $$",
      'SELECT 1',
    ]);
  });

  it('splits the first migration exactly as the plain split it shipped with did', () => {
    const first = migrations.find((m) => m.version === 1)!.sql;
    const plain = first.split(';').map((s) => s.trim()).filter(Boolean);
    expect(splitStatements(first)).toEqual(plain);
  });

  it('keeps the audit log’s trigger function in one statement', () => {
    const statements = splitStatements(migrations.find((m) => m.version === 2)!.sql);
    const fn = statements.filter((s) => s.includes('audit_log_refuse_change() RETURNS trigger'));
    expect(fn).toHaveLength(1);
    expect(fn[0]).toMatch(/RAISE EXCEPTION[^$]*;\s*END\s*\$\$$/);
  });
});
