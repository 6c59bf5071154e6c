// Reads manifests (multi-document YAML or JSON; JSON is YAML). Objects come from js-yaml, which
// is an order of magnitude faster; source positions come from the `yaml` package's node tree,
// built only for files where something must be located (a finding), or where js-yaml fails
// (the `yaml` parser reports every broken document and keeps the good ones). `List`
// documents are expanded into their items.
import { loadAll } from 'js-yaml';
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';

// `yaml` ships CommonJS to Node (70-odd files); load it only when a position is needed.
type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;
export function yaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return yamlModule;
}

export interface SourcePosition {
  line: number;
  column: number;
}

export interface SourceNodes {
  node: Node | null;
  lineCounter: LineCounter;
}

export interface ManifestDocument {
  file: string;
  /** 0-based index of the document (or List item) in its file, for messages. */
  index: number;
  object: unknown;
  /** Source nodes of this object (document root or List item), parsed on first use. */
  source(): SourceNodes;
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

function isList(object: unknown): object is { kind: string; items: unknown[] } {
  return isRecord(object) && typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items);
}

interface Detailed {
  objects: unknown[];
  nodes: SourceNodes[];
  problems: SyntaxProblem[];
}

/** The slow, precise parse: every document with its nodes, broken documents reported. */
function parseDetailed(file: string, text: string): Detailed {
  const { LineCounter, isMap, isSeq, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false }) as Document.Parsed[] | { errors: unknown[] };
  const result: Detailed = { objects: [], nodes: [], problems: [] };
  if (!Array.isArray(docs)) return result;
  for (const doc of docs) {
    if (doc.errors.length) {
      for (const error of doc.errors) {
        result.problems.push({ file, position: positionOf(lineCounter, error.pos?.[0] ?? 0), message: `YAML syntax: ${error.message.split('\n')[0]}` });
      }
      continue;
    }
    const object = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (object === null || object === undefined) continue;
    const root = doc.contents as Node | null;
    if (isList(object) && isMap(root)) {
      const itemsNode = root.get('items', true);
      object.items.forEach((item, i) => {
        result.objects.push(item);
        result.nodes.push({ node: isSeq(itemsNode) ? ((itemsNode.items[i] as Node | undefined) ?? null) : null, lineCounter });
      });
      continue;
    }
    result.objects.push(object);
    result.nodes.push({ node: root, lineCounter });
  }
  return result;
}

function documentsOf(file: string, objects: unknown[], nodesOf: (index: number) => SourceNodes): ManifestDocument[] {
  return objects.map((object, index) => ({ file, index, object, source: () => nodesOf(index) }));
}

export function parseManifests(file: string, text: string): ParsedFile {
  let fast: unknown[] | undefined;
  try {
    fast = loadAll(text, { filename: file }).filter((d) => d !== null && d !== undefined);
  } catch {
    fast = undefined; // broken YAML somewhere: the precise parser reports where, and keeps the rest
  }
  if (!fast) {
    const detailed = parseDetailed(file, text);
    return { documents: documentsOf(file, detailed.objects, (i) => detailed.nodes[i] ?? { node: null, lineCounter: new (yaml().LineCounter)() }), problems: detailed.problems };
  }
  const objects = fast.flatMap((object) => (isList(object) ? object.items : [object]));
  let detailed: Detailed | undefined;
  const nodesOf = (index: number): SourceNodes => {
    detailed ??= parseDetailed(file, text);
    return detailed.nodes[index] ?? { node: null, lineCounter: new (yaml().LineCounter)() };
  };
  return { documents: documentsOf(file, objects, nodesOf), problems: [] };
}
