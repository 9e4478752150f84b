/** Enough of an OpenAPI 3 schema to follow an answer through it. */
export interface DescribedSchema {
  $ref?: string;
  allOf?: DescribedSchema[];
  type?: string;
  properties?: Record<string, DescribedSchema>;
  additionalProperties?: DescribedSchema | boolean;
  items?: DescribedSchema;
}

/**
 * The paths of the fields in `value` its schema does not name (`properties`, or a typed
 * `additionalProperties`): what a client reading /docs would not know to expect. A free-form map
 * (`additionalProperties: true` or an untyped object) describes nothing below it.
 */
export function undescribedFields(
  value: unknown,
  schema: DescribedSchema,
  schemas: Record<string, DescribedSchema>,
  at = '',
): string[] {
  const resolved = resolve(schema, schemas);
  if (Array.isArray(value))
    return resolved.items
      ? value.flatMap((item, i) => undescribedFields(item, resolved.items!, schemas, `${at}[${i}]`))
      : [];
  if (value === null || typeof value !== 'object') return [];
  const missing: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    const named = resolved.properties?.[key];
    const extra = resolved.additionalProperties;
    if (named) missing.push(...undescribedFields(field, named, schemas, path));
    else if (typeof extra === 'object')
      missing.push(...undescribedFields(field, extra, schemas, path));
    else missing.push(path);
  }
  return missing;
}

function resolve(
  schema: DescribedSchema,
  schemas: Record<string, DescribedSchema>,
): DescribedSchema {
  if (schema.$ref)
    return resolve(schemas[schema.$ref.replace('#/components/schemas/', '')], schemas);
  if (schema.allOf?.length)
    return schema.allOf.reduce<DescribedSchema>((merged, part) => {
      const each = resolve(part, schemas);
      return {
        ...merged,
        ...each,
        properties: { ...merged.properties, ...each.properties },
      };
    }, {});
  return schema;
}
