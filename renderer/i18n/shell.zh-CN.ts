/** The app shell: when a page or the app fails to draw, and the 字号 setting. */
export const shellZhCN = {
  error: {
    pageTitle: '这一页出了问题，没能显示出来',
    appTitle: '救助通出了问题，没能显示出来',
    dataSafe: '已经保存的内容都在这台电脑上，不会丢失，联网后照常上传。',
    pageHint: '可以点左边的菜单，到别的页面继续工作；也可以点“重新加载”再试一次。如果总是这样，请点“导出诊断信息”，把保存下来的文件发给技术支持人员。',
    appHint: '请点“重新加载”再试一次。如果总是这样，请点“导出诊断信息”，把保存下来的文件发给技术支持人员。',
    technical: '给技术支持人员看的错误说明',
    reload: '重新加载',
    exportDiagnostics: '导出诊断信息',
    exported: '诊断信息已保存。文件里只有程序的运行记录，没有任何人的姓名、身份证号、电话或住址。',
    exportFailed: '诊断信息没能保存，请再点一次“导出诊断信息”。',
  },
  textSize: {
    button: '字号：{{size}}',
    standard: '标准',
    large: '大',
    extraLarge: '特大',
  },
};
