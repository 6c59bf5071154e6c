import type { KindDefinition } from '../types.ts';

export const gatewayOperatorKinds: KindDefinition[] = [];
