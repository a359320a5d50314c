import type { Word } from './term';

/**
 * The roles a person holds: who signs an application's steps, whose name colleagues' apps show
 * (the `users` reference records). The laptops' stored schemas enumerate exactly these, in this
 * order, so a new one here is a new schema version.
 */
export const personRoles = ['assistant', 'social_worker', 'township', 'county', 'city', 'admin'] as const;
export type PersonRole = (typeof personRoles)[number];

/**
 * Roles (sync-protocol.md); each one's scope is in shared/auth/roles.ts. `relay` is a machine's
 * account, not a person's: a township PC that reads its township and carries its villages'
 * signed pushes up (issue 17); it writes nothing of its own, signs no step and is no colleague.
 */
export const roles = [...personRoles, 'relay'] as const;
export type Role = (typeof roles)[number];

/**
 * Each role's name: the official term (domain.md) on screens and printed forms, after a person's
 * name (王秀兰 · 村级民政协理员); the short form in sentences, such as the server's refusals
 * (村级协理员不能执行“审核确认”).
 */
export const roleTerms = {
  assistant: { zh: '村级民政协理员', en: 'Village civil-affairs assistant', short: { zh: '村级协理员', en: 'Village assistant' } },
  social_worker: { zh: '社工', en: 'Social worker' },
  township: { zh: '乡镇社会救助服务站', en: 'Township assistance station', short: { zh: '乡镇工作人员', en: 'Township staff' } },
  county: { zh: '县级民政局', en: 'County civil-affairs bureau', short: { zh: '县级民政', en: 'County civil affairs' } },
  city: { zh: '市级民政局', en: 'City civil-affairs bureau', short: { zh: '市级民政', en: 'City civil affairs' } },
  admin: { zh: '系统管理员', en: 'Administrator' },
  relay: { zh: '乡镇中转站', en: 'Township relay' },
} as const satisfies Record<Role, Word>;
