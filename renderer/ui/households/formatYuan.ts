/** Money as the app writes it: two decimals, thousands grouped (1,234.50). The unit 元 is added by the caller's text. */
export function formatYuan(amount: number): string {
  return amount.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
