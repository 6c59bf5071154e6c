import type { KindDefinition } from '../types.ts';

export const konnectKinds: KindDefinition[] = [];
