import { z } from 'zod';
import { areaCodeField, timestampField } from './common';
import { toDocumentJsonSchema } from './rxSchema';

export const areaLevels = ['city', 'county', 'township', 'village'] as const;
export type AreaLevel = (typeof areaLevels)[number];

/** Reference data pulled from the server: one 行政区划 (city, county, township or village). */
export const areaSchema = z.strictObject({
  id: z.string().min(4).max(12),
  /** The area's code padded to 12 digits, so the same scope rule applies as to every document. */
  areaCode: areaCodeField,
  name: z.string().min(1).max(60),
  level: z.enum(areaLevels),
  parentId: z.string().max(12),
  updatedAt: timestampField,
});

export type AreaDoc = z.output<typeof areaSchema>;

export const AREA_SCHEMA_VERSION = 0;

export const areaJsonSchema = toDocumentJsonSchema(areaSchema, {
  version: AREA_SCHEMA_VERSION,
  indexes: ['parentId'],
});
