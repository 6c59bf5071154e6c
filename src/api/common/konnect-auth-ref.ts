// `konnect.authRef`: the KonnectAPIAuthConfiguration a Konnect-backed object authenticates with.
import { z } from 'zod';

/** `{name}` (name at least 1 character): the newest CRDs' KonnectAPIAuthConfigurationRef. */
export const konnectAuthRef = z.object({ name: z.string().min(1) });

/** `{name, namespace?}` (both at least 1 character): the namespaced auth reference. */
export const konnectNamespacedAuthRef = z.object({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
});

/** `spec.konnect` of kinds that talk to Konnect directly: `{authRef}` (required). */
export const konnectConfiguration = z.object({ authRef: konnectAuthRef });
