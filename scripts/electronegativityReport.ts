/** Reading electronegativity's findings and SECURITY.md's table of explained exceptions. */
export interface Finding {
  check: string;
  severity: string;
  file: string;
  location: string;
}

/** Check id and file of each row of the exceptions table in SECURITY.md. */
export function documentedExceptions(securityMd: string): Set<string> {
  const section = securityMd.split('## Electronegativity')[1] ?? '';
  const rows = section.split('\n').filter((line) => /^\|\s*[A-Z_]+_CHECK\s*\|/.test(line));
  return new Set(rows.map((line) => line.split('|').slice(1, 3).map((cell) => cell.trim()).join(' ')));
}

/** Electronegativity's CSV: quoted fields, some with commas inside. */
export function parseFindings(csv: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of csv.split('\n').slice(1)) {
    const cells = [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2] ?? '').trim());
    if (cells.length < 5 || !/_CHECK$/.test(cells[0] ?? '')) continue;
    findings.push({ check: cells[0]!, severity: cells[1]!, file: cells[3]!, location: cells[4]! });
  }
  return findings;
}

