// A registry entry: a kind's group and name, and how to load its definition. Kind modules build
// their zod schemas when evaluated (the bulk of start-up), so the registry loads one only when
// the kind is first looked up: `kongward validate` on a KongService builds KongService, not all
// 44 kind-versions. Group lists load their modules with `lazyRequire` (Node's require of an ES
// module, bound to the list's own file); scripts/build.ts turns it into esbuild's bundled
// `require`, which likewise evaluates the module on first call.
import type { KindDefinition } from './types.ts';

export interface KindEntry {
  readonly group: string;
  readonly kind: string;
  /** The definition (the module is evaluated on the first call). */
  load(): KindDefinition;
  /** Whether load() has run. */
  isLoaded(): boolean;
}

export function lazyKind(group: string, kind: string, load: () => unknown): KindEntry {
  let definition: KindDefinition | undefined;
  return {
    group,
    kind,
    load() {
      if (!definition) {
        const loaded = load() as KindDefinition | undefined;
        if (!loaded || loaded.group !== group || loaded.kind !== kind) {
          throw new Error(`registry entry ${group}/${kind} loads ${loaded ? `${loaded.group}/${loaded.kind}` : 'nothing'}`);
        }
        definition = loaded;
      }
      return definition;
    },
    isLoaded: () => definition !== undefined,
  };
}
