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
    no_keys_from_relay: '无法解锁，请等县里连通后重新登录。',
    invalid_credentials_at_relay: '密码不正确。',
  },
  required: '请输入密码',
} as const;

/** Clearing the laptop (registered under `security` in ./zh-CN). */
export const securityZhCN = {
  wipe: {
    button: '清除本机数据',
    title: '清除本机数据',
    explain: '清除后，本机上您登记的家庭、走访和草稿全部删除。下次登录需要联网，资料会从服务器重新下载。',
    pending: '还有 {{count}} 条记录没有上传到服务器。现在清除，这些记录会丢失，无法找回。',
    pendingHint: '请先联网上传，或导出到U盘交给乡镇。',
    syncNow: '立即同步',
    exportUsb: '导出到U盘',
    anyway: '仍然清除',
    clear: '清除',
    cancel: '取消',
    confirmTitle: '真的要清除吗？',
    confirmPending: '没有上传的 {{count}} 条记录将永久丢失。',
    confirm: '确定清除',
    failed: '清除没有完成，请再试一次。',
  },
  revoked: '这台电脑已被停用。请先把没有上传的记录导出到U盘，然后清除本机数据。',
} as const;
