import 'i18next';
import type { zhCN } from './zh-CN';

/** Typed `t()`: keys and interpolation variables are checked against the zh-CN tree. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
