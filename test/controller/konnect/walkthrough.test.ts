// The seed walkthrough end to end against the Kubernetes API test server and the fake Konnect:
// auth valid, control plane created with ID and endpoints, KongService and KongRoute Programmed,
// a host changed in Konnect reverted at the next sync, deletion in Kubernetes removes the entity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { sharedPath, SHARED_MISSING } from '../../support/shared.ts';
import { convertObject } from '../../../src/conversion/convert.ts';
import { authResource, controlPlaneResource, entityKindByName } from '../../../src/controller/konnect/index.ts';
import type { KubeObject } from '../../../src/controller/runtime/types.ts';
import { condition, eventually, getObject, konnectStatus, startEnv } from './helpers.ts';

const services = entityKindByName.get('KongService')!.resource;
const routes = entityKindByName.get('KongRoute')!.resource;

function load(dir: string, file: string): KubeObject {
  return parseYaml(readFileSync(`${dir}/${file}`, 'utf8')) as KubeObject;
}

test('seed walkthrough: auth, control plane, service and route programmed; drift reverted; deletion cleans Konnect', async (t) => {
  const dir = sharedPath('examples', 'walkthrough');
  if (!dir) return t.skip(SHARED_MISSING);
  const env = await startEnv();
  t.after(env.close);
  const auth = load(dir, '01-auth.yaml');
  env.fake.addToken((auth.spec as { token: string }).token);
  const cp = convertObject(load(dir, '02-control-plane.yaml'), 'konnect.konghq.com/v1alpha2') as KubeObject;
  await env.kube.create(authResource, auth);
  await env.kube.create(controlPlaneResource, cp);
  await env.kube.create(services, load(dir, '07-kong-service.yaml'));
  await env.kube.create(routes, load(dir, '08-kong-route.yaml'));

  const authObj = await eventually(async () => {
    const o = await getObject(env.kube, authResource, 'default', 'konnect-api-auth');
    assert.equal(condition(o, 'APIAuthValid')?.status, 'True');
    return o!;
  }, 'auth valid');
  const authStatus = authObj.status as { organizationID: string; serverURL: string };
  assert.equal(condition(authObj, 'APIAuthValid')?.message, 'Token is valid');
  assert.equal(authStatus.serverURL, 'https://us.api.konghq.com');
  assert.match(authStatus.organizationID, /^[0-9a-f-]{36}$/);

  const cpObj = await eventually(async () => {
    const o = await getObject(env.kube, controlPlaneResource, 'default', 'gateway-control-plane');
    assert.equal(condition(o, 'Programmed')?.status, 'True');
    return o!;
  }, 'control plane programmed');
  const cpStatus = cpObj.status as { id: string; organizationID: string; konnectEndpoints: { controlPlane: string; telemetry: string } };
  const konnectCp = env.fake.state.controlPlane(cpStatus.id);
  assert.equal(konnectCp?.name, 'konnect-cp-crd');
  assert.equal(konnectCp?.labels['k8s-uid'], cpObj.metadata.uid);
  assert.equal(cpStatus.organizationID, authStatus.organizationID);
  assert.match(cpStatus.konnectEndpoints.controlPlane, /^https:\/\/.+\.cp0\.konghq\.com$/);
  assert.match(cpStatus.konnectEndpoints.telemetry, /^https:\/\/.+\.tp0\.konghq\.com$/);
  assert.equal(condition(cpObj, 'APIAuthValid')?.reason, 'Valid');

  const route = await eventually(async () => {
    const o = await getObject(env.kube, routes, 'default', 'httpbin-rt');
    assert.equal(condition(o, 'Programmed')?.status, 'True');
    return o!;
  }, 'route programmed');
  const service = (await getObject(env.kube, services, 'default', 'httpbin-svc'))!;
  assert.equal(condition(service, 'Programmed')?.status, 'True');
  assert.equal(condition(service, 'ControlPlaneRefValid')?.message, 'Referenced ControlPlane default/gateway-control-plane is programmed');
  assert.equal(condition(route, 'KongServiceRefValid')?.status, 'True');
  const svcId = konnectStatus(service).id!;
  assert.equal(konnectStatus(route).serviceID, svcId);
  assert.equal(konnectStatus(route).controlPlaneID, cpStatus.id);
  const stored = env.fake.state.entitiesWithTag(cpStatus.id, 'services', `k8s-uid:${service.metadata.uid}`);
  assert.equal(stored.length, 1);
  assert.equal(stored[0]!.host, 'httpbin.org');
  assert.ok((stored[0]!.tags as string[]).includes('k8s-kind:KongService'));
  const storedRoute = env.fake.state.entitiesWithTag(cpStatus.id, 'routes', `k8s-uid:${route.metadata.uid}`)[0]!;
  assert.deepEqual(storedRoute.paths, ['/httpbin']);
  assert.deepEqual((storedRoute.service as { id: string }).id, svcId);

  // A change made in Konnect (the UI) is reverted at the next sync, with one PUT.
  const putsBefore = env.fake.requests({ method: 'PUT', path: `/services/${svcId}` }).length;
  env.fake.state.patchEntity(cpStatus.id, 'services', svcId, { host: 'changed-in-ui.example' });
  await eventually(() => assert.equal(env.fake.state.entitiesWithTag(cpStatus.id, 'services', `k8s-uid:${service.metadata.uid}`)[0]!.host, 'httpbin.org'), 'drift reverted', 5_000);
  assert.equal(env.fake.requests({ method: 'PUT', path: `/services/${svcId}` }).length, putsBefore + 1);
  assert.equal(env.fake.requests({ method: 'PUT', path: '/routes/' }).length, 0, 'the route did not drift: never written');

  // Deleting in Kubernetes removes the entity from Konnect, then the object goes.
  await env.kube.delete(routes, 'default', 'httpbin-rt');
  await eventually(async () => assert.equal(await getObject(env.kube, routes, 'default', 'httpbin-rt'), undefined), 'route deleted');
  assert.equal(env.fake.state.entitiesWithTag(cpStatus.id, 'routes', `k8s-uid:${route.metadata.uid}`).length, 0);
  assert.equal(env.fake.state.entitiesWithTag(cpStatus.id, 'services', `k8s-uid:${service.metadata.uid}`).length, 1, 'the service stays');
});
