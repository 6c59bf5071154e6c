// Reads manifests (multi-document YAML or JSON; JSON is YAML). Objects come from js-yaml, an
// order of magnitude faster than the `yaml` package; source positions come from js-yaml's
// event stream, indexed only for files where something must be located. A file js-yaml cannot
// parse goes through the `yaml` package, which reports every broken document and keeps the
// good ones. `List` documents are expanded into their items.
import { loadAll } from 'js-yaml';
import type { Document, Node } from 'yaml';
import { indexOffsets, lineStartsOf, type OffsetIndex } from './event-positions.ts';
import type { PathSegment } from './field-path.ts';
import { locateByOffsets, locateInNodes } from './positions.ts';
import { yaml } from './yaml-package.ts';
import { isPlainObject as isRecord } from '../validation/values.ts';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface ManifestDocument {
  file: string;
  /** 0-based index of the document (or List item) in its file, for messages. */
  index: number;
  object: unknown;
  /** Position of a field (`spec.listeners[0].tls`, `` for the object itself). */
  locate(field: string): SourcePosition;
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


function isList(object: unknown): object is { kind: string; items: unknown[] } {
  return isRecord(object) && typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items);
}

/** Objects of one document: itself, or a List's items with the path prefix each lives under. */
function expand(object: unknown): Array<{ object: unknown; prefix: PathSegment[] }> {
  return isList(object) ? object.items.map((item, i) => ({ object: item, prefix: ['items', i] })) : [{ object, prefix: [] }];
}

function parseFast(file: string, text: string, loaded: unknown[]): ParsedFile {
  let offsets: { documents: OffsetIndex[]; lineStarts: number[] } | undefined;
  const positions = () => (offsets ??= { documents: indexOffsets(text), lineStarts: lineStartsOf(text) });
  const documents: ManifestDocument[] = [];
  loaded.forEach((object, docIndex) => {
    if (object === null || object === undefined) return;
    for (const part of expand(object)) {
      documents.push({
        file,
        index: documents.length,
        object: part.object,
        locate: (field) => {
          const { documents: indexes, lineStarts } = positions();
          return locateByOffsets(indexes[docIndex] ?? new Map(), lineStarts, part.prefix, field);
        },
      });
    }
  });
  return { documents, problems: [] };
}

/** The slow, precise parse, for files js-yaml refuses. */
function parseDetailed(file: string, text: string): ParsedFile {
  const { LineCounter, isMap, isSeq, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false }) as Document.Parsed[] | { errors: unknown[] };
  const result: ParsedFile = { documents: [], problems: [] };
  if (!Array.isArray(docs)) return result;
  for (const doc of docs) {
    if (doc.errors.length) {
      for (const error of doc.errors) {
        const { line, col } = lineCounter.linePos(error.pos?.[0] ?? 0);
        result.problems.push({ file, position: { line, column: col }, message: `YAML syntax: ${error.message.split('\n')[0]}` });
      }
      continue;
    }
    const object = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (object === null || object === undefined) continue;
    const root = doc.contents as Node | null;
    const itemsNode = isList(object) && isMap(root) ? root.get('items', true) : undefined;
    expand(object).forEach((part, i) => {
      const node = part.prefix.length ? (isSeq(itemsNode) ? ((itemsNode.items[i] as Node | undefined) ?? null) : null) : root;
      result.documents.push({ file, index: result.documents.length, object: part.object, locate: (field) => locateInNodes(node, lineCounter, field) });
    });
  }
  return result;
}

export function parseManifests(file: string, text: string): ParsedFile {
  let loaded: unknown[];
  try {
    loaded = loadAll(text, { filename: file });
  } catch {
    return parseDetailed(file, text); // broken YAML somewhere: report where, keep the rest
  }
  return parseFast(file, text, loaded);
}
