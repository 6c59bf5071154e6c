// Knowing a Gateway's class: who controls it and what it is parameterised with. The webhook
// asks a watch-backed cache; offline validation builds a static lookup from the documents of
// the run and the class names the user declares managed.
import { isPlainObject } from '../validation/values.ts';

/** The controller name kongward treats as Kong's (KGO's DefaultControllerName). */
export const DEFAULT_CONTROLLER_NAME = 'konghq.com/gateway-operator';

export interface ParametersReference {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface GatewayClassInfo {
  controllerName: string;
  parametersRef?: ParametersReference;
}

export interface GatewayClassLookup {
  /** The class, or undefined when it is not (yet) known. */
  get(name: string): GatewayClassInfo | undefined;
  /** False while the source is still loading (an unsynced cache): absence then proves nothing. */
  ready(): boolean;
}

const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** Name and class facts of a GatewayClass object (any served version), or undefined for other objects. */
export function gatewayClassInfoOf(object: unknown): { name: string; info: GatewayClassInfo } | undefined {
  if (!isPlainObject(object) || object.kind !== 'GatewayClass') return undefined;
  if (typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith(`${GATEWAY_API_GROUP}/`)) return undefined;
  return classInfoOf(object);
}

/** Name and class facts of an object known to be a GatewayClass (e.g. from a cache of them). */
export function classInfoOf(object: unknown): { name: string; info: GatewayClassInfo } | undefined {
  if (!isPlainObject(object)) return undefined;
  const metadata = object.metadata;
  const spec = object.spec;
  if (!isPlainObject(metadata) || typeof metadata.name !== 'string' || !isPlainObject(spec)) return undefined;
  if (typeof spec.controllerName !== 'string') return undefined;
  const info: GatewayClassInfo = { controllerName: spec.controllerName };
  const ref = spec.parametersRef;
  if (isPlainObject(ref)) {
    info.parametersRef = {
      group: String(ref.group ?? ''),
      kind: String(ref.kind ?? ''),
      name: String(ref.name ?? ''),
      ...(typeof ref.namespace === 'string' ? { namespace: ref.namespace } : {}),
    };
  }
  return { name: metadata.name, info };
}

/** A fixed set of classes (offline validation, tests). Always ready. */
export class StaticGatewayClassLookup implements GatewayClassLookup {
  readonly #classes: Map<string, GatewayClassInfo>;

  constructor(classes: Iterable<readonly [string, GatewayClassInfo]> = []) {
    this.#classes = new Map(classes);
  }

  get(name: string): GatewayClassInfo | undefined {
    return this.#classes.get(name);
  }

  ready(): boolean {
    return true;
  }

  names(): string[] {
    return [...this.#classes.keys()];
  }
}

function* flatten(documents: readonly unknown[]): Generator<unknown> {
  for (const document of documents) {
    if (isPlainObject(document) && Array.isArray(document.items) && typeof document.kind === 'string' && document.kind.endsWith('List')) {
      yield* flatten(document.items);
    } else {
      yield document;
    }
  }
}

export interface DocumentLookupOptions {
  /** Class names to treat as managed even though no document defines them (`--gateway-class`). */
  managedClassNames?: readonly string[];
  controllerName?: string;
}

/**
 * The classes of an offline run: every GatewayClass among the documents (List items included),
 * plus each declared managed name not defined there. A GatewayClass document wins over a
 * declared name: it is what the cluster will hold.
 */
export function classLookupFromDocuments(documents: readonly unknown[], options: DocumentLookupOptions = {}): StaticGatewayClassLookup {
  const controllerName = options.controllerName ?? DEFAULT_CONTROLLER_NAME;
  const classes = new Map<string, GatewayClassInfo>();
  for (const name of options.managedClassNames ?? []) classes.set(name, { controllerName });
  for (const document of flatten(documents)) {
    const found = gatewayClassInfoOf(document);
    if (found) classes.set(found.name, found.info);
  }
  return new StaticGatewayClassLookup(classes);
}
