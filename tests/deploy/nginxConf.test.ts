import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** One nginx directive: its name, its arguments, and the directives of its block if it has one. */
interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
}

/** Enough of nginx's grammar for the kit's file: words, `;`, `{ }`, `#` comments (no quoted strings with those in them). */
function parseNginx(text: string): Directive[] {
  const tokens = text.replace(/#[^\n]*/g, '').match(/[{};]|[^\s{};]+/g) ?? [];
  let at = 0;
  const block = (): Directive[] => {
    const out: Directive[] = [];
    let words: string[] = [];
    while (at < tokens.length) {
      const token = tokens[at++]!;
      if (token === '}') return out;
      if (token === ';') {
        out.push({ name: words[0]!, args: words.slice(1) });
        words = [];
      } else if (token === '{') {
        out.push({ name: words[0]!, args: words.slice(1), block: block() });
        words = [];
      } else words.push(token);
    }
    return out;
  };
  return block();
}

const conf = parseNginx(readFileSync(path.join(import.meta.dirname, '../../deploy/nginx-jiuzhu.conf'), 'utf8'));
const values = (directives: Directive[] | undefined, name: string): string[][] =>
  (directives ?? []).filter((d) => d.name === name).map((d) => d.args);

describe("the kit's nginx example", () => {
  it('keeps 码上查 codes (/q/<code>, bearer secrets) out of the access log of every server, and limits /q/ per address', () => {
    const servers = conf.filter((d) => d.name === 'server');
    expect(servers.length).toBeGreaterThanOrEqual(2);
    const zones = values(conf, 'limit_req_zone').map((args) => args.find((a) => a.startsWith('zone='))?.slice(5).split(':')[0]);
    for (const server of servers) {
      const locations = (server.block ?? []).filter((d) => d.name === 'location');
      // A request is logged by the directives of the location it lands in: a server-level return
      // would answer before any location is chosen, and log with the server's access_log.
      expect(values(server.block, 'return')).toEqual([]);
      const statusCheck = locations.find((l) => l.args.join(' ') === '^~ /q/');
      expect(statusCheck, `server ${values(server.block, 'listen').join(', ')}`).toBeDefined();
      expect(values(statusCheck!.block, 'access_log')).toEqual([['off']]);
      if (values(statusCheck!.block, 'proxy_pass').length > 0) {
        const zone = values(statusCheck!.block, 'limit_req')[0]?.find((a) => a.startsWith('zone='))?.slice(5);
        expect(zones).toContain(zone);
      }
    }
    expect(servers.some((s) => (s.block ?? []).some((l) => l.name === 'location' && l.args.join(' ') === '^~ /q/' && values(l.block, 'proxy_pass').length > 0))).toBe(true);
  });
});
