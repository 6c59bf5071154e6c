import type { KindDefinition } from '../types.ts';

export const configurationEntityKinds: KindDefinition[] = [];
