/** The township relay as the laptop shows it (registered under `relay` in ./zh-CN; issue 17). */
export const relayZhCN = {
  server: {
    label: '本机连接的服务器',
    central: '县级服务器',
    relayUp: '乡镇中转站（县里已连通）',
    relayDown: '乡镇中转站（县里暂时连不上）',
    named: '{{name}}',
  },
  awaitingTag: '待县里确认',
  awaitingHint: '这条记录已交给乡镇中转站，县级服务器还没有确认收下。',
  handedOver: '已交乡镇中转站，等待县里确认（{{count}}条）',
  handedOverExplain: '县里连通后，中转站会把这些记录送上去；县里的答复会回到这里。',
  refusals: {
    title: '县里没有收下的记录',
    explain: '下面这些记录经乡镇中转站送到县里，县里没有收下。本机填写的内容没有丢，都在“需要核对的记录”里，可以核对后再改。',
    item: '{{collection}} {{count}} 条：{{message}}',
    noMessage: '县里没有说明原因。',
    dismiss: '知道了',
  },
  villages: {
    title: '在乡镇中转站等待送到县里的记录',
    explain: '县里连不上的时候，各村交来的记录先存在乡镇中转站，连通后会自动送上去。',
    village: '村（社区）',
    count: '等待的记录',
    oldest: '最早交来',
    empty: '中转站没有等待送到县里的记录。',
  },
} as const;
