/** The sign-in page's provisioning strings (registered under `provisioning` in ./zh-CN). */
export const provisioningZhCN = {
  server: '服务器：{{name}}（{{url}}）',
  changeServer: '更改服务器',
  importFile: '导入配置文件',
  pasteCode: '粘贴配置码',
  pasteLabel: '配置码（扫描县民政局发的二维码得到的文字）',
  pasteUse: '使用此配置',
  pasteCancel: '取消',
  pasteRequired: '请先粘贴配置码',
  hint: '县民政局发了配置文件或二维码的，导入后只需输入用户名和密码。',
  imported: '已导入{{county}}的配置',
  problemsTitle: '配置文件不能使用',
  shippedProblemsTitle: '本机附带的配置文件有误，请联系县民政局',
  unreadableFile: '读不出这个文件，请确认选择的是 jiuzhu-provisioning.json',
} as const;
