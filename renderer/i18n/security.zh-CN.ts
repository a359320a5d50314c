/** Lock screen and local-profile strings (registered under `lock` in ./zh-CN). */
export const lockZhCN = {
  title: '已锁定',
  explain: '长时间没有操作，为保护群众信息已自动锁定。请输入密码继续。',
  user: '当前用户：{{name}}',
  password: '密码',
  unlock: '解锁',
  lockNow: '锁定',
  signOut: '换人登录',
  failure: {
    invalid_credentials: '密码不正确。',
    rate_limited: '密码错误次数较多，请稍等片刻再试。',
    profile_locked: '密码错误次数过多，本机已锁定该账号。请联网后重新登录。',
    no_offline_profile: '本机没有该账号的登录记录，请重新登录。',
    network: '无法解锁，请重新登录。',
    server_error: '无法解锁，请重新登录。',
  },
  required: '请输入密码',
} as const;
