import type { KindDefinition } from '../types.ts';

export const configurationOtherKinds: KindDefinition[] = [];
