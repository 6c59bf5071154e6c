// The operator's PodDisruptionBudgetSpec: policyv1 fields plus the rule that exactly one of
// minAvailable / maxUnavailable is set.
import { z } from 'zod';
import { cel, intOrString, withRules } from '../../kit.ts';

/** `resources.podDisruptionBudget.spec` in DataPlane / GatewayConfiguration. */
export const podDisruptionBudgetSpec = withRules(
  z.object({
    maxUnavailable: intOrString().optional(),
    minAvailable: intOrString().optional(),
    unhealthyPodEvictionPolicy: z.string().optional(),
  }),
  cel(
    '(has(self.minAvailable) && !has(self.maxUnavailable)) || (!has(self.minAvailable) && has(self.maxUnavailable))',
    'You can specify only one of maxUnavailable and minAvailable in a single PodDisruptionBudgetSpec.',
  ),
);
