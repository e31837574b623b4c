// Organisation profiles, verification and members.
export const zh = {
  "org.kind": "机构类型",
  "org.name": "机构全称",
  "org.creditCode": "统一社会信用代码",
  "org.creditCodeHint": "18 位，见营业执照或事业单位法人证书；企业、学校和培训机构必填。",
  "org.industry": "所属产业",
  "org.location": "所在街道或园区",
  "org.address": "详细地址",
  "org.contactName": "联系人",
  "org.contactPhone": "联系人手机",
  "org.contactEmail": "联系邮箱",
  "org.staffCount": "职工总数（人）",
  "org.staffCountHint": "企业必填：按职工总数的 2% 计算应安排的实习岗位（任务 16）。",
  "org.annualPayroll": "上年度职工工资总额（元）",
  "org.annualPayrollHint": "用于计算按工资总额 8% 提取的职工教育培训经费（任务 19）。",
  "org.studentCount": "在校生人数",
  "org.majors": "开设专业",
  "org.majorsHint": "多个专业用顿号或逗号分隔，例如：数控技术、电子商务。",
  "org.description": "机构简介",
  "org.status.pending": "待审核",
  "org.status.verified": "已认证",
  "org.status.rejected": "未通过审核",
  "org.status.suspended": "已暂停",
} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {
  "org.name": "Full name",
  "org.creditCode": "Unified social credit code",
};
