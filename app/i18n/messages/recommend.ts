// Explained recommendations (plan task 56): the dashboard section, similar listings, the API, and the
// reason texts that search/recommend.ts attaches to every recommendation.
export const zh = {
  "recommend.title": "为您推荐",
  "recommend.intro": "按本机构的专业、所属产业、地点和规模，从合作另一方的信息和机构中挑选，每条都写明推荐理由。",
  "recommend.empty": "暂时没有合适的推荐。在“机构资料”中填写所属产业、地点和开设专业后，推荐会更准确。",
  "recommend.unavailable": "推荐服务暂时不可用，请稍后刷新页面再看。其他功能不受影响。",
  "recommend.score": "匹配度 {score}",
  "recommend.scoreHint": "匹配度满分 100，由下列推荐理由的分值相加。",
  "recommend.reasons": "推荐理由",
  "recommend.kind.organization": "机构",
  "recommend.similar.title": "相似信息",
  "recommend.similar.empty": "暂时没有相似的信息。",
  "recommend.similar.unavailable": "相似信息暂时无法显示，请稍后再看。",

  "recommend.reason.industry": "产业对口：{industry}",
  "recommend.reason.sameIndustry": "同属产业：{industry}",
  "recommend.reason.majors": "专业匹配：{majors}",
  "recommend.reason.skills": "技能相同：{skills}",
  "recommend.reason.sameLocation": "同在{location}",
  "recommend.reason.nearbyPark": "地点相近：{location}（同为产业园区）",
  "recommend.reason.nearbyTown": "地点相近：{location}（同为镇街）",
  "recommend.reason.recent30": "近 30 天发布",
  "recommend.reason.recent90": "近 90 天发布",
  "recommend.reason.certified": "已认证产教融合型企业",
  "recommend.reason.capacityPositions": "岗位数与在校生规模相当",
  "recommend.reason.capacityCohort": "订单班人数与在校生规模相当",
  "recommend.reason.capacityStudents": "在校生规模可满足实习岗位需求",

  "recommend.api.loginRequired": "请先登录，再获取推荐。",
  "recommend.api.notFound": "找不到这个机构，或您无权查看它的推荐。",
  "recommend.api.badOrganization": "须为机构编号（UUID 格式），例如 organization=0f8fad5b-d9cb-469f-a165-70867728950e",
  "recommend.api.badLimit": "须为 1 到 50 之间的整数；不填时为 10",
  "recommend.api.unknownParam": "不支持的参数 {name}；支持：organization、limit",
  "recommend.api.badParam": "参数 {name} 有误：{message}",
} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {
  "recommend.title": "Recommended for you",
  "recommend.similar.title": "Similar listings",
};
