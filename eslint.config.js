import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const roleComparisons = ["left", "left.expression"].map((side) => ({
  selector: `BinaryExpression[operator=/^[!=]==?$/][right.type='Literal'][${side}.property.name=/^(platform_role|platformRole)$/]`,
  message: "Compare no platform role in place: use can()/requirePermission() (policy.server.ts) or roleCan() (app/domain/permissions.ts).",
}));
const rawTable = {
  selector: "JSXOpeningElement[name.name='table']",
  message: "Write data tables as <DataTable> (app/components/data-table.tsx): it labels each cell for the phone layout.",
};

export default tseslint.config(
  { ignores: ["build/", "build-*/", "node_modules/", "data/", "test-results/", "playwright-report/", ".cache/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // Authorisation asks the permission table (app/domain/permissions.ts), never a role name in place.
    // Data tables go through <DataTable> (app/components/data-table.tsx), which labels every cell for the phone layout.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/domain/permissions.ts", "app/components/data-table.tsx"],
    rules: { "no-restricted-syntax": ["error", ...roleComparisons, rawTable] },
  },
  {
    files: ["app/components/data-table.tsx"],
    rules: { "no-restricted-syntax": ["error", ...roleComparisons] },
  },
);
