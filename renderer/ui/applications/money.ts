const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Money as the app shows it: 80,000.00 (元, two decimals, thousands separated). */
export function formatMoney(yuan: number): string {
  return yuanFormat.format(yuan);
}
