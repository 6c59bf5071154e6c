// The core Kubernetes types must expand to exactly what controller-gen put into the reference
// gateway-operator.konghq.com CRDs (descriptions aside): same properties, types, formats,
// required lists, defaults, list/map types, list-map keys, int-or-string and patterns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { toOpenApi } from '../../../src/validation/openapi.ts';
import { horizontalScaling, podDisruptionBudgetSpec, podTemplateSpec } from '../../../src/api/common/core/index.ts';
import { SHARED_MISSING, sharedPath } from '../../support/shared.ts';

type Json = unknown;

function withoutDescriptions(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'description').map(([k, v]) => [k, withoutDescriptions(v)]));
  }
  return node;
}

/** Every difference as `path: ours ... reference ...`, so a failure names the exact node. */
function differences(ours: Json, reference: Json, path = ''): string[] {
  const show = (v: Json) => JSON.stringify(v)?.slice(0, 120);
  if (typeof ours !== typeof reference || Array.isArray(ours) !== Array.isArray(reference) || (ours === null) !== (reference === null)) {
    return [`${path || '<root>'}: ours ${show(ours)}, reference ${show(reference)}`];
  }
  if (ours && typeof ours === 'object') {
    const a = ours as Record<string, Json>;
    const b = reference as Record<string, Json>;
    const out: string[] = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in a)) out.push(`${path}.${key}: missing (reference ${show(b[key])})`);
      else if (!(key in b)) out.push(`${path}.${key}: not in reference (ours ${show(a[key])})`);
      else out.push(...differences(a[key], b[key], `${path}.${key}`));
    }
    return out;
  }
  return ours === reference ? [] : [`${path}: ours ${show(ours)}, reference ${show(reference)}`];
}

interface Crd { spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: Json } }> } }

function loadCrd(file: string): Crd | undefined {
  const full = sharedPath('reference', 'crds', 'kong', file);
  return full ? (parse(readFileSync(full, 'utf8')) as Crd) : undefined;
}

/** The schema node at a dotted property path (`spec.deployment.podTemplateSpec`). */
function nodeAt(crd: Crd, version: string, dotted: string): Json {
  const v = crd.spec.versions.find((x) => x.name === version);
  assert.ok(v, `version ${version} not in CRD`);
  let node = v.schema.openAPIV3Schema as { properties?: Record<string, Json> };
  for (const part of dotted.split('.')) {
    const next = node.properties?.[part];
    assert.ok(next, `${version} ${dotted}: no property ${part}`);
    node = next as typeof node;
  }
  return withoutDescriptions(node);
}

function assertSame(schema: z.ZodType, reference: Json): void {
  const diff = differences(toOpenApi(schema), reference);
  assert.deepEqual(diff, [], `${diff.length} difference(s):\n${diff.slice(0, 40).join('\n')}`);
}

const dataPlaneCrd = 'gateway-operator.konghq.com_dataplanes.yaml';
const gatewayConfigurationCrd = 'gateway-operator.konghq.com_gatewayconfigurations.yaml';

test('DataPlane v1beta1 expansions: PodTemplateSpec, HorizontalScaling, PodDisruptionBudgetSpec', (t) => {
  const crd = loadCrd(dataPlaneCrd);
  if (!crd) return t.skip(SHARED_MISSING);
  assertSame(podTemplateSpec, nodeAt(crd, 'v1beta1', 'spec.deployment.podTemplateSpec'));
  assertSame(horizontalScaling(), nodeAt(crd, 'v1beta1', 'spec.deployment.scaling.horizontal'));
  assertSame(podDisruptionBudgetSpec, nodeAt(crd, 'v1beta1', 'spec.resources.podDisruptionBudget.spec'));
});

test('GatewayConfiguration expansions are the same types (v2beta1 caps metrics at 8)', (t) => {
  const crd = loadCrd(gatewayConfigurationCrd);
  if (!crd) return t.skip(SHARED_MISSING);
  assertSame(podTemplateSpec, nodeAt(crd, 'v1beta1', 'spec.controlPlaneOptions.deployment.podTemplateSpec'));
  assertSame(podTemplateSpec, nodeAt(crd, 'v1beta1', 'spec.dataPlaneOptions.deployment.podTemplateSpec'));
  assertSame(podTemplateSpec, nodeAt(crd, 'v2beta1', 'spec.dataPlaneOptions.deployment.podTemplateSpec'));
  assertSame(horizontalScaling(), nodeAt(crd, 'v1beta1', 'spec.dataPlaneOptions.deployment.scaling.horizontal'));
  assertSame(horizontalScaling({ maxMetrics: 8 }), nodeAt(crd, 'v2beta1', 'spec.dataPlaneOptions.deployment.scaling.horizontal'));
  assertSame(podDisruptionBudgetSpec, nodeAt(crd, 'v2beta1', 'spec.dataPlaneOptions.resources.podDisruptionBudget.spec'));
});

test('the comparison itself reports a changed node', () => {
  const diff = differences({ type: 'object', properties: { a: { type: 'string', default: 'TCP' } } },
    { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } });
  assert.deepEqual(diff, ['.properties.a.default: not in reference (ours "TCP")', '.properties.b: missing (reference {"type":"integer"})']);
});
