/** Schemas shared by several modules' routes. */
import { Type, type Static, type TSchema } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    detail_vi: Type.String(),
    detail_en: Type.String(),
    code: Type.String(),
    instance: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          code: Type.String(),
          message: Type.String(),
          message_en: Type.String(),
        }),
      ),
    ),
    related: Type.Optional(
      Type.Array(Type.Object({ id: Type.Integer(), href: Type.String(), title: Type.String() }), {
        description: 'Các bản ghi đã có mà vấn đề liên quan (ví dụ: văn bản nghi trùng)',
      }),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem document' },
);

export const IdParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};

export function pageOf<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

/** Problem responses to document on every route. */
export const problemResponses = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
  422: Type.Ref('Problem'),
};

export const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/** A string limited to the given values, typed as their union (`{ type: 'string', enum: [...] }`). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/**
 * `T | null` as `type: [T, "null"]` rather than `anyOf`: the response serializer handles a type
 * list directly but resolves `anyOf` by validating each branch, several times slower per field.
 */
export function Nullable<T extends TSchema>(schema: T) {
  const json = schema as unknown as { type?: string | string[]; enum?: unknown[] };
  if (typeof json.type !== 'string') throw new Error('Nullable needs a schema with a single type');
  return Type.Unsafe<Static<T> | null>({
    ...(schema as object),
    type: [json.type, 'null'],
    ...(json.enum ? { enum: [...json.enum, null] } : {}),
  });
}
