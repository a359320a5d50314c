import { z } from 'zod';

/**
 * The one place where a zod document schema becomes the JSON schema that RxDB stores with and
 * the server validates pushes against. Keeping the zod object as the single source means the
 * TypeScript type, the form rules and the storage schema cannot drift apart.
 */
export interface DocumentJsonSchema {
  version: number;
  primaryKey: string;
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  indexes?: (string | string[])[];
  encrypted?: string[];
  additionalProperties: false;
}

export interface RxSchemaOptions {
  version: number;
  indexes?: (string | string[])[];
  /**
   * Top-level fields RxDB stores encrypted on the laptop (ID numbers, phones, diagnoses, notes).
   * They cannot be indexed or queried there; the server ignores the keyword.
   */
  encrypted?: string[];
}

export function toDocumentJsonSchema(
  schema: z.ZodObject,
  options: RxSchemaOptions,
): DocumentJsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' }) as {
    properties: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  const properties = { ...json.properties };
  // RxDB indexes need bounded numbers; integers in our documents are counts or epoch millis.
  const indexed = new Set((options.indexes ?? []).flat());
  for (const name of indexed) {
    const prop = properties[name];
    if (prop && (prop.type === 'integer' || prop.type === 'number')) {
      properties[name] = { ...prop, type: 'number', minimum: 0, maximum: 9_999_999_999_999, multipleOf: 1 };
    }
  }
  return {
    version: options.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: json.required ?? [],
    ...(options.indexes ? { indexes: options.indexes } : {}),
    ...(options.encrypted ? { encrypted: options.encrypted } : {}),
    additionalProperties: false,
  };
}
