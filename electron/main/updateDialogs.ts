import type { MessageBoxOptions } from 'electron';
import type { UpdateState } from './appUpdates';
import type { InstallerRefusal } from './updateSignature';
import { APP_TITLE } from './window';

const REFUSAL_DETAIL: Record<InstallerRefusal, string> = {
  no_public_key: '这份救助通没有内置县里的更新签名公钥，不能确认安装文件来自县里。',
  no_signature: '服务器上的安装文件没有县里的签名。',
  bad_signature: '安装文件与县里签名的文件不一致，可能已被改动。',
};

/**
 * What the person is asked or told about an update (a native dialog of the host), or null when
 * nothing needs saying. Only two states speak: a verified download (install now or at the next
 * start?) and a refused one (never installed; the helpdesk is named).
 */
export function updateDialogFor(state: UpdateState): MessageBoxOptions | null {
  if (state.state === 'ready') {
    return {
      type: 'question',
      title: APP_TITLE,
      message: `救助通 ${state.version} 已下载并通过验证，现在重启安装吗？`,
      detail: '安装前请先保存正在填写的表格。选“稍后”则在下次关闭救助通时安装。本机未上传的记录不受影响，更新后会继续上传。',
      buttons: ['现在重启安装', '稍后'],
      defaultId: 0,
      cancelId: 1,
    };
  }
  if (state.state === 'refused') {
    return {
      type: 'warning',
      title: APP_TITLE,
      message: `救助通 ${state.version} 的安装文件没有通过签名验证，不会安装。`,
      detail: `${REFUSAL_DETAIL[state.reason]}请联系县民政局信息中心。`,
      buttons: ['知道了'],
    };
  }
  return null;
}
