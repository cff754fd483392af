/**
 * How often scheduled reconciliations read QuickBooks Online's whole catalog, a metered read per 1,000 items: every
 * item is checked at least daily, and in between QuickBooks changes come from the change watch (one read per interval).
 */
export const qboWholeCatalogEveryMs = 24 * 3600_000;
