// Source offsets of every node of a YAML text, from js-yaml's event stream (one fast pass, no
// node tree): per document, a map from a path (`spec\0listeners\0#0`) to the offset where that
// key (or list item) starts. Used to turn field paths into line:column.
import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';
import type { PathSegment } from './field-path.ts';

export type OffsetIndex = Map<string, number>;

export function pathKey(path: readonly PathSegment[]): string {
  return path.map((s) => (typeof s === 'number' ? `#${s}` : s)).join('\u0000');
}

interface Frame {
  kind: 'map' | 'seq';
  path: PathSegment[];
  /** Maps: the pending key (after a key scalar, before its value). */
  key?: string;
  /** Sequences: index of the next item. */
  next: number;
}

/** One offset index per document, in document order (empty documents included). */
export function indexOffsets(text: string): OffsetIndex[] {
  const events = parseEvents(text, {}) as Event[];
  const documents: OffsetIndex[] = [];
  let index: OffsetIndex | undefined;
  const stack: Frame[] = [];

  // Where the node that starts at `offset` lives, and the frame bookkeeping for it.
  const place = (offset: number): PathSegment[] | undefined => {
    const top = stack[stack.length - 1];
    if (!top) {
      index?.set('', offset);
      return [];
    }
    if (top.kind === 'seq') {
      const path = [...top.path, top.next++];
      index?.set(pathKey(path), offset);
      return path;
    }
    const key = top.key;
    top.key = undefined;
    return key === undefined ? undefined : [...top.path, key];
  };

  // js-yaml reports where a quoted scalar's value starts; the node starts at its quote.
  const scalarStart = (offset: number) => (offset > 0 && (text[offset - 1] === '"' || text[offset - 1] === "'") ? offset - 1 : offset);

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        index = new Map();
        documents.push(index);
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const path = place(event.start) ?? [];
        stack.push({ kind: event.type === EVENT_ID.MAPPING ? 'map' : 'seq', path, next: 0 });
        break;
      }
      case EVENT_ID.SCALAR:
      case EVENT_ID.ALIAS: {
        const top = stack[stack.length - 1];
        if (top?.kind === 'map' && top.key === undefined && event.type === EVENT_ID.SCALAR) {
          // A key: the field's position is where its key starts.
          top.key = String(getScalarValue(text, event));
          index?.set(pathKey([...top.path, top.key]), scalarStart(event.valueStart));
        } else {
          place(event.type === EVENT_ID.SCALAR ? scalarStart(event.valueStart) : 0);
        }
        break;
      }
      case EVENT_ID.POP:
        stack.pop();
        break;
      default:
        break;
    }
  }
  return documents;
}

/** Offset -> 1-based line and column. */
export function lineColumn(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] as number) + 1 };
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
