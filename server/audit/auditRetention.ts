/**
 * `JIUZHU_AUDIT_RETENTION_MONTHS`: how many months before the current one the audit log keeps;
 * `audit archive` exports and drops the months older than that. Three years by default: the
 * yearly reviews of every household and an audit office looking back over a three-year term
 * find their entries in the database. The Cybersecurity Law (网络安全法 第二十一条) asks for at
 * least six months of network logs, so less is refused.
 */
export const DEFAULT_AUDIT_RETENTION_MONTHS = 36;
export const MIN_AUDIT_RETENTION_MONTHS = 6;

export function readAuditRetention(env: NodeJS.ProcessEnv): number {
  const given = env['JIUZHU_AUDIT_RETENTION_MONTHS'];
  if (!given) return DEFAULT_AUDIT_RETENTION_MONTHS;
  const months = Number(given);
  if (!Number.isInteger(months) || months < MIN_AUDIT_RETENTION_MONTHS || months > 1200) {
    throw new Error(`JIUZHU_AUDIT_RETENTION_MONTHS（审计日志保留月数）must be a whole number of months from ${MIN_AUDIT_RETENTION_MONTHS} to 1200, got ${given}`);
  }
  return months;
}
