// deploy/controller: RBAC follows what the reconcilers reconcile and read; names agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTROLLER, controllerDeployment, controllerRbac } from '../../src/deploy/controller.ts';
import { managedResources, readResources, reconciledResources } from '../../src/deploy/controller-resources.ts';
import { defaultNames, partOfLabels } from '../../src/deploy/names.ts';

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };

const objects = controllerRbac(defaultNames, partOfLabels);
const role = objects.find((o) => o.kind === 'ClusterRole') as { rules: Rule[] };
const allows = (group: string, resource: string, verb: string) =>
  role.rules.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb) && !r.resourceNames);

test('every reconciled kind: watch, update (finalizers, owner references) and status; read-only kinds: watch only', () => {
  const managed = new Set(managedResources().map((r) => `${r.group}/${r.plural}`));
  assert.deepEqual([...managed].sort(), [
    ...['kongcredentialacls', 'kongcredentialapikeys', 'kongcredentialbasicauths', 'kongcredentialhmacs', 'kongcredentialjwts'].map((p) => `configuration.konghq.com/${p}`),
    'gateway-operator.konghq.com/dataplanes',
  ]);
  for (const r of reconciledResources()) {
    for (const verb of ['get', 'list', 'watch', 'update', 'patch']) assert.ok(allows(r.group, r.plural, verb), `${verb} ${r.group}/${r.plural}`);
    assert.ok(allows(r.group, `${r.plural}/status`, 'update'), `status of ${r.plural}`);
    // Only DataPlanes for Gateways and credentials made from KongConsumer `credentials` Secrets are created and deleted.
    const own = managed.has(`${r.group}/${r.plural}`);
    assert.equal(allows(r.group, r.plural, 'delete') && allows(r.group, r.plural, 'create'), own, `create/delete on ${r.plural}: ${own}`);
  }
  for (const r of readResources()) assert.ok(allows(r.group, r.plural, 'watch') && !allows(r.group, r.plural, 'update') || reconciledResources().some((x) => x.plural === r.plural && x.group === r.group), r.plural);
  assert.ok(allows('apps', 'deployments', 'create') && allows('', 'services', 'create') && allows('', 'secrets', 'create'));
  assert.ok(!role.rules.some((r) => r.verbs.includes('*') || r.resources.includes('*') || r.apiGroups.includes('*')), 'no wildcards');
  assert.ok(!role.rules.some((r) => r.verbs.includes('delete') && r.resources.some((p) => !managed.has(`${r.apiGroups[0]}/${p}`))), 'everything else is deleted through owner references');
});

test('the Deployment runs the controller as its ServiceAccount, with the Lease its Role names', () => {
  const { object } = controllerDeployment(defaultNames, partOfLabels) as { object: any };
  const pod = object.spec.template.spec;
  assert.equal(pod.serviceAccountName, CONTROLLER.serviceAccount);
  assert.equal(pod.containers[0].args[0], 'controller');
  assert.ok(pod.containers[0].env.some((e: any) => e.name === 'POD_NAMESPACE' && e.valueFrom.fieldRef.fieldPath === 'metadata.namespace'));
  assert.equal(pod.containers[0].readinessProbe.httpGet.path, '/readyz');
  const leaseRole = objects.find((o) => o.kind === 'Role') as { rules: Rule[] };
  assert.ok(leaseRole.rules.some((r) => r.resourceNames?.includes(CONTROLLER.lease)), 'the Lease the controller takes (kongward controller default name)');
  const binding = objects.find((o) => o.kind === 'ClusterRoleBinding') as any;
  assert.equal(binding.subjects[0].name, CONTROLLER.serviceAccount);
});
