import type { IndustryId } from "../app/domain/industries.ts";
import type { LocationId } from "../app/domain/locations.ts";
import type { OrganizationKind } from "../app/domain/organization-kinds.ts";

export interface DemoOrganization {
  key: string;
  kind: OrganizationKind;
  name: string;
  /** First 17 characters of the credit code; the check character is computed. */
  creditBody?: string;
  industry?: IndustryId;
  location?: LocationId;
  address?: string;
  staff?: number;
  payrollWan?: number;
  students?: number;
  majors?: string[];
  description: string;
}

// The universities, schools and parks the plan names, and believable (fictitious) enterprises and
// providers across the "3233" industries. 610118 is 鄠邑区's administrative division code.
export const demoOrganizations: DemoOrganization[] = [
  { key: "xjtu", kind: "university", name: "西安交通大学", creditBody: "12100000435230015", majors: ["机械制造及自动化", "电气自动化技术", "材料工程技术", "软件技术", "人工智能技术应用"], students: 40000, description: "教育部直属重点大学，与鄠邑区开展人才合作培养与科技成果转化。" },
  { key: "xsyu", kind: "university", name: "西安石油大学", creditBody: "12610000435230702", majors: ["材料工程技术", "机械制造及自动化", "计算机应用技术", "工业分析技术"], students: 25000, description: "以石油石化为特色的多科性大学，参与“创新型人才联合培育基地”建设。" },
  { key: "xauat", kind: "university", name: "西安建筑科技大学", creditBody: "12610000435230235", majors: ["材料工程技术", "环境监测技术", "复合材料智能制造技术", "数字媒体技术"], students: 30000, description: "建筑、土木、环境、材料学科见长，面向区域开展技术服务与人才培养。" },
  { key: "nwafu", kind: "university", name: "西北农林科技大学", creditBody: "12100000435240019", majors: ["现代农业技术", "园艺技术", "农产品加工与质量检测", "食品检验检测技术"], students: 30000, description: "农林水特色高校，向五竹、余下等街道输出农业科技成果，开展新型职业农民培训。" },
  { key: "nwpu", kind: "university", name: "西北工业大学", creditBody: "12100000435230594", majors: ["机械制造及自动化", "复合材料智能制造技术", "电子信息工程技术", "人工智能技术应用"], students: 33000, description: "航空航天航海特色高校，与园区企业组建“联盟+企业”工作体制。" },
  { key: "chd", kind: "university", name: "长安大学", creditBody: "12100000435230851", majors: ["汽车制造与试验技术", "新能源汽车技术", "现代物流管理", "环境监测技术"], students: 32000, description: "交通特色高校，与汽车零部件企业开展技术研发与成果转化。" },
  { key: "sxgfxy", kind: "vocational_school", name: "陕西国防工业职业技术学院", creditBody: "12610000435231449", location: "caotang", address: "鄠邑区草堂街道", majors: ["数控技术", "机电一体化技术", "工业机器人技术", "电子信息工程技术", "汽车检测与维修技术", "电子商务"], students: 15000, description: "位于鄠邑区的国家优质高职院校，装备制造类专业群与区内企业订单培养、共建实训基地。" },
  { key: "guidao", kind: "vocational_school", name: "西安市交通轨道工程学院", creditBody: "52610118MJ0000012", location: "yuxia", majors: ["电气自动化技术", "机电一体化技术", "现代物流管理", "计算机应用技术"], students: 6000, description: "力争建成的示范高校，培养轨道交通与智能制造技术技能人才。" },
  { key: "zhijiao", kind: "vocational_school", name: "鄠邑区职业教育中心", creditBody: "12610118MB2900018", location: "ganting", address: "鄠邑区甘亭街道", majors: ["数控技术", "汽车检测与维修技术", "电子商务", "护理", "现代农业技术", "旅游管理"], students: 3200, description: "鄠邑区标准化职业教育中心，建设职业体验中心，开展职工培训、转岗培训与创业培训。" },
  { key: "jigong", kind: "vocational_school", name: "西安鄠邑技工学校", creditBody: "52610118MJ0000028", location: "yuxia", majors: ["焊接技术与自动化", "数控技术", "电气自动化技术", "新能源汽车技术"], students: 1800, description: "技工院校，开展企业新型学徒制培训与工学交替育人。" },
  { key: "peixun1", kind: "training_provider", name: "鄠邑区技能提升培训学校", creditBody: "52610118MJ0000036", location: "ganting", majors: ["数控技术", "电子商务", "智慧健康养老服务与管理"], description: "面向企业职工和转岗人员的职业技能培训，提供“互联网+”线上线下混合培训包。" },
  { key: "peixun2", kind: "training_provider", name: "西安秦创职业培训学校", creditBody: "52610118MJ0000044", location: "xihu_hitech_zone", majors: ["工业机器人技术", "大数据技术", "直播电商服务"], description: "承接政府购买培训服务，开发产业技术课程和 1+X 证书培训包。" },
  { key: "fengjing", kind: "park_committee", name: "沣京工业园管委会", location: "fengjing_park", description: "东部产业聚集区，装备制造、新材料企业集中，组织园区企业参与校企合作与对接活动。" },
  { key: "xihu", kind: "park_committee", name: "西户高新区管委会", location: "xihu_hitech_zone", description: "西户高新科技产业园，电子信息、生物医药与检测服务企业集聚。" },
  { key: "lixing", kind: "park_committee", name: "李杏科技创新园管委会", location: "lixing_innovation_park", description: "引进院士工作站、农业科研机构，孵化涉农高新技术企业。" },
  { key: "autoparts", kind: "enterprise", name: "西安汽车零部件产业园", creditBody: "91610118MA6TG0001", industry: "equipment_manufacturing", location: "auto_parts_park", address: "鄠邑区西安汽车零部件产业园", staff: 2600, payrollWan: 18000, description: "汽车零部件产业集聚区运营主体，目标建成产教融合型企业、高质量产教融合实训基地和国家级科技企业孵化器。" },
  { key: "qinling", kind: "enterprise", name: "西安秦岭精工数控机床有限公司", creditBody: "91610118MA6TG0028", industry: "equipment_manufacturing", location: "fengjing_park", staff: 420, payrollWan: 3300, description: "数控机床整机与关键功能部件制造，常年招收数控技术、机电一体化专业实习生。" },
  { key: "fengjingauto", kind: "enterprise", name: "陕西沣京汽车零部件制造有限公司", creditBody: "91610118MA6TG0036", industry: "equipment_manufacturing", location: "auto_parts_park", staff: 860, payrollWan: 6900, description: "汽车底盘与车身零部件冲压、焊接、总成，配套整车企业，开展订单班培养。" },
  { key: "zhizao", kind: "enterprise", name: "西安鄠邑智能装备有限公司", creditBody: "91610118MA6TG0044", industry: "equipment_manufacturing", location: "fengjing_park", staff: 260, payrollWan: 2100, description: "工业机器人系统集成与智能产线，需要工业机器人技术、电气自动化专业人才。" },
  { key: "kangyuan", kind: "enterprise", name: "西安鄠邑康元生物制药有限公司", creditBody: "91610118MA6TG0052", industry: "biomedicine", location: "xihu_hitech_zone", staff: 350, payrollWan: 3100, description: "化学制剂与中成药生产，GMP 车间，提供药品生产技术岗位实习。" },
  { key: "huaxin", kind: "enterprise", name: "西安户县华芯电子科技有限公司", creditBody: "91610118MA6TG0069", industry: "electronic_information", location: "xihu_hitech_zone", staff: 280, payrollWan: 2500, description: "电子元器件与传感器模组制造，开展电子信息工程技术专业现代学徒制。" },
  { key: "shuzhi", kind: "enterprise", name: "鄠邑数智云科技有限公司", creditBody: "91610118MA6TG0077", industry: "digital_economy", location: "lixing_innovation_park", staff: 120, payrollWan: 1400, description: "农业物联网与大数据平台开发，与高校联合研发智慧农业系统。" },
  { key: "xinrui", kind: "enterprise", name: "西安新锐复合材料有限公司", creditBody: "91610118MA6TG0085", industry: "new_materials", location: "fengjing_park", staff: 210, payrollWan: 1700, description: "碳纤维复合材料构件研发生产，寻求高校技术研发与成果转化合作。" },
  { key: "qinmei", kind: "enterprise", name: "陕西秦美印刷包装有限公司", creditBody: "91610118MA6TG0093", industry: "printing_packaging", location: "yuxia", staff: 190, payrollWan: 1200, description: "绿色印刷与智能包装，招收数字印刷、包装设计专业学生实习。" },
  { key: "hutai", kind: "enterprise", name: "西安鄠邑户太农业科技有限公司", creditBody: "91610118MA6TG0108", industry: "modern_agriculture", location: "wuzhu", staff: 85, payrollWan: 520, description: "户太葡萄种植、加工与冷链，开展新型职业农民培训和农业技术合作。" },
  { key: "caotang", kind: "enterprise", name: "鄠邑草堂文旅发展集团有限公司", creditBody: "91610118MA6TG0116", industry: "culture_tourism", location: "caotang", staff: 240, payrollWan: 1500, description: "草堂寺、农民画等文旅资源运营，提供旅游管理、数字媒体岗位与职业体验活动。" },
  { key: "shangmao", kind: "enterprise", name: "西安鄠邑商贸物流有限公司", creditBody: "91610118MA6TG0124", industry: "modern_commerce", location: "ganting", staff: 160, payrollWan: 980, description: "区域商贸与城乡配送，招收现代物流管理、电子商务专业实习生。" },
  { key: "dianshang", kind: "enterprise", name: "西安鄠邑电子商务产业有限公司", creditBody: "91610118MA6TG0132", industry: "modern_commerce", location: "ganting", staff: 70, payrollWan: 480, description: "农产品直播电商与网店运营，与职业院校共建电商实训基地。" },
  { key: "kangyang", kind: "enterprise", name: "鄠邑康养健康管理有限公司", creditBody: "91610118MA6TG0140", industry: "health_elderly_care", location: "ganting", staff: 130, payrollWan: 760, description: "社区养老与康复护理服务，订单培养智慧健康养老专业学生。" },
  { key: "qinzheng", kind: "enterprise", name: "陕西秦正检测技术有限公司", creditBody: "91610118MA6TG0159", industry: "testing_services", location: "xihu_hitech_zone", staff: 95, payrollWan: 700, description: "食品、环境与汽车零部件检测认证，提供检验检测岗位实习。" },
];
