/**
 * An item or category name as matching compares it: case and surrounding spaces aside. A side whose system decorates
 * names (one renames inactive items "<name> (deleted)") hands linking the name without it.
 */
export const comparableName = (name: string) => name.trim().toLowerCase();
