// gateway.networking.k8s.io: GatewayClass and Gateway (v1, v1beta1), validated against the
// upstream standard-channel rules. Their CRDs come from upstream, so none is generated here.
import type { KindDefinition } from '../types.ts';
import { gatewayClassKind } from './gatewayclass.ts';
import { gatewayKind } from './gateway.ts';

export const gatewayApiKinds: KindDefinition[] = [gatewayClassKind, gatewayKind];
