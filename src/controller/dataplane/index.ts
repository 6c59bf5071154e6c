// DataPlane provisioning: the controller, its reconciler and the pure desired-state functions.
export { DataPlaneController, type DataPlaneControllerOptions } from './controller.ts';
export { DataPlaneReconciler, type DataPlaneCaches, type DataPlaneReconcilerOptions, type ReconcileResult } from './reconciler.ts';
export { desiredDeployment, desiredIngressService, desiredAdminService, desiredCertificateSecret, managedLabels, statusSelector } from './desired.ts';
export { resolveExtension, konnectEnv, type ExtensionLookup, type ExtensionResolution } from './konnect-extension.ts';
export { computeStatus, setConditions, serviceAddresses } from './status.ts';
export { ClusterCa, certificateProblem, issueAdminCertificate } from './admin-certificate.ts';
export { dataPlaneResource } from './constants.ts';
export { registerDataPlaneController, type DataPlaneRegistration } from './register.ts';
