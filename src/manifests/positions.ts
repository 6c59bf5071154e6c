// Maps a field path to the source position of the node it names, or of its nearest existing
// parent when the field is missing (a Required value points at the object that lacks it).
// Two locators: offsets from js-yaml's event stream (the fast path), and the `yaml` package's
// node tree (files with syntax errors, parsed by that package to keep their good documents).
import type { LineCounter, Node, Pair } from 'yaml';
import type { ManifestDocument, SourcePosition } from './documents.ts';
import { lineColumn, pathKey, type OffsetIndex } from './event-positions.ts';
import { parseFieldPath, type PathSegment } from './field-path.ts';
import { yaml } from './yaml-package.ts';

export function locate(document: ManifestDocument, field: string): SourcePosition {
  return document.locate(field);
}

/** Position from an offset index: the longest prefix of the path that exists. */
export function locateByOffsets(index: OffsetIndex, lineStarts: number[], prefix: readonly PathSegment[], field: string): SourcePosition {
  const path = [...prefix, ...parseFieldPath(field)];
  for (let length = path.length; length >= 0; length--) {
    const offset = index.get(pathKey(path.slice(0, length)));
    if (offset !== undefined) return lineColumn(lineStarts, offset);
  }
  return { line: 1, column: 1 };
}

/** Position from the `yaml` package's nodes: key of the deepest existing field. */
export function locateInNodes(root: Node | null, lineCounter: LineCounter, field: string): SourcePosition {
  const { isMap, isScalar, isSeq } = yaml();
  const start = (target: { range?: [number, number, number] | null } | null | undefined): SourcePosition | undefined => {
    const offset = target?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  let node: Node | null = root;
  let best: SourcePosition = start(node) ?? { line: 1, column: 1 };
  for (const segment of parseFieldPath(field)) {
    if (isMap(node) && typeof segment === 'string') {
      const pair = node.items.find((item: Pair) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === segment) as Pair<Node, Node> | undefined;
      if (!pair) break;
      best = start(pair.key as Node) ?? best;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      best = start(item) ?? best;
      node = item;
    } else {
      break;
    }
  }
  return best;
}
