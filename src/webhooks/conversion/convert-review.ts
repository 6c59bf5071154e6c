// Converts every object of a review, in order; one failure fails the whole review with a
// message naming the object and the field (the apiserver needs all or nothing).
import { convertObject } from '../../conversion/convert.ts';
import { ConversionError } from '../../conversion/types.ts';
import type { ConversionRequest } from './review.ts';

export interface ObjectOutcome {
  kind: string;
  from: string;
  to: string;
  ok: boolean;
}

function describe(object: unknown): { kind: string; name: string; apiVersion: string } {
  const o = (typeof object === 'object' && object !== null ? object : {}) as Record<string, unknown>;
  const metadata = (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {}) as Record<string, unknown>;
  const name = [metadata.namespace, metadata.name].filter((p) => typeof p === 'string' && p).join('/');
  return { kind: typeof o.kind === 'string' ? o.kind : 'object', name, apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '' };
}

export function convertReview(request: ConversionRequest): { converted: unknown[]; failure?: string; outcomes: ObjectOutcome[] } {
  const converted: unknown[] = [];
  const outcomes: ObjectOutcome[] = [];
  for (const [index, object] of request.objects.entries()) {
    const { kind, name, apiVersion } = describe(object);
    try {
      converted.push(convertObject(object, request.desiredAPIVersion));
      outcomes.push({ kind, from: apiVersion, to: request.desiredAPIVersion, ok: true });
    } catch (error) {
      outcomes.push({ kind, from: apiVersion, to: request.desiredAPIVersion, ok: false });
      const reason = error instanceof ConversionError ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
      const who = `${kind} ${JSON.stringify(name)} (objects[${index}], ${apiVersion || 'no apiVersion'})`;
      return { converted: [], failure: `cannot convert ${who} to ${request.desiredAPIVersion}: ${reason}`, outcomes };
    }
  }
  return { converted, outcomes };
}
