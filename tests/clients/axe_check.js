#!/usr/bin/env node
// Run axe-core against HTML files in headless Chromium; print one JSON object to stdout:
// {"<file>": [{"id", "impact", "help", "nodes": [{"target", "html", "summary"}]}], ...}
// Usage: node axe_check.js [--chromium /usr/bin/chromium] file.html|file:///…html?query#hash [...]
"use strict";

const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function main(argv) {
  let executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--chromium") executablePath = argv[++i];
    else files.push(argv[i]);
  }
  if (!files.length) throw new Error("usage: axe_check.js [--chromium PATH] file.html ...");
  const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const out = {};
  try {
    const context = await browser.newContext({ offline: true });
    for (const file of files) {
      const page = await context.newPage();
      const url = /^file:/.test(file) ? file : pathToFileURL(path.resolve(file)).href;  // a file:// URL may carry ?query#hash
      await page.goto(url, { waitUntil: "load", timeout: 60000 });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
        TAGS,
      );
      out[file] = result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200), summary: n.failureSummary })),
        count: v.nodes.length,
      }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out, null, 2) + "\n");
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`axe_check: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
