// configuration.konghq.com entity kinds (Konnect-backed Kong entities and the consumer kinds).
import { createRequire } from 'node:module';
import { lazyKind, type KindEntry } from '../lazy-kind.ts';

// Each kind module is evaluated on first lookup (see lazy-kind.ts).
const lazyRequire = createRequire(import.meta.url);

export const configurationEntityKinds: KindEntry[] = [
  lazyKind('configuration.konghq.com', 'KongService', () => lazyRequire('./v1alpha1/kongservice.ts').kongServiceKind),
  lazyKind('configuration.konghq.com', 'KongRoute', () => lazyRequire('./v1alpha1/kongroute.ts').kongRouteKind),
  lazyKind('configuration.konghq.com', 'KongUpstream', () => lazyRequire('./v1alpha1/kongupstream.ts').kongUpstreamKind),
  lazyKind('configuration.konghq.com', 'KongTarget', () => lazyRequire('./v1alpha1/kongtarget.ts').kongTargetKind),
  lazyKind('configuration.konghq.com', 'KongCertificate', () => lazyRequire('./v1alpha1/kongcertificate.ts').kongCertificateKind),
  lazyKind('configuration.konghq.com', 'KongCACertificate', () => lazyRequire('./v1alpha1/kongcacertificate.ts').kongCACertificateKind),
  lazyKind('configuration.konghq.com', 'KongSNI', () => lazyRequire('./v1alpha1/kongsni.ts').kongSNIKind),
  lazyKind('configuration.konghq.com', 'KongKey', () => lazyRequire('./v1alpha1/kongkey.ts').kongKeyKind),
  lazyKind('configuration.konghq.com', 'KongKeySet', () => lazyRequire('./v1alpha1/kongkeyset.ts').kongKeySetKind),
  lazyKind('configuration.konghq.com', 'KongConsumer', () => lazyRequire('./v1/kongconsumer.ts').kongConsumerKind),
  lazyKind('configuration.konghq.com', 'KongConsumerGroup', () => lazyRequire('./v1beta1/kongconsumergroup.ts').kongConsumerGroupKind),
];
