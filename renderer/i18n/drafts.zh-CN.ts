/** Unsaved forms: the draft offered back and the question before leaving (registered under `drafts` in ./zh-CN). */
export const draftsZhCN = {
  restored: '已恢复上次没有保存的内容',
  restoredDetail: '这张表上次填到一半（{{time}}），内容已经放回表里，可以接着填写。不需要的话，点“放弃草稿”重新填写。',
  continue: '继续填写',
  discard: '放弃草稿',
  discarded: '草稿已放弃，表格已清空',
  autosaveHint: '填写的内容随时保存在本机，刷新、锁定或关掉窗口都不会丢失。',
  autosaveHintNoPassword: '填写的内容随时保存在本机，密码除外（为了安全，密码不保存，需要重新输入）。',
  leave: {
    title: '这张表还没有保存，确定离开吗？',
    content: '已填写的内容会作为草稿留在本机，下次打开这张表时可以继续填写。',
    signOutTitle: '还有表格没有保存，确定退出登录吗？',
    signOutContent: '已填写的内容会作为草稿加密留在本机，您下次登录后打开这张表可以继续填写。',
    ok: '离开',
    signOutOk: '退出登录',
    stay: '留下继续填写',
  },
} as const;
