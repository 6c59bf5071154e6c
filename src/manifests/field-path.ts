// Splits a kube-apiserver field path (`spec.listeners[0].tls`, `spec.labels[app.kubernetes.io/name]`,
// `spec.x['a.b']`, `<nil>`) into segments: strings for object keys, numbers for list indexes.
import { ROOT_FIELD } from '../validation/field-error.ts';

export type PathSegment = string | number;

export function parseFieldPath(field: string): PathSegment[] {
  if (!field || field === ROOT_FIELD || field === '(root)') return [];
  const segments: PathSegment[] = [];
  let i = 0;
  let current = '';
  const flush = () => {
    if (current) segments.push(current);
    current = '';
  };
  while (i < field.length) {
    const ch = field[i];
    if (ch === '.') {
      flush();
      i += 1;
    } else if (ch === '[') {
      flush();
      const close = findClose(field, i);
      let inner = field.slice(i + 1, close);
      if ((inner.startsWith("'") && inner.endsWith("'")) || (inner.startsWith('"') && inner.endsWith('"'))) inner = inner.slice(1, -1);
      segments.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = close + 1;
    } else {
      current += ch;
      i += 1;
    }
  }
  flush();
  return segments;
}

function findClose(text: string, open: number): number {
  const quote = text[open + 1] === "'" || text[open + 1] === '"' ? text[open + 1] : undefined;
  if (quote) {
    const end = text.indexOf(`${quote}]`, open + 2);
    if (end >= 0) return end + 1;
  }
  const end = text.indexOf(']', open);
  return end < 0 ? text.length : end;
}
