// The rendered deploy/ manifests agree with each other and with the code, in the base and
// in both overlays (built with a tiny kustomize): names, ports, paths and selectors across
// Service, Deployment, PDB, NetworkPolicy, webhook configuration, RBAC and the CRDs'
// conversion clientConfig; the webhook rules equal the validators kongward runs.
import { test } from 'node:test';
import { referenceWebhookRules } from '../../src/references/index.ts';
import assert from 'node:assert/strict';
import path from 'node:path';
import { findKind, findVersion, splitApiVersion } from '../../src/api/registry.ts';
import { serveFlags } from '../../src/cli/serve.ts';
import { defaultNames } from '../../src/deploy/names.ts';
import { buildValidators } from '../../src/webhooks/admission/default-validators.ts';
import { validate } from '../../src/validation/engine.ts';
import { formatFieldError } from '../../src/validation/field-error.ts';
import { repoRoot } from '../support/shared.ts';
import { build, readDocuments, yamlFilesUnder, type KubeObject } from './kustomize.ts';

const deployDir = path.join(repoRoot, 'deploy');
const builds = {
  base: build(path.join(deployDir, 'base')),
  'self-signed': build(path.join(deployDir, 'overlays', 'self-signed')),
  'cert-manager': build(path.join(deployDir, 'overlays', 'cert-manager')),
};
/** The optional controller component (checked in controller.test.ts). */
const controllerBuild = build(path.join(deployDir, 'controller'));

