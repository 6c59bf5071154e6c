// Table-driven manifest checks for the configuration.konghq.com kinds' tests: each case is an
// object (and the old one for UPDATE) with the exact rendered errors expected, in order.
import { RULES_NOT_CHECKED } from '../../../src/validation/engine.ts';

export { patched, runManifestCases as runCases, type ManifestCase as KindCase } from '../../support/manifest-cases.ts';

/** `status` of an entity Kong has programmed (what the "immutable when Programmed" rules read). */
export const programmedStatus = {
  conditions: [
    { type: 'Programmed', status: 'True', reason: 'Programmed', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' },
  ],
};

/** `status` of an entity not programmed yet. */
export const pendingStatus = {
  conditions: [
    { type: 'Programmed', status: 'False', reason: 'Pending', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' },
  ],
};

export { ruleError } from '../../support/manifest-cases.ts';

/** Schema errors as the apiserver reports them: followed by the note that CEL rules were skipped. */
export function schemaErrors(...messages: string[]): string[] {
  return [...messages, `<nil>: Invalid value: "null": ${RULES_NOT_CHECKED}`];
}
