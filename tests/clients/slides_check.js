#!/usr/bin/env node
// Drive an HTML slides page (slides-html) in headless Chromium as a presenter would, and print
// one JSON object to stdout with what the page showed after each step (tests/test_clients.py
// asserts on it). With --shots DIR, screenshots of the steps are saved there too.
// Usage: node slides_check.js [--chromium /usr/bin/chromium] [--shots DIR] [--pdf FILE] slides.html
"use strict";

const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// What the page shows now: the address's hash, the visible slides and the visible slide's heading.
async function state(page) {
  return page.evaluate(() => {
    const shown = [...document.querySelectorAll("#deck > section")].filter((s) => !s.hidden);
    const overview = document.getElementById("overview");
    return {
      hash: location.hash,
      visible: shown.map((s) => s.getAttribute("aria-label")),
      heading: shown.length === 1 && shown[0].querySelector("h2") ? shown[0].querySelector("h2").textContent : null,
      overviewOpen: !overview.hidden,
      focused: document.activeElement ? document.activeElement.textContent.trim().slice(0, 80) : null,
    };
  });
}

async function presenterState(page) {
  return page.evaluate(() => {
    const get = (name) => document.querySelector(`[data-p="${name}"]`);
    const visible = (el) => !!el && !el.closest("[hidden]") && el.getBoundingClientRect().width > 0;
    return {
      visible: visible(get("notes")),
      hash: location.hash,
      notes: get("notes").innerText,
      agenda: get("agenda").textContent,
      elapsed: get("elapsed").textContent,
      planned: get("planned").textContent,
      current: get("current").querySelector("h2") ? get("current").querySelector("h2").textContent : null,
      next: get("next").querySelector("h2") ? get("next").querySelector("h2").textContent : get("next").textContent,
    };
  });
}

async function axe(page, source) {
  await page.addScriptTag({ content: source });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    TAGS,
  );
  return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target) }));
}

async function main(argv) {
  let executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  let shots = null;
  let pdf = null;
  let file = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--chromium") executablePath = argv[++i];
    else if (argv[i] === "--shots") shots = argv[++i];
    else if (argv[i] === "--pdf") pdf = argv[++i];
    else file = argv[i];
  }
  if (!file) throw new Error("usage: slides_check.js [--chromium PATH] [--shots DIR] [--pdf FILE] slides.html");
  const url = pathToFileURL(path.resolve(file)).href;
  const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const out = { steps: {}, requests: [] };
  const shot = async (page, name) => { if (shots) await page.screenshot({ path: path.join(shots, name + ".png") }); };
  try {
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 720 } });
    context.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) out.requests.push(r.url()); });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    out.steps.load = await state(page);
    for (const [name, key] of [["right", "ArrowRight"], ["right2", "ArrowRight"], ["left", "ArrowLeft"],
      ["pageDown", "PageDown"], ["space", " "], ["pageUp", "PageUp"], ["end", "End"], ["home", "Home"]]) {
      await page.keyboard.press(key);
      out.steps[name] = await state(page);
    }
    // every slide in turn with the arrow key: its heading, and only it shown
    out.walk = [];
    for (let n = 1; ; n++) {
      const now = await state(page);
      out.walk.push({ hash: now.hash, heading: now.heading, shown: now.visible.length });
      if (now.visible[0] === "Slide " + n + " of " + n) break;
      if (n > 500) throw new Error("the walk never reached the last slide");
      await page.keyboard.press("ArrowRight");
    }
    await page.goto(url + "#3", { waitUntil: "load" });
    out.steps.hash3 = await state(page);
    await shot(page, "slide-3");
    await page.mouse.click(900, 400);
    out.steps.click = await state(page);
    await page.click('button[aria-label="Next slide"]');
    out.steps.nextButton = await state(page);
    out.axe = { slides: await axe(page, axeSource) };

    await page.keyboard.press("o");
    out.steps.overview = await state(page);
    out.steps.overview.thumbnails = await page.locator("#overview .thumb .frame").count();
    await shot(page, "overview");
    out.axe.overview = await axe(page, axeSource);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    out.steps.overviewEnter = await state(page);

    // the presenter view in a second window, in step with this one
    const [popup] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("p")]);
    await popup.waitForLoadState("load");
    await popup.setViewportSize({ width: 1280, height: 800 });
    out.steps.presenter = await presenterState(popup);
    await shot(popup, "presenter");
    await page.keyboard.press("ArrowRight");
    await popup.waitForTimeout(300);
    out.steps.presenterFollows = await presenterState(popup);
    await popup.keyboard.press("ArrowRight");
    await page.waitForTimeout(300);
    out.steps.audienceFollows = await state(page);
    out.axe.presenter = await axe(popup, axeSource);
    await popup.close();

    // a presenter view opened on its own (not from this window) keeps in step through the BroadcastChannel
    const alone = await context.newPage();
    await alone.goto(url + "?presenter#2", { waitUntil: "load" });
    await page.keyboard.press("Home");
    await alone.waitForTimeout(300);
    out.steps.channelPresenter = await presenterState(alone);
    await alone.keyboard.press("End");
    await page.waitForTimeout(300);
    out.steps.channelAudience = await state(page);
    await alone.close();

    // the agenda clock: a presenter 20 minutes into the session on the given slide
    const clockPage = await context.newPage();
    await clockPage.clock.install({ time: new Date("2026-11-27T10:00:00") });
    await clockPage.goto(url + "?presenter#" + (out.steps.overviewEnter.hash || "#1").slice(1), { waitUntil: "load" });
    out.steps.clockStart = await presenterState(clockPage);
    await clockPage.clock.runFor(20 * 60 * 1000);
    out.steps.clockLater = await presenterState(clockPage);
    await shot(clockPage, "presenter-20-minutes");
    await clockPage.close();

    if (pdf) {
      const printPage = await context.newPage();
      await printPage.goto(url, { waitUntil: "load" });
      await printPage.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      await printPage.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out, null, 2) + "\n");
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`slides_check: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
