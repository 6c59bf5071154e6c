// Everything `kongward generate` writes under deploy/: the CRDs, the base and both overlays.
// Pure: returns {path, content}[]; the CLI writes them and the staleness test compares them.
import { allKinds } from '../api/registry.ts';
import type { GroupVersionKind, KindDefinition } from '../api/types.ts';
import { crdFiles, CRD_DIR } from '../crds/generate.ts';
import { buildValidators } from '../webhooks/admission/default-validators.ts';
import { defaultNames, partOfLabels, type DeployNames } from './names.ts';
import { caInjectionPatches, certManagerArgs, certManagerResources, deploymentPatch, SELF_SIGNED_ARGS } from './overlays.ts';
import { controllerDeployment, controllerRbac } from './controller.ts';
import { baseRbac, selfSignedRbac } from './rbac.ts';
import { renderYaml, type GeneratedFile, type YamlDocument } from './render.ts';
import { validatingWebhookConfiguration } from './webhook-configuration.ts';
import { deployment, namespace, networkPolicy, podDisruptionBudget, service } from './workload.ts';

export const DEPLOY_DIR = 'deploy';

export interface DeployOptions {
  names?: DeployNames;
  kinds?: readonly KindDefinition[];
  /** GVKs the webhook validates; default: buildValidators().kinds(). */
  validatedKinds?: readonly GroupVersionKind[];
}

function kustomization(resources: string[], patches: string[] = []) {
  const object: Record<string, unknown> = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources };
  if (patches.length) object.patches = patches.map((path) => ({ path }));
  return object;
}

function file(path: string, source: string, documents: YamlDocument[]): GeneratedFile {
  return { path: `${DEPLOY_DIR}/${path}`, content: renderYaml(source, documents) };
}

export function deployFiles(options: DeployOptions = {}): GeneratedFile[] {
  const names = options.names ?? defaultNames;
  const kinds = options.kinds ?? allKinds();
  const validated = options.validatedKinds ?? buildValidators().kinds();
  const labels = { ...partOfLabels };
  const workloadSource = 'src/deploy/workload.ts';
  const webhook = validatingWebhookConfiguration(validated, names, labels);
  const injection = caInjectionPatches(names, kinds);
  const crdPatchFiles = injection.crds.map((patch) => `patches/crd-${patch.metadata.name}.yaml`);

  const base = [
    file('base/namespace.yaml', workloadSource, [{ object: namespace(names, labels) }]),
    file('base/rbac.yaml', 'src/deploy/rbac.ts', baseRbac(names, labels, kinds).map((object) => ({ object }))),
    file('base/webhook.yaml', workloadSource, [
      deployment(names, labels),
      { object: podDisruptionBudget(names, labels) },
      { object: service(names, labels) },
      networkPolicy(names, labels),
    ]),
    file('base/validating-webhook-configuration.yaml', 'buildValidators().kinds() via src/deploy/webhook-configuration.ts', [webhook]),
  ];
  base.push(file('base/kustomization.yaml', 'src/deploy/files.ts', [{
    object: kustomization([`../${CRD_DIR.slice(DEPLOY_DIR.length + 1)}`, ...base.map((f) => f.path.slice('deploy/base/'.length))]),
  }]));

  const selfSigned = [
    file('overlays/self-signed/rbac-certificates.yaml', 'src/deploy/rbac.ts', selfSignedRbac(names, labels, kinds).map((object) => ({ object }))),
    file('overlays/self-signed/deployment-patch.yaml', 'src/deploy/overlays.ts', [{ object: deploymentPatch(names, SELF_SIGNED_ARGS) }]),
    file('overlays/self-signed/kustomization.yaml', 'src/deploy/files.ts', [{
      object: kustomization(['../../base', 'rbac-certificates.yaml'], ['deployment-patch.yaml']),
    }]),
  ];

  const controller = [
    file('controller/rbac.yaml', 'src/deploy/controller.ts', controllerRbac(names, labels).map((object) => ({ object }))),
    file('controller/deployment.yaml', 'src/deploy/controller.ts', [controllerDeployment(names, labels)]),
    file('controller/kustomization.yaml', 'src/deploy/files.ts', [{ object: kustomization(['rbac.yaml', 'deployment.yaml']) }]),
  ];

  const certManager = [
    file('overlays/cert-manager/certificates.yaml', 'src/deploy/overlays.ts', certManagerResources(names, labels).map((object) => ({ object }))),
    file('overlays/cert-manager/deployment-patch.yaml', 'src/deploy/overlays.ts', [{
      object: deploymentPatch(names, certManagerArgs(names), names.certManager.servingSecret),
    }]),
    file('overlays/cert-manager/patches/validating-webhook-configuration.yaml', 'src/deploy/overlays.ts', [{ object: injection.webhook }]),
    ...injection.crds.map((patch, index) => file(`overlays/cert-manager/${crdPatchFiles[index]}`, 'src/deploy/overlays.ts', [{ object: patch }])),
    file('overlays/cert-manager/kustomization.yaml', 'src/deploy/files.ts', [{
      object: kustomization(['../../base', 'certificates.yaml'], [
        'deployment-patch.yaml',
        'patches/validating-webhook-configuration.yaml',
        ...crdPatchFiles,
      ]),
    }]),
  ];

  return [...crdFiles(names, kinds), ...base, ...selfSigned, ...certManager, ...controller];
}
