// The GatewayClass and Gateway schemas against the upstream standard-channel CRDs in
// ../shared: every property, bound, pattern, default, list type, extra keyword and CEL rule
// (descriptions aside), plus names, scope, versions and printer columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { findKind } from '../../../src/api/registry.ts';
import type { VersionDefinition } from '../../../src/api/types.ts';
import { toOpenApi } from '../../../src/validation/openapi.ts';
import { SHARED_MISSING, sharedPath } from '../../support/shared.ts';

/** Drops documentation and orders keys and `required` lists so two schemas compare structurally. */
function normalise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalise);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    const value = (node as Record<string, unknown>)[key];
    if (key === 'description' && typeof value === 'string') continue;
    out[key] = key === 'required' && Array.isArray(value) ? [...value].sort() : normalise(value);
  }
  return out;
}

/** Every path where the two trees differ, for a readable failure. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return [`${path || '<root>'}: ours ${JSON.stringify(a)?.slice(0, 300)} upstream ${JSON.stringify(b)?.slice(0, 300)}`];
}

interface UpstreamCrd {
  spec: {
    scope: string;
    names: Record<string, unknown>;
    versions: Array<{ name: string; served: boolean; storage: boolean; deprecated?: boolean; subresources?: { status?: unknown }; additionalPrinterColumns?: unknown; schema: { openAPIV3Schema: unknown } }>;
  };
}

for (const [file, kindName] of [
  ['gateway.networking.k8s.io_gatewayclasses.yaml', 'GatewayClass'],
  ['gateway.networking.k8s.io_gateways.yaml', 'Gateway'],
] as const) {
  test(`${kindName} matches the upstream standard-channel CRD`, (t) => {
    const crdPath = sharedPath('reference', 'crds', 'gateway-api', file);
    if (!crdPath) return t.skip(SHARED_MISSING);
    const crd = parse(readFileSync(crdPath, 'utf8')) as UpstreamCrd;
    const kind = findKind('gateway.networking.k8s.io', kindName);
    assert.ok(kind, `${kindName} is registered`);
    assert.equal(kind.generateCrd, false);
    assert.equal(kind.scope, crd.spec.scope);
    assert.deepEqual(
      { kind: kind.kind, plural: kind.plural, singular: kind.singular, listKind: kind.listKind, shortNames: kind.shortNames, categories: kind.categories },
      crd.spec.names,
    );
    assert.deepEqual(kind.versions.map((v) => v.name), crd.spec.versions.map((v) => v.name));
    for (const upstream of crd.spec.versions) {
      const ours: VersionDefinition = kind.versions.find((v) => v.name === upstream.name)!;
      assert.equal(ours.served, upstream.served, `${upstream.name} served`);
      assert.equal(ours.storage, upstream.storage, `${upstream.name} storage`);
      assert.equal(Boolean(ours.deprecated), Boolean(upstream.deprecated), `${upstream.name} deprecated`);
      assert.equal(Boolean(ours.subresources?.status), Boolean(upstream.subresources?.status), `${upstream.name} status subresource`);
      assert.deepEqual(ours.printerColumns, upstream.additionalPrinterColumns, `${upstream.name} printer columns`);
      const diff = differences(normalise(toOpenApi(ours.schema)), normalise(upstream.schema.openAPIV3Schema));
      assert.deepEqual(diff, [], `${kindName} ${upstream.name} schema differs:\n${diff.join('\n')}`);
    }
  });
}
