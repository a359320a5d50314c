import type { ThemeConfig } from 'antd';

/**
 * The app's antd theme at a base text size (字号: 16, 18 or 20 px): darker secondary text, read on
 * old screens and sometimes in the sun; controls grow with the text so a click target stays large;
 * no motion when the system asks for less. antd derives its other sizes (headings, small and large
 * text, menu rows) from these.
 */
export function appTheme(basePx: number, reducedMotion: boolean): ThemeConfig {
  const scale = basePx / 16;
  return {
    // antd's styles come from its prebuilt stylesheet (imported once in main.tsx), not generated
    // in the page: writing them at run time cost 登录 ~0.8 s of its first draw in a new browser
    // context on the CI machine (家庭's first page measured ~150 ms slower in session 20, not seen in
    // session 21's two runs: BENCHMARKS.md).
    // The tokens below still apply: the stylesheet reads them as CSS variables.
    zeroRuntime: true,
    token: {
      fontSize: basePx,
      controlHeight: Math.round(32 * scale),
      colorTextSecondary: 'rgba(0, 0, 0, 0.72)',
      colorTextDescription: 'rgba(0, 0, 0, 0.68)',
      ...(reducedMotion ? { motion: false } : {}),
    },
  };
}
