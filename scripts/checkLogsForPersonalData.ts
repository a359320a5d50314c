/**
 * Fails when a log file holds personal data: a valid resident ID number or a mainland mobile
 * number. Run over the server logs of the end-to-end suite (which uses real-looking demo data)
 * so a log line that leaks a body or a query string is caught. Prints only masked findings.
 *
 *   tsx scripts/checkLogsForPersonalData.ts FILE...
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { checkIdNumber, maskIdNumber } from '../shared/domain/idNumber';

export interface Finding {
  file: string;
  line: number;
  kind: 'idNumber' | 'mobile';
  masked: string;
}

const ID_CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

export function findPersonalData(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(ID_CANDIDATE)) {
      if (checkIdNumber(match[0]).ok) findings.push({ file, line: index + 1, kind: 'idNumber', masked: maskIdNumber(match[0]) });
    }
    for (const match of line.matchAll(MOBILE)) {
      findings.push({ file, line: index + 1, kind: 'mobile', masked: `${match[0].slice(0, 3)}****${match[0].slice(7)}` });
    }
  });
  return findings;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: checkLogsForPersonalData FILE...');
    process.exit(2);
  }
  const findings = files.flatMap((file) => findPersonalData(file, readFileSync(file, 'utf8')));
  for (const f of findings) console.error(`${f.file}:${f.line}: ${f.kind} ${f.masked}`);
  if (findings.length > 0) {
    console.error(`personal data found in logs: ${findings.length} place(s)`);
    process.exit(1);
  }
  console.log(`no personal data in ${files.length} log file(s)`);
}