const one = (objects: KubeObject[], kind: string, name?: string) => {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  assert.equal(found.length, 1, `expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0]!;
};
const all = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
const flagValue = (args: string[], flag: string) => args.find((a) => a.startsWith(`--${flag}=`))?.slice(flag.length + 3);
const matchesLabels = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Every cross-object fact that must hold whatever the overlay; returns the broken ones. */
function problemsOf(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => void (ok || problems.push(message));
  const deployment = one(objects, 'Deployment');
  const service = one(objects, 'Service');
  const pod = deployment.spec.template;
  const container = pod.spec.containers.find((c: KubeObject) => c.name === 'webhook');
  const args: string[] = container.args;
  const ports = new Map<string | number, number>(container.ports.flatMap((p: KubeObject) => [[p.name, p.containerPort], [p.containerPort, p.containerPort]]));
  const webhookPort = Number(flagValue(args, 'port'));
  const probePort = Number(flagValue(args, 'probe-port'));

  check(args[0] === 'serve', `container args must start with the serve command: ${args.join(' ')}`);
  for (const arg of args.slice(1)) {
    const name = /^--([a-z-]+)/.exec(arg)?.[1];
    check(!!name && name in serveFlags, `argument ${arg} is not a kongward serve flag`);
  }
  check(ports.get('webhook') === webhookPort, `container port "webhook" (${ports.get('webhook')}) != --port ${webhookPort}`);
  check(ports.get('probes') === probePort, `container port "probes" (${ports.get('probes')}) != --probe-port ${probePort}`);
  check(flagValue(args, 'service') === service.metadata.name, `--service ${flagValue(args, 'service')} != Service ${service.metadata.name}`);
  check(flagValue(args, 'namespace') === service.metadata.namespace, `--namespace != Service namespace`);
  check(deployment.metadata.namespace === service.metadata.namespace, 'Deployment and Service in different namespaces');
  const grace = pod.spec.terminationGracePeriodSeconds;
  const drain = Number(flagValue(args, 'shutdown-delay')) + Number(flagValue(args, 'shutdown-timeout'));
  check(drain >= 5 && grace > drain, `terminationGracePeriodSeconds ${grace} must exceed --shutdown-delay + --shutdown-timeout (${drain})`);
  for (const [probe, expectedPath] of [['readinessProbe', '/readyz'], ['livenessProbe', '/healthz']] as const) {
    const get = container[probe]?.httpGet;
    check(get?.path === expectedPath && ports.get(get.port) === probePort, `${probe} must GET ${expectedPath} on the probe port ${probePort}`);
  }

  const podLabels = pod.metadata.labels;
  check(matchesLabels(deployment.spec.selector.matchLabels, podLabels), 'Deployment selector does not match its pod labels');
  check(matchesLabels(service.spec.selector, podLabels), 'Service selector does not match the pods');
  check(matchesLabels(one(objects, 'PodDisruptionBudget').spec.selector.matchLabels, podLabels), 'PDB selector does not match the pods');
  const policy = one(objects, 'NetworkPolicy');
  check(matchesLabels(policy.spec.podSelector.matchLabels, podLabels), 'NetworkPolicy podSelector does not match the pods');
  const allowed = policy.spec.ingress.filter((rule: KubeObject) => !rule.from).flatMap((rule: KubeObject) => rule.ports.map((p: KubeObject) => p.port));
  check(allowed.includes(webhookPort) && allowed.includes(probePort), `NetworkPolicy must admit ${webhookPort} and ${probePort} from anywhere; admits ${allowed}`);

  const servicePort = service.spec.ports.find((p: KubeObject) => ports.get(p.targetPort) === webhookPort);
  check(!!servicePort, `no Service port targets the webhook port ${webhookPort}`);
  const expectService = (where: string, ref: KubeObject | undefined, pathExpected: string) => {
    check(ref?.name === service.metadata.name && ref?.namespace === service.metadata.namespace, `${where}: service ${ref?.namespace}/${ref?.name} is not ${service.metadata.namespace}/${service.metadata.name}`);
    check(ref?.port === servicePort?.port, `${where}: port ${ref?.port} is not the Service port ${servicePort?.port}`);
    check(ref?.path === pathExpected, `${where}: path ${ref?.path} is not ${pathExpected}`);
  };
  const webhookConfiguration = one(objects, 'ValidatingWebhookConfiguration');
  const username = `system:serviceaccount:${deployment.metadata.namespace}:${pod.spec.serviceAccountName}`;
  for (const webhook of webhookConfiguration.webhooks) {
    expectService(`webhook ${webhook.name}`, webhook.clientConfig.service, '/validate');
    check(webhook.sideEffects === 'None' && webhook.matchPolicy === 'Equivalent', `webhook ${webhook.name}: sideEffects None and matchPolicy Equivalent`);
    check(['Fail', 'Ignore'].includes(webhook.failurePolicy) && webhook.timeoutSeconds >= 1 && webhook.timeoutSeconds <= 30, `webhook ${webhook.name}: explicit failurePolicy and timeoutSeconds 1-30`);
    check(JSON.stringify(webhook.admissionReviewVersions) === '["v1"]', `webhook ${webhook.name}: admissionReviewVersions [v1]`);
    check(webhook.matchConditions?.some((c: KubeObject) => c.expression === `request.userInfo.username != '${username}'`), `webhook ${webhook.name}: no matchCondition skipping ${username}`);
    const exprs = webhook.namespaceSelector?.matchExpressions ?? [];
    check(exprs.some((e: KubeObject) => e.key === defaultNames.optOutLabel && e.operator === 'NotIn' && e.values.includes('disabled')), `webhook ${webhook.name}: no opt-out label`);
    check(exprs.some((e: KubeObject) => e.key === 'kubernetes.io/metadata.name' && e.operator === 'NotIn' && e.values.includes('kube-system')), `webhook ${webhook.name}: kube-system not excluded`);
    for (const rule of webhook.rules) check(![...rule.apiGroups, ...rule.resources, ...rule.apiVersions].includes('*'), `webhook ${webhook.name}: wildcard rule`);
  }
  for (const crd of all(objects, 'CustomResourceDefinition')) {
    const multiVersion = crd.spec.versions.length > 1;
    check(multiVersion === (crd.spec.conversion?.strategy === 'Webhook'), `${crd.metadata.name}: conversion webhook iff more than one version`);
    if (crd.spec.conversion) expectService(`${crd.metadata.name} conversion`, crd.spec.conversion.webhook.clientConfig.service, '/convert');
  }

  const serviceAccount = one(objects, 'ServiceAccount', pod.spec.serviceAccountName);
  check(serviceAccount.metadata.namespace === deployment.metadata.namespace, 'ServiceAccount not in the Deployment namespace');
  for (const binding of [...all(objects, 'ClusterRoleBinding'), ...all(objects, 'RoleBinding')]) {
    const roleKind = binding.roleRef.kind;
    check(objects.some((o) => o.kind === roleKind && o.metadata.name === binding.roleRef.name && (roleKind === 'ClusterRole' || o.metadata.namespace === binding.metadata.namespace)), `${binding.kind} ${binding.metadata.name}: ${roleKind} ${binding.roleRef.name} missing`);
    check(binding.subjects.every((s: KubeObject) => s.kind === 'ServiceAccount' && s.name === serviceAccount.metadata.name && s.namespace === serviceAccount.metadata.namespace), `${binding.kind} ${binding.metadata.name}: subjects are not kongward's ServiceAccount`);
  }
  for (const role of [...all(objects, 'ClusterRole'), ...all(objects, 'Role')]) {
    for (const rule of role.rules) {
      const values = [...rule.apiGroups, ...rule.resources, ...rule.verbs, ...(rule.resourceNames ?? [])];
      check(!values.includes('*'), `${role.kind} ${role.metadata.name}: wildcard in ${JSON.stringify(rule)}`);
      const writes = rule.verbs.filter((v: string) => !['get', 'list', 'watch'].includes(v));
      check(writes.length === 0 || rule.resourceNames?.length || (writes.length === 1 && writes[0] === 'create'), `${role.kind} ${role.metadata.name}: writes without resourceNames in ${JSON.stringify(rule)}`);
    }
  }
  return problems;
}

