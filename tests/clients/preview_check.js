#!/usr/bin/env node
// Drive `workshop-builder preview` in headless Chromium while editing a module on disk; print
// one JSON object to stdout with what the page showed and how long each change took (ms).
// Usage: node preview_check.js --chromium PATH --url http://127.0.0.1:PORT/ --module modules/intro.md
"use strict";

const fs = require("fs");
const { chromium } = require("playwright-core");

const WAIT = 10000; // ms: the longest we wait for a change to show, to report how late it was

function args(argv) {
  const out = { chromium: process.env.CHROMIUM || "/usr/bin/chromium" };
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, "")] = argv[i + 1];
  if (!out.url || !out.module) throw new Error("usage: preview_check.js --url URL --module FILE");
  return out;
}

async function timed(action, condition) {
  const started = Date.now();
  action();
  await condition();
  return Date.now() - started;
}

async function main(opts) {
  const browser = await chromium.launch({
    executablePath: opts.chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const out = { errors: [] };
  try {
    const page = await browser.newPage();
    page.on("pageerror", (err) => out.errors.push(String(err)));
    await page.goto(opts.url, { waitUntil: "load" });
    out.indexTitle = await page.title();
    out.links = await page.$$eval("main a", (as) => as.map((a) => a.textContent));
    await page.click("text=Participant handout");
    await page.waitForSelector("#wb-preview-panel");
    out.panel = await page.textContent("#wb-preview-panel");
    const original = fs.readFileSync(opts.module, "utf8");
    const title = "Mixed slide";
    out.before = (await page.textContent("body")).includes(title);

    // an edit appears by itself
    const edited = original.replace(`## ${title}`, `## ${title} PREVIEW-EDIT`);
    out.editMs = await timed(() => fs.writeFileSync(opts.module, edited), () =>
      page.waitForFunction(() => document.body.textContent.includes("PREVIEW-EDIT"), null, { timeout: WAIT }));

    // a broken front matter shows the overlay with the file and line, in place of the page
    const broken = edited.replace(/^duration: \{(.*)\}$/m, "duration: {$1");
    out.breakMs = await timed(() => fs.writeFileSync(opts.module, broken), () =>
      page.waitForSelector("#wb-preview-overlay", { state: "visible", timeout: WAIT }));
    out.overlay = await page.textContent("#wb-preview-errors");
    out.overlayRole = await page.getAttribute("#wb-preview-overlay", "role");
    out.contentHidden = await page.$eval("main, body > :first-child", (el) => getComputedStyle(el).visibility);

    // the fix clears it, and the page shows the newest build
    const fixed = edited.replace("PREVIEW-EDIT", "PREVIEW-FIXED");
    out.fixMs = await timed(() => fs.writeFileSync(opts.module, fixed), () =>
      page.waitForFunction(() => !document.getElementById("wb-preview-overlay")
        && document.body.textContent.includes("PREVIEW-FIXED"), null, { timeout: WAIT }));
    out.after = await page.textContent("body");
    out.after = out.after.includes("PREVIEW-FIXED") && !out.after.includes("PREVIEW-EDIT");
    fs.writeFileSync(opts.module, original);
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out, null, 2) + "\n");
}

main(args(process.argv.slice(2))).catch((err) => {
  process.stderr.write(`preview_check: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
