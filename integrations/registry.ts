import type { System } from '../domain/systems.js';
import type { SideCapabilities } from './port.js';
import { qboCapabilities } from './qbo/quantity-side.js';
import { zuperCapabilities } from './zuper/quantity-side.js';

/** Every system the sync can connect, by what it can do; a new system registers here (docs/sides.md). */
const capabilities: Record<System, SideCapabilities> = { qbo: qboCapabilities, zuper: zuperCapabilities };

export const capabilitiesOf = (system: System): SideCapabilities => capabilities[system];
