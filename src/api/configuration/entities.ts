// configuration.konghq.com entity kinds (Konnect-backed Kong entities and the consumer kinds).
import type { KindDefinition } from '../types.ts';
import { kongServiceKind } from './v1alpha1/kongservice.ts';
import { kongRouteKind } from './v1alpha1/kongroute.ts';
import { kongUpstreamKind } from './v1alpha1/kongupstream.ts';
import { kongTargetKind } from './v1alpha1/kongtarget.ts';
import { kongCertificateKind } from './v1alpha1/kongcertificate.ts';
import { kongCACertificateKind } from './v1alpha1/kongcacertificate.ts';
import { kongSNIKind } from './v1alpha1/kongsni.ts';
import { kongKeyKind } from './v1alpha1/kongkey.ts';
import { kongKeySetKind } from './v1alpha1/kongkeyset.ts';
import { kongConsumerKind } from './v1/kongconsumer.ts';
import { kongConsumerGroupKind } from './v1beta1/kongconsumergroup.ts';

export const configurationEntityKinds: KindDefinition[] = [
  kongServiceKind,
  kongRouteKind,
  kongUpstreamKind,
  kongTargetKind,
  kongCertificateKind,
  kongCACertificateKind,
  kongSNIKind,
  kongKeyKind,
  kongKeySetKind,
  kongConsumerKind,
  kongConsumerGroupKind,
];
