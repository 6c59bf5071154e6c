import assert from 'node:assert/strict';
import { patched, ruleError, runCases, schemaErrors } from './kind-cases.ts';

const entity = {
  apiVersion: 'configuration.konghq.com/v1alpha1',
  kind: 'KongCustomEntity',
  metadata: { name: 'degraphql-route', namespace: 'demo' },
  spec: {
    type: 'degraphql_routes',
    controllerName: 'kong',
    fields: { uri: '/contacts', query: 'query{ contacts { name } }' },
    parentRef: { group: 'configuration.konghq.com', kind: 'KongPlugin', name: 'degraphql' },
  },
};

runCases('KongCustomEntity v1alpha1', [
  { name: 'a custom entity is accepted, fields kept', object: entity, errors: [],
    verify: (r) => assert.deepEqual((r.object?.spec as { fields: unknown }).fields, entity.spec.fields) },
  { name: 'type, controllerName and fields are required', object: patched(entity, { spec: { type: undefined, controllerName: undefined, fields: undefined } }),
    errors: schemaErrors('spec.controllerName: Required value', 'spec.fields: Required value', 'spec.type: Required value') },
  ...['services', 'routes', 'consumer_groups'].map((type) => ({
    name: `type ${type} is a known Kong entity`, object: patched(entity, { spec: { type } }),
    errors: [ruleError('spec', 'The type field cannot be one of the known Kong entity types')],
  })),
  { name: 'parentRef.kind is an enum', object: patched(entity, { spec: { parentRef: { kind: 'KongService' } } }),
    errors: schemaErrors('spec.parentRef.kind: Unsupported value: "KongService": supported values: "KongPlugin", "KongClusterPlugin"') },
  { name: 'type is immutable', object: patched(entity, { spec: { type: 'other_entities' } }), old: entity,
    errors: [ruleError('<nil>', 'The spec.type field is immutable')] },
  { name: 'fields may change', object: patched(entity, { spec: { fields: { uri: '/other' } } }), old: entity, errors: [] },
]);
