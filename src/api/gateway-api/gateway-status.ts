// Gateway `status`: addresses, conditions (Accepted and Programmed start Pending) and listeners.
import { z } from 'zod';
import { atomicList, cel, integer, k8s, listMap, withRules } from '../kit.ts';
import { addressOneOf, addressType } from './gateway-spec.ts';
import { conditionList, routeGroupKind, sectionName, waitingFor } from './shared.ts';

const hostnameValue = String.raw`^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`;

const statusAddress = withRules(
  k8s(z.object({ type: addressType(), value: z.string().min(1).max(253) }), { openapi: { oneOf: addressOneOf } }),
  cel(
    `self.type == 'Hostname' ? self.value.matches(r"""${hostnameValue}"""): true`,
    `Hostname value must only contain valid characters (matching ${hostnameValue})`,
  ),
);

const listenerStatus = z.object({
  attachedRoutes: integer('int32'),
  conditions: conditionList(),
  name: sectionName(),
  supportedKinds: atomicList(routeGroupKind).max(8).optional(),
});

const pending = [waitingFor('Accepted'), waitingFor('Programmed')];

export const gatewayStatus = z
  .object({
    addresses: atomicList(statusAddress).max(16).optional(),
    attachedListenerSets: integer('int32').optional(),
    conditions: conditionList().default(pending),
    listeners: listMap(listenerStatus, ['name']).max(64).optional(),
  })
  .default({ conditions: pending } as never);
