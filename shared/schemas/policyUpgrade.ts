/**
 * Policies v0 → v1, the one conversion both the laptop's RxDB migration and the server's stored
 * documents use: the year goes (the period is validFrom…validTo), every figure v0 did not have is
 * null (待配置), no figure has a source of its own yet, and nothing v0 shipped was an example.
 */
import { policyFigureNames } from './reference';

export function policyV1FromV0(doc: Record<string, unknown>): Record<string, unknown> {
  const { year: _year, ...rest } = doc;
  const figures = Object.fromEntries(policyFigureNames.map((name) => [name, rest[name] ?? null]));
  return { ...rest, ...figures, figureSources: {}, example: false };
}
