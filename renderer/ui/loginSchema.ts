import type { TFunction } from 'i18next';
import { z } from 'zod';

/** The sign-in form's rules, with messages in the current language (zh-CN by default). */
export function makeLoginSchema(t: TFunction) {
  return z.object({
    serverUrl: z
      .string()
      .trim()
      .min(1, t('login.validation.serverUrlRequired'))
      .regex(/^https?:\/\/[^\s/]+/i, t('login.validation.serverUrlInvalid')),
    username: z.string().trim().min(1, t('login.validation.usernameRequired')),
    password: z.string().min(1, t('login.validation.passwordRequired')),
  });
}

export type LoginValues = z.output<ReturnType<typeof makeLoginSchema>>;
