// Maps a field path to the source position of the node it names, or of its nearest existing
// parent when the field is missing (a Required value points at the object that lacks it).
import type { Node, Pair } from 'yaml';
import { positionOf, yaml, type ManifestDocument, type SourcePosition } from './documents.ts';
import { parseFieldPath } from './field-path.ts';

export function locate(document: ManifestDocument, field: string): SourcePosition {
  const source = document.source();
  const { isMap, isScalar, isSeq } = yaml();
  const start = (target: { range?: [number, number, number] | null } | null | undefined): SourcePosition | undefined => {
    const offset = target?.range?.[0];
    return offset === undefined ? undefined : positionOf(source.lineCounter, offset);
  };
  let node: Node | null = source.node;
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