for (const [name, result] of Object.entries(builds)) {
  test(`${name}: Service, Deployment, probes, NetworkPolicy, PDB, webhook configuration, CRD conversion and RBAC agree`, () => {
    assert.deepEqual(problemsOf(result.objects), []);
  });
}

test('the cross-object checks catch broken names, ports, paths, selectors and RBAC', () => {
  const objects = structuredClone(builds['self-signed'].objects);
  one(objects, 'Service').spec.selector = { app: 'other' };
  one(objects, 'Service').spec.ports[0].port = 8443;
  one(objects, 'Deployment').spec.template.spec.containers[0].args.push('--no-such-flag=1');
  one(objects, 'Deployment').spec.template.spec.terminationGracePeriodSeconds = 10;
  one(objects, 'NetworkPolicy').spec.ingress = [];
  one(objects, 'ValidatingWebhookConfiguration').webhooks[0].clientConfig.service.name = 'typo';
  one(objects, 'ValidatingWebhookConfiguration').webhooks[0].matchConditions = [];
  one(objects, 'CustomResourceDefinition', 'controlplanes.gateway-operator.konghq.com').spec.conversion.webhook.clientConfig.service.path = '/validate';
  one(objects, 'Role').rules.push({ apiGroups: [''], resources: ['secrets'], verbs: ['delete'] });
  one(objects, 'ClusterRole', 'kongward-webhook').rules.push({ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] });
  const problems = problemsOf(objects).join('\n');
  for (const expected of [
    /Service selector does not match the pods/,
    /argument --no-such-flag=1 is not a kongward serve flag/,
    /terminationGracePeriodSeconds 10 must exceed/,
    /NetworkPolicy must admit 8443 and 8080/,
    /webhook validate\.konghq\.kongward\.dev: service kongward-system\/typo is not kongward-system\/kongward-webhook/,
    /webhook validate\.gateway-api\.kongward\.dev: port 443 is not the Service port 8443/,
    /no matchCondition skipping system:serviceaccount:kongward-system:kongward/,
    /controlplanes\.gateway-operator\.konghq\.com conversion: path \/validate is not \/convert/,
    /Role kongward-certificates: writes without resourceNames/,
    /ClusterRole kongward-webhook: wildcard/,
  ]) assert.match(problems, expected);
});

test('every YAML file under deploy/ is used by a kustomization (nothing generated and forgotten)', () => {
  const used = new Set([...Object.values(builds), controllerBuild].flatMap((b) => b.files));
  const unused = yamlFilesUnder(deployDir).filter((f) => !used.has(f)).map((f) => path.relative(repoRoot, f));
  assert.deepEqual(unused, []);
});

test('the webhook configuration lists exactly the (group, version, resource)s kongward validates, with DELETE only where reference checks need it', () => {
  const deletes = new Set(referenceWebhookRules().filter((r) => r.operations.includes('DELETE')).flatMap((r) => r.versions.map((v) => `${r.group}/${v}/${r.plural}`)));
  assert.ok(deletes.has('konnect.konghq.com/v1alpha2/konnectgatewaycontrolplanes'));
  const expected = buildValidators().kinds().map((gvk) => `${gvk.group}/${gvk.version}/${findKind(gvk.group, gvk.kind)!.plural}`).sort();
  const configuration = one(builds.base.objects, 'ValidatingWebhookConfiguration');
  const listed: string[] = [];
  for (const webhook of configuration.webhooks) {
    for (const rule of webhook.rules) {
      for (const group of rule.apiGroups) {
        for (const version of rule.apiVersions) {
          for (const resource of rule.resources) {
            const key = `${group}/${version}/${resource}`;
            assert.deepEqual(rule.operations, deletes.has(key) ? ['CREATE', 'UPDATE', 'DELETE'] : ['CREATE', 'UPDATE'], key);
            listed.push(key);
          }
        }
      }
    }
  }
  assert.deepEqual(listed.sort(), expected);
  assert.ok(expected.includes('gateway.networking.k8s.io/v1/gateways') && expected.includes('configuration.konghq.com/v1alpha1/kongservices'));
  const policies = Object.fromEntries(configuration.webhooks.map((w: KubeObject) => [w.name, w.failurePolicy]));
  assert.deepEqual(policies, { 'validate.konghq.kongward.dev': 'Fail', 'validate.gateway-api.kongward.dev': 'Ignore' });
});

