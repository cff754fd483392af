import { z } from 'zod';
import { systemEndpoint } from '../system-api.js';

export const qboConnectLinkSchema = z.object({ connectionId: z.string(), url: z.string() });
export type QboConnectLink = z.infer<typeof qboConnectLinkSchema>;

/** `POST /api/connections/:id/qbo`: the link that starts QuickBooks' OAuth flow, to open in a browser. */
export const qboConnectEndpoint = systemEndpoint('POST', 'qbo', null, qboConnectLinkSchema);
