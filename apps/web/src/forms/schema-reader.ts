/**
 * A procedure's application form (tờ khai, JSON Schema 2020-12) read as sections and fields: the
 * one reading of the online wizard (portal/submit/schema-form.ts) and the counter's intake form
 * (office/SchemaForm.tsx), so both show the same fields, in the same order, with the same labels.
 *
 * - Each top-level object property is a section (a page of the wizard); its properties are the
 *   fields; deeper objects are flattened into their section with their path. Top-level plain
 *   properties, which the server's form check refuses, are gathered in one untitled section (name
 *   ''), first. An object without properties has no field.
 * - Order: the explicit order key `x-order` when the schema has one (the official forms carry it),
 *   then `required` in its order, then the remaining properties. The database keeps schemas as
 *   jsonb, which does not keep the key order they were written in, hence the explicit key.
 * - Labels: `title` (the property name without one), `description`; `required` from the object's
 *   `required` list.
 */

type Schema = Record<string, unknown>;

export type FieldKind = 'text' | 'textarea' | 'date' | 'email' | 'number' | 'integer' | 'select' | 'boolean';

export interface FieldSpec {
  /** "applicant.fullName": the path joined with dots (the key of the field's messages). */
  key: string;
  /** "/applicant/fullName": the JSON Pointer inside formData, as in the server's errors. */
  pointer: string;
  path: string[];
  /** The section ("applicant"; '' for a top-level plain property). */
  page: string;
  /** The field within its section ("fullName"; "a.b" inside a deeper object). */
  name: string;
  title: string;
  description: string | null;
  kind: FieldKind;
  required: boolean;
  options: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  /** `"x-notFuture": true`: a date (or a year) that cannot be later than today in Vietnam. */
  notFuture?: boolean;
}

export interface SectionSpec {
  name: string;
  title: string;
  description: string | null;
  fields: FieldSpec[];
}

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const numberOf = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** The property names of an object schema in display order: `x-order`, `required`, the rest. */
export function orderedKeys(schema: unknown): string[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const properties = Object.keys(schema.properties);
  const seen = new Set<string>();
  return [...strings(schema['x-order']), ...strings(schema.required), ...properties].filter((key) => {
    if (!properties.includes(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fieldKind(schema: Schema): FieldKind {
  const type: unknown = Array.isArray(schema.type)
    ? (schema.type as unknown[]).find((t) => t !== 'null')
    : schema.type;
  if (Array.isArray(schema.enum)) return 'select';
  if (type === 'boolean') return 'boolean';
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'email') return 'email';
  const max = numberOf(schema.maxLength);
  return max !== undefined && max > 500 ? 'textarea' : 'text';
}

const LIMITS = ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum'] as const;

function field(path: string[], schema: Schema, required: boolean): FieldSpec {
  const nested = path.length > 1;
  const spec: FieldSpec = {
    key: path.join('.'),
    pointer: `/${path.join('/')}`,
    path,
    page: nested ? path[0]! : '',
    name: nested ? path.slice(1).join('.') : path[0]!,
    title: textOf(schema.title) ?? path[path.length - 1]!,
    description: textOf(schema.description),
    kind: fieldKind(schema),
    required,
    options: Array.isArray(schema.enum) ? schema.enum.map(String) : [],
  };
  for (const key of LIMITS) {
    const value = numberOf(schema[key]);
    if (value !== undefined) spec[key] = value;
  }
  if (typeof schema.pattern === 'string') spec.pattern = schema.pattern;
  if (schema['x-notFuture'] === true) spec.notFuture = true;
  return spec;
}

/** The fields of an object schema at `path`, deeper objects flattened, in display order. */
function fieldsOf(path: string[], schema: Schema): FieldSpec[] {
  const properties = schema.properties as Schema;
  const required = strings(schema.required);
  return orderedKeys(schema).flatMap((key) => {
    const property = properties[key];
    if (!isObject(property)) return [];
    if (isObject(property.properties)) return fieldsOf([...path, key], property);
    if (property.type === 'object') return [];
    return [field([...path, key], property, required.includes(key))];
  });
}

/** The sections of the form, each with its fields (none when the schema has no properties). */
export function readForm(schema: unknown): SectionSpec[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const properties = schema.properties;
  const required = strings(schema.required);
  const sections: SectionSpec[] = [];
  const loose: FieldSpec[] = [];
  for (const name of orderedKeys(schema)) {
    const node = properties[name];
    if (!isObject(node)) continue;
    if (isObject(node.properties))
      sections.push({
        name,
        title: textOf(node.title) ?? name,
        description: textOf(node.description),
        fields: fieldsOf([name], node),
      });
    else if (node.type !== 'object') loose.push(field([name], node, required.includes(name)));
  }
  return loose.length > 0
    ? [{ name: '', title: '', description: null, fields: loose }, ...sections]
    : sections;
}
