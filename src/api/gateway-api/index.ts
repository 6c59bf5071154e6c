import type { KindDefinition } from '../types.ts';

export const gatewayApiKinds: KindDefinition[] = [];
