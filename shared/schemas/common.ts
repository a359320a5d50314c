import { z } from 'zod';
import { isVillageCode } from '../areas';

/** 12-digit 统计用区划代码 of a village: every synced document carries one for scoping. */
export const areaCodeField = z.string().regex(/^\d{12}$/, '区划代码应为12位数字');

export const documentIdField = z
  .string()
  .min(8, '编号无效')
  .max(40, '编号无效')
  .regex(/^[A-Za-z0-9_-]+$/, '编号无效');

/** Milliseconds since the epoch, set by the writer; checkpoints never rely on it. */
export const timestampField = z.number().int().min(0);

export const isoDateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const userIdField = z.string().min(1).max(40);

/** Every record of a household belongs to one real village (or 社区) of Binzhou. */
export const villageCodeField = areaCodeField.refine(isVillageCode, '不是滨州市的村（社区）区划代码');

/** Fields every synced document has, written by the app, not by the person filling a form. */
export const systemFields = {
  id: documentIdField,
  areaCode: villageCodeField,
  createdAt: timestampField,
  createdBy: userIdField,
  updatedAt: timestampField,
  updatedBy: userIdField,
};

export type SystemFieldName = keyof typeof systemFields;
