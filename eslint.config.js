import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

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
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/domain/permissions.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...["left", "left.expression"].map((side) => ({
          selector: `BinaryExpression[operator=/^[!=]==?$/][right.type='Literal'][${side}.property.name=/^(platform_role|platformRole)$/]`,
          message: "Compare no platform role in place: use can()/requirePermission() (policy.server.ts) or roleCan() (app/domain/permissions.ts).",
        })),
      ],
    },
  },
);
