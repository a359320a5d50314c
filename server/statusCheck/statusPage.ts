import { formatTrackingCode } from '../../shared/domain/trackingCode';
import type { StatusSummary } from './statusSummary';

/**
 * 码上查's pages: plain HTML made on the server, no script, no app bundle, no outside resource
 * (the CSP forbids them anyway); a narrow screen and large text first, in plain Chinese. Every
 * value is escaped.
 */

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  html { font-size: 20px; -webkit-text-size-adjust: 100%; }
  body { margin: 0; padding: 1rem; font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.6; color: #1f1f1f; background: #fff; }
  main { max-width: 32rem; margin: 0 auto; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  p, li, dd, dt, label { font-size: 1rem; }
  .code { display: block; font-family: ui-monospace, monospace; font-size: 1.2rem; white-space: nowrap; }
  input { font-size: 1.4rem; width: 100%; box-sizing: border-box; padding: .5rem; letter-spacing: .3em; text-transform: uppercase; }
  button { font-size: 1.2rem; width: 100%; margin-top: 1rem; padding: .7rem; background: #1677ff; color: #fff; border: 0; border-radius: 6px; }
  .problem { color: #b42318; font-weight: bold; }
  dt { font-weight: bold; margin-top: .8rem; }
  dd { margin: 0; }
  footer { margin-top: 2rem; font-size: .8rem; color: #595959; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body}
<footer>救助通 · 码上查。如有疑问，请联系所在村（社区）或乡镇（街道）社会救助服务站。</footer>
</main></body>
</html>
`;
}

/** Asks for the last four characters of the applicant's ID number (whatever the code: an unknown one looks the same). */
export function askPage(code: string, problem: string | null = null): string {
  return page(
    '码上查 · 查询办理进度',
    `<h1>查询救助申请办理进度</h1>
<p>查询码：<span class="code">${escape(formatTrackingCode(code))}</span></p>
${problem ? `<p class="problem" role="alert">${escape(problem)}</p>` : ''}
<form method="post" autocomplete="off">
<label for="check">请输入申请人身份证号码的最后四位（含字母 X）</label>
<input id="check" name="check" inputmode="text" maxlength="4" minlength="4" required pattern="[0-9Xx]{4}" autocomplete="off">
<button type="submit">查询</button>
</form>`,
  );
}

export function statusPage(code: string, summary: StatusSummary): string {
  const rows: [string, string][] = [
    ['救助项目', summary.programme],
    ['目前办理到', `${summary.step}（${summary.stepDate}）`],
  ];
  if (summary.nextDeadline) rows.push(['下一个办理时限', `${summary.nextDeadline.due} 前：${summary.nextDeadline.what}`]);
  if (summary.decision) {
    rows.push(['审核确认结果', summary.decision.outcome]);
    if (summary.decision.monthlyAmount) rows.push(['每月救助金额', `${summary.decision.monthlyAmount} 元`]);
    if (summary.decision.fromMonth) rows.push(['起始月份', `${summary.decision.fromMonth}起发放`]);
  }
  const missing =
    summary.missingDocuments.length === 0
      ? '<p>暂无需要补交的材料。</p>'
      : `<p>还需要补交以下材料：</p><ul>${summary.missingDocuments
          .map((doc) => `<li>${escape(doc.name)}${doc.promisedBy ? `（请于 ${escape(doc.promisedBy)} 前补交）` : ''}</li>`)
          .join('')}</ul>`;
  return page(
    '码上查 · 办理进度',
    `<h1>办理进度</h1>
<p>查询码：<span class="code">${escape(formatTrackingCode(code))}</span></p>
<dl>${rows.map(([what, value]) => `<dt>${escape(what)}</dt><dd>${escape(value)}</dd>`).join('')}</dl>
${summary.decision ? '' : missing}`,
  );
}

/** Unknown, stopped (停用) and expired codes all get this page: it tells nothing about which. */
export function notFoundPage(): string {
  return page('码上查 · 未找到', '<h1>没有查到这份申请</h1><p>查询码不正确，或已停止查询。请核对回执上的查询码，或联系所在村（社区）。</p>');
}

export function lockedPage(minutes: number): string {
  return page('码上查 · 暂停查询', `<h1>暂时不能查询</h1><p>身份证号后四位输错次数太多，这个查询码已暂停查询。请 ${minutes} 分钟后再试，或联系所在村（社区）。</p>`);
}

export function tooManyPage(): string {
  return page('码上查 · 查询太频繁', '<h1>查询太频繁</h1><p>请过一会儿再查询。</p>');
}
