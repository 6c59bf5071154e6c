// Reference checks at admission: the public surface for `kongward serve`, `kongward validate`
// and the generated deploy/ (RBAC, webhook rules). See docs/reference-checks.md.
export { referenceValidators, referenceWebhookRules, referenceCachedResources, type GvkValidator, type WebhookRuleNeed } from './validators.ts';
export { ClusterReferenceLookup, type ClusterLookupOptions } from './cluster-lookup.ts';
export { offlineReferenceLookup, OfflineReferenceLookup, DEFAULT_NAMESPACE, type OfflineLookupOptions } from './offline-lookup.ts';
export type { ReferenceLookup, LookupState, ObjectId, DeletionTargetKind } from './lookup.ts';
export { checkReferences, checkDeletion, clusterTypeOf, type ReferenceFindings } from './checks.ts';
