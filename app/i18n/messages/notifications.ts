// Notification inbox and e-mail templates (issue 6).
export const zh = {
  "notifications.title": "消息",
  "notifications.intro": "与本机构相关的每一项变化都会通知到这里：新的响应、对方的决定、订单进展、活动提醒和审核结果。配置了邮件服务时，也会发邮件给机构成员。",
  "notifications.empty": "暂时没有消息。",
  "notifications.emptyUnread": "没有未读消息。",
  "notifications.unreadCount": "{count} 条未读",
  "notifications.filter.all": "全部",
  "notifications.filter.unread": "只看未读",
  "notifications.markRead": "标为已读",
  "notifications.markReadFor": "标为已读 {title}",
  "notifications.markAllRead": "全部标为已读",
  "notifications.markedRead": "已标为已读。",
  "notifications.markedAllRead": "已将 {count} 条消息标为已读。",
  "notifications.unread": "未读",
  "notifications.open": "查看详情",
  "notifications.receivedAt": "时间",
  "notifications.mail.link": "查看详情：{link}",
  "notifications.mail.footer": "此邮件由产教通（鄠邑区产教融合信息化平台）自动发送，请勿直接回复。",
  "notifications.badRequest": "请求无效，请刷新页面后重试。",
  "notifications.previous": "上一页",
  "notifications.next": "下一页",
  "notifications.pagination": "消息分页",
  "notifications.pageOf": "第 {page} / {pages} 页",
} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {
  "notifications.title": "Notifications",
  "notifications.empty": "No notifications yet.",
  "notifications.markAllRead": "Mark all as read",
};
