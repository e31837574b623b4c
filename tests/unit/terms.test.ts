import { describe, expect, it } from "vitest";
import { zhCN, type MessageKey } from "../../app/i18n/zh-CN.ts";

const keys = Object.keys(zhCN) as MessageKey[];

describe("the Chinese catalogue's terms", () => {
  it("keeps 认证 for 产教融合型企业 certification; platform verification is 审核通过 / 已核验", () => {
    // A message about certification names it (产教融合, a certificate, the directory) or belongs to that area.
    const aboutCertification = (key: string, text: string) =>
      key.includes("certification") || /产教融合|认证证书|认证目录|认证申请|认证类型|认证结果/.test(text);
    const confusing = keys.filter((key) => zhCN[key].includes("认证") && !aboutCertification(key, zhCN[key]));
    expect(confusing).toEqual([]);
  });
});
