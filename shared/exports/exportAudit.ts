/**
 * What the app tells the server about each export or printed form (POST /api/v1/audit/exports),
 * checked with this one schema on both sides. It says what kind of list, how it was filtered,
 * how many rows and for which area — never a name, an ID number or the text searched for, so
 * the audit log does not become a copy of the data it guards.
 */
import { z } from 'zod';
import { applicationStatuses } from '../rules/applicationStatus';
import { documentIdField } from '../schemas/common';
import { householdCategories } from '../schemas/household';
import { exportKinds } from './sheet';

/** Printed forms (打印): 入户调查表, 一次性告知书, 告知承诺书, 申请情况表, 村级公示名单, 审批表, 不予批准通知书. */
export const printKinds = [
  'visitRecord',
  'missingItemsNotice',
  'pledge',
  'applicationSummary',
  'publicNoticeList',
  'approvalForm',
  'refusalNotice',
  'acceptanceReceipt',
] as const;
export type PrintKind = (typeof printKinds)[number];

export const exportAuditKinds = [...exportKinds, ...printKinds] as const;
export type ExportAuditKind = (typeof exportAuditKinds)[number];

/** The list filter as a summary: codes, enums and flags only; free text is reduced to "searched". */
export const exportFilterSchema = z.strictObject({
  villageCode: z.string().regex(/^\d{12}$/).optional(),
  category: z.enum(householdCategories).optional(),
  status: z.enum(applicationStatuses).optional(),
  queue: z.enum(['township', 'county']).optional(),
  tab: z.string().regex(/^[A-Za-z]{1,30}$/).optional(),
  householdId: documentIdField.optional(),
  includeArchived: z.boolean().optional(),
  showClosed: z.boolean().optional(),
  /** 花名册: the month listed. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
  /** A name or ID number was typed into the search box; what was typed stays on the laptop. */
  textSearch: z.boolean().optional(),
});
export type ExportFilter = z.infer<typeof exportFilterSchema>;

export const exportAuditSchema = z.strictObject({
  /** Made by the app, so a record re-sent after a lost answer is stored once. */
  exportId: documentIdField,
  kind: z.enum(exportAuditKinds),
  /** When the person exported or printed, which may be long before the record reaches the server. */
  at: z.number().int().min(0).max(Date.UTC(9999, 11, 31)),
  rowCount: z.number().int().min(0).max(10_000_000),
  /** The area the list covered: the caller's scope or a narrower prefix of it. */
  areaPrefix: z.string().regex(/^\d{0,12}$/, 'areaPrefix 应为0–12位数字'),
  filter: exportFilterSchema,
  /** The printed document (a visit or an application), for printed forms. */
  documentId: documentIdField.optional(),
});
export type ExportAuditRecord = z.infer<typeof exportAuditSchema>;
