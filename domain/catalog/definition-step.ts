import type { Side } from '../sides.js';

/**
 * What a definition change leads to: the master's changes are copied (no link yet) or pushed (linked); changes made
 * on the other side are only reported, as not copied (no link: new items come from the master only) or as
 * ignored (linked: definitions flow from the master).
 */
export type DefinitionStep = 'copy' | 'push' | 'report-not-copied' | 'report-ignored';

const steps: Record<'master' | 'other', Record<'linked' | 'unlinked', DefinitionStep>> = {
  master: { unlinked: 'copy', linked: 'push' },
  other: { unlinked: 'report-not-copied', linked: 'report-ignored' },
};

export const definitionStep = (changedIn: Side, master: Side, linked: boolean): DefinitionStep =>
  steps[changedIn === master ? 'master' : 'other'][linked ? 'linked' : 'unlinked'];
