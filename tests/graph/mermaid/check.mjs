// Parse Mermaid files with the real Mermaid parser (jsdom stands in for the browser): exit 1 on any failure.
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
try { globalThis.navigator = dom.window.navigator; } catch (e) {}
globalThis.DOMParser = dom.window.DOMParser;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  try {
    await mermaid.parse(text);
    console.log(`ok ${file}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${file}: ${String(err && err.message || err).split("\n").slice(0,4).join(" | ")}`);
  }
}
process.exit(failed ? 1 : 0);
