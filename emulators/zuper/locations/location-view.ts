import type { LocationRecord } from '../store/types.js';

export function locationView(location: LocationRecord): Record<string, unknown> {
  return { ...location, id: location._id };
}
