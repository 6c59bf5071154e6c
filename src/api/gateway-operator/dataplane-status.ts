// DataPlane v1beta1 `status`: addresses, conditions, replicas and the blue/green rollout state.
import { z } from 'zod';
import { integer } from '../kit.ts';
import { conditions } from '../common/conditions.ts';

const address = z.object({
  sourceType: z.string().regex(/^PublicLoadBalancer|PrivateLoadBalancer|PublicIP|PrivateIP$/),
  type: z.string().regex(/^IPAddress|Hostname$/).default('IPAddress'),
  value: z.string().min(1).max(253),
});

const rolloutService = z.object({
  addresses: z.array(address).max(16).optional(),
  name: z.string(),
});

const selector = z.string().min(8).max(512);

export const dataPlaneStatus = z.object({
  addresses: z.array(address).optional(),
  conditions: conditions({ minItems: 1, maxItems: 8 }).optional(),
  // Required and defaulted in the CRD: `.nonoptional()` keeps them in `required`.
  readyReplicas: integer('int32').default(0).nonoptional(),
  replicas: integer('int32').default(0).nonoptional(),
  rollout: z
    .object({
      conditions: conditions({ minItems: 1, maxItems: 8 }).optional(),
      deployment: z.object({ selector: selector.optional() }).optional(),
      services: z
        .object({
          adminAPI: rolloutService.optional(),
          ingress: rolloutService.optional(),
        })
        .optional(),
    })
    .optional(),
  selector: selector.optional(),
  service: z.string().optional(),
});
