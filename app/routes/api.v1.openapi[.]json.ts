import { industryGroups, industryIds } from "~/domain/industries.ts";
import { locationIds } from "~/domain/locations.ts";
import { organizationKinds } from "~/domain/organization-kinds.ts";
import { catalogKinds, sortOrders } from "~/schemas/search.ts";

const listParam = (name: string, description: string, values?: readonly string[]) => ({
  name,
  in: "query",
  required: false,
  description: `${description}（可重复或用逗号分隔 / repeat or comma-separate）`,
  schema: { type: "array", items: values ? { type: "string", enum: values } : { type: "string", maxLength: 30 } },
  style: "form",
  explode: true,
});

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, field: { type: "string" }, message: { type: "string", description: "中文说明" } },
    },
  },
};

/** The public API, described for integrators (OpenAPI 3.1). */
export function loader() {
  const document = {
    openapi: "3.1.0",
    info: {
      title: "产教通开放接口 / Chanjiaotong open API",
      version: "1.0.0",
      description: "鄠邑区产教融合信息化平台的检索与推荐接口（任务 56）。所有文本为简体中文；联系方式不通过接口公开。",
    },
    servers: [{ url: "/" }],
    paths: {
      "/api/v1/search": {
        get: {
          summary: "检索已发布的信息和已核验的机构 / search published listings and verified organisations",
          parameters: [
            { name: "q", in: "query", schema: { type: "string", maxLength: 100 }, description: "关键词" },
            listParam("kind", "类别", catalogKinds),
            listParam("industryGroup", "“3233”产业门类", industryGroups.map((g) => g.id)),
            listParam("industry", "产业", industryIds),
            listParam("location", "街道或园区", locationIds),
            listParam("orgKind", "发布机构类型", organizationKinds),
            { name: "org", in: "query", schema: { type: "string", format: "uuid" }, description: "只看这一家机构发布的信息" },
            listParam("major", "专业（最多 5 个）"),
            { name: "certified", in: "query", schema: { type: "string", enum: ["true", "false"] }, description: "仅产教融合型企业" },
            { name: "payMin", in: "query", schema: { type: "integer", minimum: 0 }, description: "实习月薪下限（元）" },
            { name: "payMax", in: "query", schema: { type: "integer", minimum: 0 }, description: "实习月薪上限（元）" },
            { name: "startFrom", in: "query", schema: { type: "string", format: "date" }, description: "实习开始不早于" },
            { name: "endBy", in: "query", schema: { type: "string", format: "date" }, description: "实习结束不晚于" },
            { name: "sort", in: "query", schema: { type: "string", enum: sortOrders, default: "relevance" } },
            { name: "page", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 1 } },
            { name: "hitsPerPage", in: "query", schema: { type: "integer", minimum: 1, maximum: 50, default: 20 } },
          ],
          responses: {
            "200": {
              description: "检索结果",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["hits", "facets", "totalHits", "page", "totalPages", "processingTimeMs"],
                    properties: {
                      hits: {
                        type: "array",
                        items: {
                          type: "object",
                          required: ["id", "kind", "title", "organization", "industry", "location", "snippet", "url", "publishedAt"],
                          properties: {
                            id: { type: "string", format: "uuid" },
                            kind: { type: "string", enum: catalogKinds },
                            title: { type: "string" },
                            organization: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
                            industry: { type: ["object", "null"], properties: { id: { type: "string" }, label: { type: "string" } } },
                            location: { type: ["object", "null"], properties: { id: { type: "string" }, label: { type: "string" } } },
                            snippet: { type: "string", description: "HTML：已转义的摘要，匹配处以 <mark> 标出" },
                            url: { type: "string", format: "uri" },
                            publishedAt: { type: "string", format: "date-time" },
                            validUntil: { type: "string", format: "date", description: "有效期至（中国日期，与信息页相同）；机构没有此项" },
                          },
                        },
                      },
                      facets: { type: "object", additionalProperties: { type: "object", additionalProperties: { type: "integer" } } },
                      totalHits: { type: "integer" },
                      page: { type: "integer" },
                      totalPages: { type: "integer" },
                      processingTimeMs: { type: "integer" },
                    },
                  },
                },
              },
            },
            "400": { description: "参数有误", content: { "application/json": { schema: errorSchema } } },
            "503": { description: "检索服务暂不可用", content: { "application/json": { schema: errorSchema } } },
          },
        },
      },
      "/api/v1/recommendations": {
        get: {
          summary: "为机构推荐另一方的信息和机构（附推荐理由）/ explained recommendations",
          description: "仅该机构成员和平台工作人员可调用（需登录会话）。",
          parameters: [
            { name: "organization", in: "query", required: true, schema: { type: "string", format: "uuid" } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 50, default: 10 } },
          ],
          responses: {
            "200": { description: "推荐列表，每项含 score 与 reasons" },
            "400": { description: "参数有误", content: { "application/json": { schema: errorSchema } } },
            "401": { description: "未登录", content: { "application/json": { schema: errorSchema } } },
            "404": { description: "机构不存在或无权查看", content: { "application/json": { schema: errorSchema } } },
          },
        },
      },
    },
  };
  return Response.json(document, { headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300" } });
}
