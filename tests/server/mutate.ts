import fc from 'fast-check';

/** One random edit of a JSON value: at the `at`-th node (in depth-first order, modulo their number). */
export interface Mutation {
  at: number;
  op: 'delete' | 'replace' | 'addKey';
  key: string;
  value: unknown;
}

type Path = (string | number)[];

function nodePaths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const children = Array.isArray(value) ? value.map((item, i) => [i, item] as const) : Object.entries(value);
  return [prefix, ...children.flatMap(([key, item]) => nodePaths(item, [...prefix, key]))];
}

// Own-property assignment: `obj['__proto__'] = v` would set the prototype instead of a key.
function setKey(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies the mutations in turn to a deep copy; the original is left alone. */
export function mutate(original: unknown, mutations: Mutation[]): unknown {
  let root = structuredClone(original);
  for (const mutation of mutations) {
    // The edge values are shared constants: inserting them by reference let one run grow a
    // cycle into the next run's `[]` (root replaced by it, then the same array pushed into it).
    const m = { ...mutation, value: structuredClone(mutation.value) };
    const paths = nodePaths(root);
    const path = paths[m.at % paths.length]!;
    if (path.length === 0) {
      root = m.op === 'addKey' && typeof root === 'object' && root !== null && !Array.isArray(root) ? { ...root, [m.key]: m.value } : m.value;
      continue;
    }
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root) as
      | Record<string | number, unknown>
      | unknown[];
    const last = path[path.length - 1]!;
    const target = (parent as Record<string | number, unknown>)[last];
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (m.op === 'addKey' && typeof target === 'object' && target !== null) {
      if (Array.isArray(target)) target.push(m.value);
      else setKey(target as Record<string, unknown>, m.key, m.value);
    } else {
      setKey(parent as Record<string | number, unknown>, last, m.value);
    }
  }
  return root;
}

/** Values that tend to break servers: NUL, lone surrogates, huge numbers, other villages, prototypes. */
const edgeValues = fc.constantFrom<unknown>(
  '\u0000',
  'a\ud800b',
  '\udc00',
  '',
  '   ',
  'x'.repeat(5000),
  '371623102202',
  '371621104303',
  '999999999999',
  -1,
  0,
  1.5,
  2 ** 53 + 2,
  1e21,
  -0,
  true,
  null,
  [],
  {},
  [null],
  { __proto__: null, polluted: true },
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat({ max: 10_000 }),
  op: fc.constantFrom('delete', 'replace', 'addKey'),
  key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'id', '_deleted', 'idHashes', 'areaCode')),
  // 'binary' strings cover every code unit, NUL and half surrogate pairs included.
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), edgeValues, fc.string({ unit: 'binary', maxLength: 12 })),
});
