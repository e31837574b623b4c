import type { IndustryId } from "./industries.ts";

// A curated list of vocational and university majors relevant to the "3233" industries, with the
// industries each one serves: the crosswalk behind majors↔industry fit in recommendations.
export const majorCrosswalk: Record<string, IndustryId[]> = {
  数控技术: ["equipment_manufacturing"],
  机电一体化技术: ["equipment_manufacturing", "electronic_information"],
  机械制造及自动化: ["equipment_manufacturing"],
  模具设计与制造: ["equipment_manufacturing", "new_materials"],
  工业机器人技术: ["equipment_manufacturing", "digital_economy"],
  智能制造装备技术: ["equipment_manufacturing"],
  汽车制造与试验技术: ["equipment_manufacturing"],
  新能源汽车技术: ["equipment_manufacturing", "new_materials"],
  汽车检测与维修技术: ["equipment_manufacturing", "testing_services"],
  焊接技术与自动化: ["equipment_manufacturing"],
  电气自动化技术: ["equipment_manufacturing", "electronic_information"],
  电子信息工程技术: ["electronic_information"],
  应用电子技术: ["electronic_information"],
  集成电路技术: ["electronic_information"],
  物联网应用技术: ["electronic_information", "digital_economy", "modern_agriculture"],
  计算机应用技术: ["digital_economy", "electronic_information"],
  软件技术: ["digital_economy"],
  大数据技术: ["digital_economy"],
  云计算技术应用: ["digital_economy"],
  人工智能技术应用: ["digital_economy", "electronic_information"],
  电子商务: ["modern_commerce", "digital_economy"],
  直播电商服务: ["modern_commerce", "digital_economy"],
  现代物流管理: ["modern_commerce"],
  市场营销: ["modern_commerce"],
  药品生产技术: ["biomedicine"],
  药学: ["biomedicine", "health_elderly_care"],
  生物制药技术: ["biomedicine"],
  药品质量与安全: ["biomedicine", "testing_services"],
  医学检验技术: ["testing_services", "health_elderly_care", "biomedicine"],
  护理: ["health_elderly_care"],
  智慧健康养老服务与管理: ["health_elderly_care"],
  康复治疗技术: ["health_elderly_care"],
  材料工程技术: ["new_materials"],
  高分子材料智能制造技术: ["new_materials"],
  复合材料智能制造技术: ["new_materials", "equipment_manufacturing"],
  印刷数字图文技术: ["printing_packaging"],
  包装策划与设计: ["printing_packaging"],
  数字印刷技术: ["printing_packaging", "digital_economy"],
  现代农业技术: ["modern_agriculture"],
  园艺技术: ["modern_agriculture"],
  食品检验检测技术: ["testing_services", "modern_agriculture"],
  农产品加工与质量检测: ["modern_agriculture", "testing_services"],
  旅游管理: ["culture_tourism"],
  酒店管理与数字化运营: ["culture_tourism", "modern_commerce"],
  文物修复与保护: ["culture_tourism"],
  数字媒体技术: ["culture_tourism", "digital_economy"],
  环境监测技术: ["testing_services"],
  工业分析技术: ["testing_services", "new_materials"],
  会计信息管理: ["modern_commerce"],
};

export const majorNames = Object.keys(majorCrosswalk);

export function industriesForMajor(major: string): IndustryId[] {
  return majorCrosswalk[major] ?? [];
}
