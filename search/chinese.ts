// Chinese retrieval settings shared by every index. Meilisearch segments Chinese with jieba, which
// misses some of the domain's words until they are in the dictionary; synonyms are one-way, so each
// pair is declared in both directions.

export const domainDictionary = [
  "产教融合",
  "校企合作",
  "零部件",
  "汽车零部件",
  "汽配",
  "实习生",
  "实习岗位",
  "订单班",
  "订单培养",
  // "现代学徒制" and "新型学徒制" are deliberately not words of their own: as single tokens they hid
  // "学徒制" (a query for 学徒制 found nothing); segmented as 现代/新型 + 学徒制 both queries match.
  "学徒制",
  "师带徒",
  "实训基地",
  "培训包",
  "数控",
  "数控技术",
  "电子商务",
  "电商",
  "生物医药",
  "装备制造",
  "电子信息",
  "数字经济",
  "新材料",
  "印刷包装",
  "现代农业",
  "文旅",
  "现代商贸",
  "健康养老",
  "检测服务",
  "工业机器人",
  "智能制造",
  "运营",
  "部件",
  "双师型",
  "职业体验",
  "成果转化",
  "定向培养",
  // Task 56: whole words so that their synonyms apply (可编程控制器 ↔ PLC).
  "可编程控制器",
  // Words matched as words: a dictionary word is cut out of any text that contains it, so 数控 was cut out of
  // 工艺参数控制 (参/数控/制) and a search for 数控 found 中药提取车间实习生. The longer words around it keep
  // their own boundaries (参数/控制); the search-quality test's word-matching queries measure this.
  "参数",
  "参数控制",
  "函数",
  "系数",
  "指数",
];

const pairs: Array<[string, string]> = [
  ["数控", "CNC"],
  ["汽配", "汽车零部件"],
  ["电商", "电子商务"],
  ["校企合作", "产教融合"],
  ["实习", "见习"],
  ["学徒制", "师带徒"],
  ["订单班", "订单培养"],
  ["机器人", "工业机器人"],
  ["PLC", "可编程控制器"],
  ["养老", "健康养老"],
  ["物流", "现代物流"],
  ["大数据", "数据分析"],
  ["软件", "软件开发"],
  ["护理", "护士"],
  ["药学", "制药"],
];

export const domainSynonyms: Record<string, string[]> = (() => {
  const map: Record<string, Set<string>> = {};
  for (const [a, b] of pairs) {
    (map[a] ??= new Set()).add(b);
    (map[b] ??= new Set()).add(a);
  }
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, [...v].sort()]));
})();

export const domainStopWords = ["的", "了", "和", "与", "及", "等", "在", "是", "为", "有", "我们", "公司"];
