import { z } from 'zod';

/** Zuper documents numbers but sends some as strings (`"price":"26.0000"`); accept both, reject anything else. */
export const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*-?\d+(\.\d+)?\s*$/, 'expected a number or numeric string')
    .transform(Number),
]);

/** Reads embed related records as objects, writes send their uid; accept both (read with uidOf). */
export const embeddedRef = (uidField: string) => z.union([z.string(), z.looseObject({ [uidField]: z.string() })]);

/** `{"type":"success","data":{...}}` */
export const recordEnvelope = <T extends z.ZodType>(data: T) => z.looseObject({ type: z.literal('success'), data });

/** `{"type":"success","data":[...],"total_records":N,"current_page":P,"total_pages":T}` */
export const listEnvelope = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    type: z.literal('success'),
    data: z.array(item),
    total_records: numeric.optional(),
    current_page: numeric.optional(),
    total_pages: numeric.optional(),
  });

/** Write answers: `{"type":"success","message":"…","data":{"<entity>_uid":"…"}}`; the message text is not relied on. */
export const writeEnvelope = <K extends string>(uidField: K) =>
  z.looseObject({
    type: z.literal('success'),
    data: z.looseObject({ [uidField]: z.string().min(1) } as { [P in K]: z.ZodString }),
  });

/** Answers whose only meaning is success (deletes, activation). */
export const successEnvelope = z.looseObject({ type: z.literal('success') });

export interface Page<T> {
  items: T[];
  page: number;
  totalPages: number;
  totalRecords: number;
}

/** Booleans; some Zuper records use 0/1 instead (e.g. `is_deleted:0`). */
export const flag = z.union([z.boolean(), z.literal(0).transform(() => false), z.literal(1).transform(() => true)]);
