// gateway.networking.k8s.io: GatewayClass and Gateway (v1, v1beta1), validated against the
// upstream standard-channel rules. Their CRDs come from upstream, so none is generated here.
import { createRequire } from 'node:module';
import { lazyKind, type KindEntry } from '../lazy-kind.ts';

// Each kind module is evaluated on first lookup (see lazy-kind.ts).
const lazyRequire = createRequire(import.meta.url);

export const gatewayApiKinds: KindEntry[] = [
  lazyKind('gateway.networking.k8s.io', 'GatewayClass', () => lazyRequire('./gatewayclass.ts').gatewayClassKind),
  lazyKind('gateway.networking.k8s.io', 'Gateway', () => lazyRequire('./gateway.ts').gatewayKind),
];
