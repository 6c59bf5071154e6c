// The reconcilers `kongward controller` runs, registered in one place.
import type { Manager } from './runtime/manager.ts';

export interface ReconcilerOptions {
  /** How often Konnect entities are re-read to repair drift. */
  syncPeriodMs: number;
}

export function registerReconcilers(_manager: Manager, _options: ReconcilerOptions): void {
  // DataPlane provisioning and the Konnect controllers register here as they land.
}
