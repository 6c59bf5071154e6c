// Property-based round trips for every converted kind, both directions, over objects generated
// from each version's schema (test/support/arbitrary) biased by conversion-hints.ts:
//   - from -> to -> from gives back the original exactly (the raw object and its defaulted form);
//   - metadata other than annotations is byte-for-byte untouched, other annotations too;
//   - converting to the same version is the identity;
//   - a source the engine accepts converts to an object the engine accepts under the target.
// Fixed seed; override with KONGWARD_FC_SEED / KONGWARD_FC_RUNS to explore or reproduce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findVersion } from '../../src/api/registry.ts';
import { convertObject } from '../../src/conversion/convert.ts';
import { CONVERSION_ANNOTATION_PREFIX } from '../../src/conversion/lossless.ts';
import { conversions } from '../../src/conversion/registry.ts';
import { ConversionError } from '../../src/conversion/types.ts';
import { compileSchema } from '../../src/validation/structural.ts';
import { arbitraryFromSchema } from '../support/arbitrary/schema.ts';
import { checkManifest } from '../support/validate.ts';
import { conversionHints } from './conversion-hints.ts';

const SEED = Number(process.env.KONGWARD_FC_SEED ?? 20251122);
const NUM_RUNS = Number(process.env.KONGWARD_FC_RUNS ?? 200);
type Obj = Record<string, any>;

function arbitraryFor(group: string, version: string, kind: string): fc.Arbitrary<Obj> {
  const registered = findVersion({ group, version, kind });
  assert.ok(registered, `${kind} ${group}/${version} is registered`);
  const hints = conversionHints[`${group}/${version}/${kind}`] ?? {};
  return arbitraryFromSchema(compileSchema(registered.version.schema), {
    ...hints,
    presence: { ...hints.presence, metadata: 1 }, // the apiserver always sends metadata (name, uid, ...)
    overrides: { ...hints.overrides, apiVersion: fc.constant(`${group}/${version}`), kind: fc.constant(kind) },
    // As decoded from a request body: plain objects (fast-check builds some without a prototype).
  }).map((object) => JSON.parse(JSON.stringify(object)) as Obj);
}

