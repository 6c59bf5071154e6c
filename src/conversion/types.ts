// Hub-and-spoke conversion: each multi-version kind names its hub (the storage version) and,
// per other version, two pure functions to and from the hub. n converters instead of n².
// Lossless round trips are not the spokes' job: see lossless.ts.

export type KubeObject = Record<string, unknown>;

export interface SpokeConverter {
  /** Spoke -> hub. Gets a deep copy; may mutate and return it. */
  toHub(object: KubeObject): KubeObject;
  /** Hub -> spoke. Gets a deep copy; may mutate and return it. */
  fromHub(object: KubeObject): KubeObject;
}

export interface KindConversion {
  group: string;
  kind: string;
  /** The hub version (the storage version). */
  hub: string;
  spokes: Record<string, SpokeConverter>;
}

/** A conversion that the data does not allow, with the field that blocks it. */
export class ConversionError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ConversionError';
    this.field = field;
  }
}
