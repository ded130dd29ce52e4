// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/", "test/artifacts/", "bot/web/public/"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // the project's standards: no `any`, no promise left unhandled, logs through pino
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "no-console": "error",
      // a `let` that a closure reads before its one assignment cannot be a `const`
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // an async function without await is how an interface's promise-returning method turns a
      // throw (StoreClosedError, a validation error) into a rejection
      "@typescript-eslint/require-await": "off",
      // configuration is read once, in bot/config.ts (loadConfig), and passed on
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment only in bot/config.ts or bot/cli/main.ts (or a test helper); pass the Config on." },
      ],
    },
  },
  {
    // the places that read the environment: configuration, the CLIs' entry, test helpers and the benchmarks' knobs
    files: ["bot/config.ts", "bot/cli/main.ts", "test/helpers/**/*.ts", "test/bench/**/*.ts", "test/eval/calibrate.ts", "test/eval/report.ts", "test/eval/frames.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // no casts to silence the compiler in the bot: narrow instead (`as const` and `as unknown` stay allowed)
    files: ["bot/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "error",
      "no-restricted-syntax": [
        "error",
        {
          selector: "TSAsExpression:not([typeAnnotation.type='TSUnknownKeyword']):not([typeAnnotation.typeName.name='const'])",
          message: "No casts in bot/: narrow the value (a type guard, zod, a check) instead.",
        },
        { selector: "TSTypeAssertion", message: "No casts in bot/: narrow the value (a type guard, zod, a check) instead." },
      ],
    },
  },
  {
    // jest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any`
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  {
    files: ["eslint.config.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // jest's test sequencer, loaded by jest itself as CommonJS
    files: ["**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, sourceType: "commonjs", globals: { require: "readonly", module: "writable" } },
    rules: { ...tseslint.configs.disableTypeChecked.rules, "@typescript-eslint/no-require-imports": "off" },
  },
);
