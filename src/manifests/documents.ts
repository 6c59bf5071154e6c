// Reads manifests (multi-document YAML or JSON; JSON is YAML) keeping each document's source
// nodes, so a field path can be mapped back to a line and column. `List` documents are
// expanded into their items.
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface ManifestDocument {
  file: string;
  /** 0-based index of the document (or List item) in its file, for messages. */
  index: number;
  object: unknown;
  /** The YAML node of this object (the document root or a List item). */
  node: Node | null;
  lineCounter: LineCounter;
}

export interface SyntaxProblem {
  file: string;
  position: SourcePosition;
  message: string;
}

export interface ParsedFile {
  documents: ManifestDocument[];
  problems: SyntaxProblem[];
}

export function positionOf(lineCounter: LineCounter, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseManifests(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false }) as Document.Parsed[] | { errors: unknown[] };
  const documents: ManifestDocument[] = [];
  const problems: SyntaxProblem[] = [];
  if (!Array.isArray(docs)) return { documents, problems };
  let index = 0;
  for (const doc of docs) {
    if (doc.errors.length) {
      for (const error of doc.errors) {
        const offset = error.pos?.[0] ?? 0;
        problems.push({ file, position: positionOf(lineCounter, offset), message: `YAML syntax: ${error.message.split('\n')[0]}` });
      }
      index += 1;
      continue;
    }
    const object = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (object === null || object === undefined) continue; // empty document (e.g. trailing ---)
    const root = doc.contents as Node | null;
    if (isRecord(object) && typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items) && isMap(root)) {
      const itemsNode = root.get('items', true);
      object.items.forEach((item, i) => {
        const node = isSeq(itemsNode) ? ((itemsNode.items[i] as Node | undefined) ?? null) : null;
        documents.push({ file, index: index++, object: item, node, lineCounter });
      });
      continue;
    }
    documents.push({ file, index: index++, object, node: root, lineCounter });
  }
  return { documents, problems };
}
