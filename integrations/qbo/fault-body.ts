import { z } from 'zod';
import type { QboFaultEntry } from './errors.js';

/** The Fault (or OAuth error) found in a response body, whatever its dialect. */
export interface ParsedFault {
  /** Which envelope carried it; an OAuth-style `error` field is only a fault on an error status. */
  dialect: 'standard' | 'gateway' | 'oauth' | 'xml';
  type?: string;
  errors: QboFaultEntry[];
}

const code = z.union([z.string(), z.number()]).transform(String);
const text = z.string().nullish();

/** `{"Fault":{"Error":[{Message,Detail,code,element}],type}}`: the standard API fault (also inside batch items). */
const standardFault = z.object({
  type: z.string().optional(),
  Error: z.array(z.object({ Message: text, Detail: text, code: code.optional(), element: text })).default([]),
});

/** The API gateway's lowercase variant, seen on 401/403. */
const gatewayFault = z.object({
  type: z.string().nullish(),
  error: z.array(z.object({ message: text, detail: text, code: code.nullish(), element: text })).default([]),
});

/** OAuth-style `{error, error_description}`. */
const oauthError = z.object({ error: z.string(), error_description: z.string().optional() });

function entry(e: { code?: string | null; message?: string | null; detail?: string | null; element?: string | null }) {
  const result: QboFaultEntry = { message: e.message ?? '' };
  if (e.code) result.code = e.code;
  if (e.detail) result.detail = e.detail;
  if (e.element) result.element = e.element;
  return result;
}

/** Reads a standard `Fault` object (the value of the `Fault` key); undefined when it is not one. */
export function faultFromObject(value: unknown): ParsedFault | undefined {
  const parsed = standardFault.safeParse(value);
  if (!parsed.success) return undefined;
  return {
    dialect: 'standard',
    ...(parsed.data.type ? { type: parsed.data.type } : {}),
    errors: parsed.data.Error.map((e) =>
      entry({ code: e.code, message: e.Message, detail: e.Detail, element: e.element }),
    ),
  };
}

/** Finds a fault in a parsed JSON body: standard `Fault`, gateway `fault`, or OAuth `error`. */
export function faultFromJson(body: unknown): ParsedFault | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (record.Fault !== undefined) return faultFromObject(record.Fault);
  const gateway = gatewayFault.safeParse(record.fault);
  if (record.fault != null && gateway.success) {
    return {
      dialect: 'gateway',
      ...(gateway.data.type ? { type: gateway.data.type } : {}),
      errors: gateway.data.error.map((e) => entry({ ...e, code: e.code ?? gatewayCode(e.message) })),
    };
  }
  const oauth = oauthError.safeParse(body);
  if (oauth.success)
    return { dialect: 'oauth', errors: [entry({ message: oauth.data.error, detail: oauth.data.error_description })] };
  return undefined;
}

/** Gateway messages look like "message=AuthenticationFailed; errorCode=003200; statusCode=401". */
function gatewayCode(message: string | null | undefined): string | undefined {
  const m = /errorCode=0*(\d+)/.exec(message ?? '');
  return m?.[1];
}

const xmlEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(s: string | undefined): string | undefined {
  return s?.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => xmlEntities[name] ?? '').trim();
}

function xmlAttr(tag: string, name: string): string | undefined {
  return xmlText(new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1]);
}

/** QBO answers some 429/500s in XML even when JSON was asked for: `<Fault type><Error code><Message><Detail>`. */
export function faultFromXml(body: string): ParsedFault | undefined {
  const faultTag = /<Fault\b[^>]*>/.exec(body)?.[0];
  if (!faultTag) return undefined;
  const errors = [...body.matchAll(/<Error\b([^>]*)>([\s\S]*?)<\/Error>/g)].map(([, attrs = '', inner = '']) =>
    entry({
      code: xmlAttr(attrs, 'code'),
      element: xmlAttr(attrs, 'element'),
      message: xmlText(/<Message>([\s\S]*?)<\/Message>/.exec(inner)?.[1]),
      detail: xmlText(/<Detail>([\s\S]*?)<\/Detail>/.exec(inner)?.[1]),
    }),
  );
  const type = xmlAttr(faultTag, 'type');
  return { dialect: 'xml', ...(type ? { type } : {}), errors };
}

/** Parses a raw response body in any dialect QBO uses; undefined when it carries no fault. */
export function parseFaultBody(body: string): ParsedFault | undefined {
  const trimmed = body.trim();
  if (trimmed.startsWith('<')) return faultFromXml(trimmed);
  try {
    return faultFromJson(JSON.parse(trimmed));
  } catch {
    return undefined;
  }
}
