// The compiled, structural form of a schema: one node per OpenAPI schema object, with exactly
// the keywords a CRD's openAPIV3Schema carries. Validation, defaulting, pruning and CEL all
// walk this tree (never zod) so the hot path is plain property reads.
import type { CelRule } from '../api/kit.ts';

export type StructuralType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export interface SchemaNode {
  type?: StructuralType;
  description?: string;
  /** Ordered as declared in the zod shape. */
  properties?: Map<string, SchemaNode>;
  required?: string[];
  /** Map values (`z.record`). */
  additionalProperties?: SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
  hasDefault?: boolean;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  exclusiveMinimum?: boolean;
  maximum?: number;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternRegExp?: RegExp;
  format?: string;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  intOrString?: boolean;
  preserveUnknownFields?: boolean;
  embeddedResource?: boolean;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
  rules?: CelRule[];
  /** Extra OpenAPI keywords passed through to the CRD untouched. */
  openapi?: Record<string, unknown>;
  /** Root `metadata`: validated by the apiserver itself, never pruned here. */
  isMetadata?: boolean;
  /** True when this node or any descendant carries CEL rules. */
  subtreeHasRules?: boolean;
  /** CEL-escaped property name -> property name (filled on first CEL access). */
  celNames?: Map<string, string>;
  /** True when this node or any descendant has a default. */
  subtreeHasDefaults?: boolean;
  /** The default after pruning and defaulting inside it (memoised by the defaulting pass). */
  prunedDefault?: { value: unknown };
  /** Per-node data the engine's walks derive once (see walkOf). */
  walk?: NodeWalk;
}

/** What the engine's walks need from a node, derived once on first use. */
export interface NodeWalk {
  /** Properties, in declared order, whose subtree carries CEL rules. */
  withRules: Array<[string, SchemaNode]>;
  /** Properties, in declared order, that have a default. */
  withDefaults: Array<[string, SchemaNode]>;
  /** Property name -> declared position. */
  position: Map<string, number>;
  /** Some property name is also an Object.prototype member (`constructor`, `__proto__`...), so
   *  reading an absent one from a plain object does not give undefined. */
  inheritedNames: boolean;
  /** The properties as a list, by declared position. */
  entries?: Array<[string, SchemaNode]>;
}

export function walkOf(node: SchemaNode): NodeWalk {
  let walk = node.walk;
  if (!walk) {
    walk = { withRules: [], withDefaults: [], position: new Map(), inheritedNames: false };
    for (const [name, child] of node.properties ?? []) {
      walk.position.set(name, walk.position.size);
      if (child.subtreeHasRules) walk.withRules.push([name, child]);
      if (child.hasDefault) walk.withDefaults.push([name, child]);
      if (name in Object.prototype) walk.inheritedNames = true;
    }
    node.walk = walk;
  }
  return walk;
}

/** The type name kube-apiserver puts in `Invalid value: "<type>"` for CEL failures. */
export function typeLabel(node: SchemaNode): string {
  return node.type ?? '';
}
