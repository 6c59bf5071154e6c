// Where the apiserver reads the CA it trusts for kongward: every webhook of the
// ValidatingWebhookConfiguration and the conversion webhook of each CRD converting through
// /convert. Pure: given an object and the wanted caBundle, the JSON patch that sets it (with a
// resourceVersion test, so a concurrent change fails the patch instead of being overwritten),
// or nothing when every field already holds it.
import { crdKinds, crdName, usesConversionWebhook } from '../crds/generate.ts';
import type { KindDefinition } from '../api/types.ts';
import type { DeployNames } from '../deploy/names.ts';
import type { KubeObject, ResourceDescriptor } from '../controller/runtime/types.ts';

export interface CaBundleTarget {
  resource: ResourceDescriptor;
  name: string;
  /** JSON pointers of the caBundle fields in `object` with their current values. */
  fields(object: KubeObject): { path: string; value: unknown }[];
}

export const validatingWebhookConfigurations: ResourceDescriptor = {
  group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration',
  plural: 'validatingwebhookconfigurations', namespaced: false,
};

export const customResourceDefinitions: ResourceDescriptor = {
  group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions', namespaced: false,
};

type WebhookConfiguration = KubeObject & { webhooks?: { clientConfig?: { caBundle?: string } }[] };
type Crd = KubeObject & { spec?: { conversion?: { strategy?: string; webhook?: { clientConfig?: { caBundle?: string } } } } };

export function webhookConfigurationTarget(name: string): CaBundleTarget {
  return {
    resource: validatingWebhookConfigurations,
    name,
    fields: (object) =>
      ((object as WebhookConfiguration).webhooks ?? []).flatMap((webhook, index) =>
        webhook.clientConfig ? [{ path: `/webhooks/${index}/clientConfig/caBundle`, value: webhook.clientConfig.caBundle }] : [],
      ),
  };
}

/** A CRD's conversion webhook; nothing to set while its strategy is not Webhook. */
export function crdConversionTarget(name: string): CaBundleTarget {
  return {
    resource: customResourceDefinitions,
    name,
    fields: (object) => {
      const conversion = (object as Crd).spec?.conversion;
      if (conversion?.strategy !== 'Webhook' || !conversion.webhook?.clientConfig) return [];
      return [{ path: '/spec/conversion/webhook/clientConfig/caBundle', value: conversion.webhook.clientConfig.caBundle }];
    },
  };
}

/** kongward's webhook configuration and the CRDs whose versions convert through /convert. */
export function selfSignedTargets(names: Pick<DeployNames, 'webhookConfiguration'>, kinds?: readonly KindDefinition[]): CaBundleTarget[] {
  const converting = crdKinds(kinds).filter(usesConversionWebhook).map(crdName).sort();
  return [webhookConfigurationTarget(names.webhookConfiguration), ...converting.map(crdConversionTarget)];
}

export type JsonPatchOperation = { op: 'test' | 'add'; path: string; value: unknown };

/** The patch setting every caBundle field to `caBundle` (base64), or undefined when none differs. */
export function caBundlePatch(target: CaBundleTarget, object: KubeObject, caBundle: string): JsonPatchOperation[] | undefined {
  const stale = target.fields(object).filter((field) => field.value !== caBundle);
  if (stale.length === 0) return undefined;
  return [
    { op: 'test', path: '/metadata/resourceVersion', value: object.metadata.resourceVersion },
    ...stale.map((field) => ({ op: 'add' as const, path: field.path, value: caBundle })),
  ];
}
