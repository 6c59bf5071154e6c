// The fast locator (js-yaml events) must put every field exactly where the `yaml` package's
// node tree puts it: block and flow collections, quoted keys, nested lists, List items,
// anchors, comments, multiple documents, CRLF line ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineCounter, parseAllDocuments, type Node } from 'yaml';
import { parseManifests } from '../../src/manifests/documents.ts';
import { locateInNodes } from '../../src/manifests/positions.ts';

const TEXT = [
  '# leading comment',
  'apiVersion: v1',
  'kind: Thing',
  'metadata: {name: a, "quoted key": 1}',
  'spec:',
  '  listeners:',
  '    - name: http',
  '      port: 80',
  '    -   name: "https"',
  '        tls: {mode: Terminate, certificateRefs: [{name: s1}, {name: s2}]}',
  '  labels:',
  '    app.kubernetes.io/name: x',
  '  anchored: &shared {a: 1}',
  '  reused: *shared',
  '---',
  '---',
  'kind: List',
  'items:',
  '- kind: A',
  '  spec: {host: h}',
  '-   kind: B',
  '    spec:',
  '      hosts: [one, two]',
  '',
].join('\n');

function fieldPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [`${prefix}[${i}]`, ...fieldPaths(v, `${prefix}[${i}]`)]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const path = /^[\w-]+$/.test(k) ? (prefix ? `${prefix}.${k}` : k) : `${prefix}[${k}]`;
      return [path, ...fieldPaths(v, path)];
    });
  }
  return [];
}

for (const [name, text] of [['LF', TEXT], ['CRLF', TEXT.replace(/\n/g, '\r\n')]] as const) {
  test(`event offsets give the same positions as the yaml node tree (${name})`, () => {
    const fast = parseManifests('x.yaml', text).documents;
    const lineCounter = new LineCounter();
    const roots: Array<Node | null> = [];
    for (const doc of parseAllDocuments(text, { lineCounter }) as ReturnType<typeof parseAllDocuments> & unknown[]) {
      const js = doc.toJS();
      if (js === null) continue;
      const contents = doc.contents as Node | null;
      if (js.kind === 'List') {
        const items = (contents as { get(k: string, keep: boolean): { items: Node[] } }).get('items', true);
        for (const item of items.items) roots.push(item);
      } else {
        roots.push(contents);
      }
    }
    assert.equal(fast.length, 3);
    assert.equal(roots.length, 3);
    let compared = 0;
    fast.forEach((document, i) => {
      for (const field of ['', ...fieldPaths(document.object), 'spec.missing.deeper', 'nope[3]']) {
        assert.deepEqual(document.locate(field), locateInNodes(roots[i] ?? null, lineCounter, field), `document ${i} field ${JSON.stringify(field)}`);
        compared += 1;
      }
    });
    assert.ok(compared > 40, `compared ${compared} fields`);
  });
}
