import { z } from 'zod';

// C0 controls and DEL, or a UTF-16 surrogate without its pair: PostgreSQL cannot store NUL in text at all, a lone
// surrogate is not valid UTF-8, and no id or name anyone types contains either.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unstorable = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text can be stored and shown as it is. */
export const isStorableText = (value: string): boolean => !unstorable.test(value);

/** An id or name from outside: 1 to `max` characters, none of them control characters or unpaired surrogates. */
export const storableText = (max = 200) =>
  z.string().min(1).max(max).refine(isStorableText, 'must not contain control characters or unpaired surrogates');

/** What a connection id may look like; every route that names a connection checks it before any lookup. */
export const connectionIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'letters, digits, ".", "_" or "-" (at most 64, starting with a letter or digit)',
  );

/** A row id the database keeps as a 4-byte integer. */
export const rowIdSchema = z.coerce.number().int().positive().max(2_147_483_647);
