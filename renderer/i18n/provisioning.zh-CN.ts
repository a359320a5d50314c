import { roleTerms } from '../../shared/vocabulary';

/** The sign-in page's provisioning strings (registered under `provisioning` in ./zh-CN). */
export const provisioningZhCN = {
  server: '服务器：{{name}}（{{url}}）',
  chooseTitle: '连接哪个服务器',
  chooseHint: '一般选县级服务器。县里的网络连不上时，选本镇的中转站，也能登录和同步。',
  kind: { county: '县级服务器', relay: roleTerms.relay.zh },
  kindHint: {
    county: '直接连到县民政局。',
    relay: '设在乡镇服务站。县里连不上时也能用，录入的内容之后由它自动传到县里。',
  },
  reach: { checking: '正在检查…', reachable: '可连接', unreachable: '连不上' },
  tryOther: '也可以在上面换一个服务器再试。',
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