test('overlays: self-signed passes --self-signed with the RBAC it needs; cert-manager mounts its Secret and injects the CA', () => {
  const names = defaultNames;
  const ss = builds['self-signed'].objects;
  const ssArgs: string[] = one(ss, 'Deployment').spec.template.spec.containers[0].args;
  assert.ok(ssArgs.includes('--self-signed') && !ssArgs.some((a) => a.startsWith('--cert-dir')));
  const role = one(ss, 'Role');
  assert.ok(role.rules.some((r: KubeObject) => r.resources.includes('secrets') && r.verbs.includes('update') && r.resourceNames.includes(names.selfSigned.servingSecret) && r.resourceNames.includes(names.selfSigned.caSecret)));
  assert.ok(role.rules.some((r: KubeObject) => r.resources.includes('leases') && r.resourceNames?.includes(names.selfSigned.lease)));
  const conversionCrds = all(ss, 'CustomResourceDefinition').filter((c) => c.spec.conversion).map((c) => c.metadata.name).sort();
  const certRules = one(ss, 'ClusterRole', 'kongward-certificates').rules;
  assert.deepEqual(certRules.find((r: KubeObject) => r.resources.includes('customresourcedefinitions')).resourceNames, conversionCrds);
  assert.deepEqual(certRules.find((r: KubeObject) => r.resources.includes('validatingwebhookconfigurations')).resourceNames, [one(ss, 'ValidatingWebhookConfiguration').metadata.name]);
  assert.ok(!builds.base.objects.some((o) => o.kind === 'Role'), 'the base grants no write access');

  const cm = builds['cert-manager'].objects;
  const deployment = one(cm, 'Deployment');
  const container = deployment.spec.template.spec.containers[0];
  const certDir = flagValue(container.args, 'cert-dir');
  const mount = container.volumeMounts.find((m: KubeObject) => m.mountPath === certDir);
  assert.ok(mount?.readOnly, `no read-only volume mounted at --cert-dir ${certDir}`);
  assert.ok(container.volumeMounts.some((m: KubeObject) => m.mountPath === '/tmp'), 'the base /tmp mount survives the patch');
  const volume = deployment.spec.template.spec.volumes.find((v: KubeObject) => v.name === mount.name);
  const serving = all(cm, 'Certificate').find((c) => c.spec.secretName === volume.secret.secretName);
  assert.ok(serving, 'the mounted Secret is written by a cert-manager Certificate');
  const service = one(cm, 'Service');
  assert.ok(serving.spec.dnsNames.includes(`${service.metadata.name}.${service.metadata.namespace}.svc`));
  const issuers = new Set(all(cm, 'Issuer').map((i) => i.metadata.name));
  for (const certificate of all(cm, 'Certificate')) assert.ok(issuers.has(certificate.spec.issuerRef.name), `issuer of ${certificate.metadata.name}`);
  assert.equal(one(cm, 'Issuer', serving.spec.issuerRef.name).spec.ca.secretName, all(cm, 'Certificate').find((c) => c.spec.isCA)!.spec.secretName);
  const injectFrom = `${serving.metadata.namespace}/${serving.metadata.name}`;
  assert.equal(one(cm, 'ValidatingWebhookConfiguration').metadata.annotations['cert-manager.io/inject-ca-from'], injectFrom);
  for (const crd of all(cm, 'CustomResourceDefinition')) {
    assert.equal(crd.metadata.annotations?.['cert-manager.io/inject-ca-from'], crd.spec.conversion ? injectFrom : undefined, crd.metadata.name);
  }
});

test('names.ts agrees with kongward serve flag defaults', () => {
  assert.equal(Number(serveFlags.port.default), defaultNames.webhookPort);
  assert.equal(Number(serveFlags['probe-port'].default), defaultNames.probePort);
  assert.equal(serveFlags.service.default, defaultNames.service);
  assert.equal(serveFlags.namespace.default, defaultNames.namespace);
});

test('every kongward-kind document under deploy/ passes the engine', (t) => {
  let checked = 0;
  const failures: string[] = [];
  for (const file of yamlFilesUnder(deployDir)) {
    for (const doc of readDocuments(file)) {
      if (typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string') continue;
      const target = findVersion({ ...splitApiVersion(doc.apiVersion), kind: doc.kind });
      if (!target) continue;
      checked++;
      const result = validate(target, { operation: 'CREATE', object: doc }, { unknownFields: 'error' });
      for (const error of result.errors) failures.push(`${path.relative(repoRoot, file)} ${doc.kind}/${doc.metadata?.name}: ${formatFieldError(error)}`);
    }
  }
  t.diagnostic(`kongward-kind documents checked: ${checked}`);
  assert.deepEqual(failures, []);
});