/** Metadata without the conversion stash, serialized (byte-for-byte comparison, key order included). */
function metadataBytes(object: Obj): string {
  const metadata = structuredClone(object.metadata ?? {});
  for (const key of Object.keys(metadata.annotations ?? {})) if (key.startsWith(CONVERSION_ANNOTATION_PREFIX)) delete metadata.annotations[key];
  if (metadata.annotations && Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
  return JSON.stringify(metadata);
}

const extensionsOf = (holder: Obj | undefined): Obj[] => (Array.isArray(holder?.extensions) ? holder.extensions : []);
const refKey = (ref: Obj): string => JSON.stringify([ref.group ?? 'gateway-operator.konghq.com', ref.kind, ref.namespace ?? '', ref.name]);

/**
 * Valid sources the target version's schema is stricter about (bounds tightened between versions).
 * Conversion keeps them readable and exact rather than failing, so the target is not valid
 * (the apiserver does not validate conversion results; ratcheting lets unchanged values stay).
 * Counted in the report, not hidden.
 */
const TIGHTENINGS: Array<{ kind: string; from: string; reason: string; applies: (spec: Obj, status: Obj) => boolean }> = [
  {
    kind: 'GatewayConfiguration', from: 'v1beta1', reason: 'more than 2 extensions in all (v2beta1 spec.extensions holds 2)',
    applies: (spec) => new Set([...extensionsOf(spec), ...extensionsOf(spec.dataPlaneOptions), ...extensionsOf(spec.controlPlaneOptions)].map(refKey)).size > 2,
  },
  {
    kind: 'GatewayConfiguration', from: 'v1beta1', reason: 'pluginsToInstall name empty or over 63 characters (v2beta1 bounds it)',
    applies: (spec) => (spec.dataPlaneOptions?.pluginsToInstall ?? []).some((p: Obj) => !p.name || p.name.length > 63 || p.namespace?.length > 63),
  },
  {
    kind: 'GatewayConfiguration', from: 'v2beta1', reason: 'more than 1 KonnectExtension (v1beta1 spec.extensions holds 1)',
    applies: (spec) => extensionsOf(spec).filter((e) => e.kind !== 'DataPlaneMetricsExtension').length > 1,
  },
  {
    kind: 'KonnectExtension', from: 'v1alpha2', reason: 'status.konnect.clusterType ControlPlaneGroup is not in the v1alpha1 enum',
    applies: (_spec, status) => status.konnect?.clusterType === 'ControlPlaneGroup',
  },
  {
    kind: 'KonnectExtension', from: 'v1alpha1', reason: 'status.konnect.controlPlaneID empty (v1alpha2 requires 1 character)',
    applies: (_spec, status) => status.konnect?.controlPlaneID === '',
  },
];

function unrepresentable(kind: string, from: string, source: Obj): string | undefined {
  return TIGHTENINGS.find((t) => t.kind === kind && t.from === from && t.applies(source.spec ?? {}, source.status ?? {}))?.reason;
}

interface Stats { runs: number; validSources: number; checkedTargets: number; refused: number; unrepresentable: Record<string, number> }

function roundTrip(source: Obj, to: string, from: string): Obj {
  const converted = convertObject(source, to) as Obj;
  assert.equal(converted.apiVersion, to);
  assert.equal(metadataBytes(converted), metadataBytes(source), 'metadata other than the stash is untouched');
  assert.deepEqual(convertObject(converted, from), source, `${from} -> ${to} -> ${from} is exact`);
  return converted;
}

for (const conversion of conversions) {
  const versions = [...Object.keys(conversion.spokes), conversion.hub];
  for (const fromVersion of versions) {
    for (const toVersion of versions.filter((v) => v !== fromVersion)) {
      const { group, kind } = conversion;
      const from = `${group}/${fromVersion}`;
      const to = `${group}/${toVersion}`;
      test(`${kind} ${fromVersion} -> ${toVersion} -> ${fromVersion}: exact, metadata untouched, valid in ${toVersion}`, (t) => {
        const stats: Stats = { runs: 0, validSources: 0, checkedTargets: 0, refused: 0, unrepresentable: {} };
        const property = fc.property(arbitraryFor(group, fromVersion, kind), (source) => {
          stats.runs++;
          assert.deepEqual(convertObject(source, from), source, 'same version is the identity');
          let converted: Obj;
          try {
            converted = roundTrip(source, to, from);
          } catch (error) {
            // Only the spoke -> hub direction may refuse (KIC settings it cannot read); never the hub.
            if (error instanceof ConversionError && fromVersion !== conversion.hub) {
              stats.refused++;
              return;
            }
            throw error;
          }
          const check = checkManifest(source, { unknownFields: 'error' });
          if (check.messages.length) return;
          stats.validSources++;
          const reason = unrepresentable(kind, fromVersion, source);
          if (reason) {
            stats.unrepresentable[reason] = (stats.unrepresentable[reason] ?? 0) + 1;
            return;
          }
          assert.deepEqual(checkManifest(converted, { unknownFields: 'error' }).messages, [], `valid in ${toVersion}`);
          // What the apiserver sends: the stored object, defaulted.
          const defaulted = roundTrip(check.object as Obj, to, from);
          assert.deepEqual(checkManifest(defaulted, { unknownFields: 'error' }).messages, [], `defaulted source: valid in ${toVersion}`);
          stats.checkedTargets++;
        });
        try {
          fc.assert(property, { seed: SEED, numRuns: NUM_RUNS });
        } catch (error) {
          t.diagnostic(`reproduce with KONGWARD_FC_SEED=${SEED} (fast-check prints the failing path above)`);
          throw error;
        }
        t.diagnostic(`${kind} ${fromVersion}->${toVersion}: ${JSON.stringify(stats)}`);
        assert.ok(stats.checkedTargets >= NUM_RUNS / 5, `at least a fifth of the samples were valid and checked (${stats.checkedTargets})`);
      });
    }
  }
}
