// Built-in kinds the self-signed certificate mode patches (caBundle injection), served only by
// test servers that ask for them: `KubeApiServer.start({ extraTypes: webhookTypes })`.
import type { ResourceType } from './resources.ts';

export const webhookTypes: ResourceType[] = [
  {
    group: 'admissionregistration.k8s.io', versions: ['v1'], kind: 'ValidatingWebhookConfiguration',
    plural: 'validatingwebhookconfigurations', singular: 'validatingwebhookconfiguration',
    namespaced: false, status: false, generation: true, unconditionalUpdate: true, strategicMerge: true,
  },
  {
    group: 'apiextensions.k8s.io', versions: ['v1'], kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions', singular: 'customresourcedefinition',
    namespaced: false, status: true, generation: true, unconditionalUpdate: true, strategicMerge: true,
  },
];
