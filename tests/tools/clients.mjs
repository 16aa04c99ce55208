// Opens a built dist/ folder in the clients readers use and writes what they saw as JSON.
//
//   node tests/tools/clients.mjs DIST REPORT.json
//
// One headless Chromium (Debian's, through puppeteer-core) for everything, fed by a small
// HTTP server on 127.0.0.1:
//   epubs  every EPUB in epub.js (paginated, one page of 600x800): its spine, each spine item
//          rendered, each contents entry followed (where it landed, whether its target is on
//          the displayed page), and for right-to-left books every page in turn.
//   axe    axe-core on every HTML page in DIST and every XHTML file inside each EPUB (served
//          as application/xhtml+xml).
//   pdfs   pdf.js (in Node) on each screen PDF, DIR/DIR.pdf (interviews and volumes): text of
//          each page in reading order, outline, page labels.
import { createServer } from 'node:http';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import JSZip from 'jszip';
import puppeteer from 'puppeteer-core';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WIDTH = 600;
const HEIGHT = 800;
const AXE_PAGES = 3; // tabs running axe side by side, in the one browser

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.svg': 'image/svg+xml', '.webp': 'image/webp', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.otf': 'font/otf', '.ttf': 'font/ttf', '.epub': 'application/epub+zip',
  '.opf': 'application/oebps-package+xml', '.ncx': 'application/x-dtbncx+xml',
  '.xml': 'application/xml', '.smil': 'application/smil+xml', '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4', '.pdf': 'application/pdf',
};

async function walk(folder) {
  const found = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name === '.cache') continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...await walk(full));
    else found.push(full);
  }
  return found.sort();
}

const READER = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>reader</title>
<style>html,body{margin:0;padding:0} #viewer{width:${WIDTH}px;height:${HEIGHT}px}</style>
<script src="/tools/jszip.min.js"></script><script src="/tools/epub.min.js"></script>
</head><body><div id="viewer"></div></body></html>`;

function serve(dist, epubFiles) {
  const tools = {
    '/tools/jszip.min.js': require.resolve('jszip/dist/jszip.min.js'),
    '/tools/epub.min.js': require.resolve('epubjs/dist/epub.min.js'),
  };
  const server = createServer(async (request, response) => {
    const url = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const type = TYPES[path.extname(url).toLowerCase()] || 'application/octet-stream';
    try {
      let body;
      if (url === '/reader.html') body = READER;
      else if (tools[url]) body = await readFile(tools[url]);
      else if (url.startsWith('/epub/')) body = epubFiles.get(url.slice('/epub/'.length));
      else if (url.startsWith('/dist/')) {
        const file = path.resolve(dist, url.slice('/dist/'.length));
        if (!file.startsWith(path.resolve(dist) + path.sep)) throw new Error('outside');
        body = await readFile(file);
      }
      if (body === undefined) throw new Error('not found');
      response.writeHead(200, { 'content-type': url === '/reader.html' ? TYPES['.html'] : type });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- epub.js ----------------------------------------------------------------------------
// Runs in the reader page. What is on the displayed page is measured, not assumed: a text
// node or an element counts as shown when its box's centre lies inside the 600x800 viewer.
function pageHelpers() {
  window.shown = () => {
    const contents = window.rendition.getContents()[0];
    const view = document.getElementById('viewer').getBoundingClientRect();
    const frame = contents.document.defaultView.frameElement.getBoundingClientRect();
    const inside = (rect) => {
      if (!rect || (rect.width === 0 && rect.height === 0)) return false;
      const x = frame.left + rect.left + rect.width / 2;
      const y = frame.top + rect.top + rect.height / 2;
      return x >= view.left && x <= view.right && y >= view.top && y <= view.bottom;
    };
    const doc = contents.document;
    const texts = [];
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.data.trim()) texts.push(node);
    }
    const visible = [];
    const laidOut = [];
    texts.forEach((node, index) => {
      const range = doc.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()];
      if (rects.some((r) => r.width > 0 && r.height > 0)) laidOut.push(index);
      if (rects.some(inside)) visible.push(index);
    });
    return { doc, texts, visible, laidOut, inside };
  };
  window.settle = async () => {
    const contents = window.rendition.getContents()[0];
    if (contents) await contents.document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  };
  window.where = () => {
    const location = window.rendition.currentLocation() || {};
    const start = location.start || {};
    const displayed = start.displayed || {};
    return {
      section: start.href, index: start.index, page: displayed.page, pages: displayed.total,
      atStart: !!location.atStart, atEnd: !!location.atEnd,
    };
  };
}

async function readEpub(page, url) {
  return page.evaluate(async (url, width, height) => {
    const book = ePub(url, { openAs: 'epub' });
    const rendition = book.renderTo('viewer', {
      width, height, flow: 'paginated', spread: 'none', manager: 'default',
    });
    window.rendition = rendition;
    const errors = [];
    rendition.on('displayerror', (e) => errors.push(String(e)));
    await book.ready;
    const navigation = await book.loaded.navigation;
    const metadata = book.packaging.metadata;
    const result = {
      title: metadata.title, language: metadata.language,
      direction: metadata.direction || null, renditionDirection: null,
      spine: [], toc: [], pages: [], errors,
    };
    // every spine item, rendered in turn
    for (const item of book.spine.spineItems) {
      const entry = { href: item.href, idref: item.idref, linear: item.linear };
      try {
        await rendition.display(item.href);
        await settle();
        const { doc, texts } = shown();
        const images = [...doc.querySelectorAll('img, image')];
        entry.rendered = where().section === item.href;
        entry.textNodes = texts.length;
        entry.firstText = texts.length ? texts[0].data.trim().slice(0, 80) : '';
        entry.images = images.length;
        entry.imagesLoaded = images.filter((i) => i.tagName.toLowerCase() !== 'img'
          || (i.complete && i.naturalWidth > 0)).length;
        entry.pages = where().pages;
      } catch (error) {
        entry.rendered = false;
        entry.error = String(error && error.stack || error);
      }
      result.spine.push(entry);
    }
    result.renditionDirection = rendition.settings.direction;
    // every contents entry, followed as a reader taps it
    const flat = [];
    const flatten = (items, depth) => items.forEach((item) => {
      flat.push({ label: item.label.trim(), href: item.href, depth });
      flatten(item.subitems || [], depth + 1);
    });
    flatten(navigation.toc, 0);
    for (const entry of flat) {
      try {
        await rendition.display(entry.href);
        await settle();
        const { doc, texts, visible, inside } = shown();
        Object.assign(entry, where());
        entry.firstText = visible.length ? texts[visible[0]].data.trim().slice(0, 80) : '';
        const fragment = entry.href.includes('#') ? entry.href.split('#')[1] : null;
        if (fragment) {
          const target = doc.getElementById(fragment);
          entry.targetFound = !!target;
          if (target) {
            const heading = /^h[1-6]$/i.test(target.tagName) ? target
              : target.querySelector('h1,h2,h3,h4,h5,h6');
            entry.targetTag = target.tagName.toLowerCase();
            entry.targetVisible = [...target.getClientRects()].some(inside);
            entry.headingText = heading ? heading.textContent.trim() : null;
            entry.headingVisible = heading ? [...heading.getClientRects()].some(inside) : null;
          }
        } else {
          // a whole file: it must open on its first page, showing its first text
          entry.targetFound = true;
          entry.targetVisible = entry.page === 1 && (texts.length === 0 || visible[0] === 0);
        }
      } catch (error) {
        entry.error = String(error && error.stack || error);
      }
      result.toc.push(entry);
    }
    // right-to-left books: every page from the first, by "next page", as a reader turns them
    if ((result.direction || rendition.settings.direction) === 'rtl') {
      await rendition.display(book.spine.spineItems[0].href);
      for (let turn = 0; turn < 400; turn++) {
        await settle();
        const { texts, visible, laidOut } = shown();
        const container = rendition.manager.container;
        result.pages.push({
          ...where(), scrollLeft: container.scrollLeft,
          textNodes: texts.length, laidOut, visible,
          firstText: visible.length ? texts[visible[0]].data.trim().slice(0, 60) : '',
        });
        if (where().atEnd) break;
        await rendition.next();
      }
    }
    book.destroy();
    return result;
  }, url, WIDTH, HEIGHT);
}

// ---- axe-core -----------------------------------------------------------------------------
async function axeRun(browser, axeSource, urls) {
  const results = {};
  const queue = [...urls];
  const worker = async () => {
    const page = await browser.newPage();
    while (queue.length) {
      const [name, url] = queue.shift();
      try {
        const response = await page.goto(url, { waitUntil: 'load' });
        const contentType = response.headers()['content-type'];
        await page.evaluate(axeSource);
        const found = await page.evaluate(async () => {
          const run = await axe.run(document, { resultTypes: ['violations'] });
          await document.fonts.ready;
          return {
            contentType: document.contentType,
            fonts: [...document.fonts].map((f) => `${f.family} ${f.style} ${f.weight}: ${f.status}`),
            violations: run.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 300),
                failureSummary: n.failureSummary })),
            })),
          };
        });
        results[name] = { served: contentType, ...found };
      } catch (error) {
        results[name] = { error: String(error && error.stack || error), violations: [] };
      }
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: AXE_PAGES }, worker));
  return results;
}

// ---- pdf.js -------------------------------------------------------------------------------
async function readPdf(file) {
  const data = new Uint8Array(await readFile(file));
  const pdf = await pdfjs.getDocument({
    data, verbosity: 0, isEvalSupported: false, useSystemFonts: false,
    standardFontDataUrl: path.join(path.dirname(require.resolve('pdfjs-dist/package.json')),
      'standard_fonts') + path.sep,
  }).promise;
  const pageOf = async (dest) => {
    try {
      const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
      return explicit ? await pdf.getPageIndex(explicit[0]) + 1 : null;
    } catch {
      return null;
    }
  };
  const outline = async (items) => Promise.all((items || []).map(async (item) => ({
    title: item.title, page: await pageOf(item.dest), items: await outline(item.items),
  })));
  const pages = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => (item.str || '') + (item.hasEOL ? '\n' : '')).join(''));
    page.cleanup();
  }
  const { info } = await pdf.getMetadata();
  const result = {
    numPages: pdf.numPages, title: info.Title || null, language: info.Language || null,
    markInfo: await pdf.getMarkInfo(), outline: await outline(await pdf.getOutline()),
    pageLabels: await pdf.getPageLabels(), pages,
  };
  await pdf.destroy();
  return result;
}

// ---- main ---------------------------------------------------------------------------------
async function main() {
  const [distArg, reportArg] = process.argv.slice(2);
  if (!distArg || !reportArg) {
    console.error('usage: node clients.mjs DIST REPORT.json');
    process.exit(2);
  }
  const dist = path.resolve(distArg);
  const started = Date.now();
  const timings = {};
  const time = async (name, work) => {
    const t = Date.now();
    const value = await work();
    timings[name] = (Date.now() - t) / 1000;
    return value;
  };
  const files = (await walk(dist)).map((f) => path.relative(dist, f).split(path.sep).join('/'));
  const epubs = files.filter((f) => f.endsWith('.epub'));
  const htmls = files.filter((f) => f.endsWith('.html'));
  const pdfs = files.filter((f) => {
    const parts = f.split('/');
    return parts.length === 2 && parts[1] === `${parts[0]}.pdf`;
  });

  // every file of every EPUB, for the XHTML axe runs on
  const epubFiles = new Map();
  const xhtmls = [];
  for (const epub of epubs) {
    const zip = await JSZip.loadAsync(await readFile(path.join(dist, epub)));
    for (const [name, entry] of Object.entries(zip.files)) {
      if (entry.dir) continue;
      epubFiles.set(`${epub}/${name}`, await entry.async('nodebuffer'));
      if (/\.x?html$/.test(name)) xhtmls.push(`${epub}/${name}`);
    }
  }

  const server = await serve(dist, epubFiles);
  const base = `http://127.0.0.1:${server.address().port}`;
  const pdfWork = time('pdfjs', async () => {
    const out = {};
    for (const pdf of pdfs) out[pdf] = await readPdf(path.join(dist, pdf));
    return out;
  });
  const browser = await time('launch', () => puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  }));
  const report = {
    versions: {
      chromium: await browser.version(),
      epubjs: require('epubjs/package.json').version,
      axe: require('axe-core/package.json').version,
      pdfjs: pdfjs.version,
    },
    timings, files: { epubs, htmls, xhtmls, pdfs }, epubs: {}, axe: {}, pdfs: {},
  };
  try {
    const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    const axeWork = time('axe', () => axeRun(browser, axeSource, [
      ...htmls.map((f) => [f, `${base}/dist/${f}`]),
      ...xhtmls.map((f) => [f.replace('.epub/', '.epub!/'), `${base}/epub/${f}`]),
    ]));
    const readerWork = time('epubjs', async () => {
      const page = await browser.newPage();
      await page.setViewport({ width: WIDTH + 40, height: HEIGHT + 40 });
      const consoleErrors = [];
      page.on('pageerror', (error) => consoleErrors.push(String(error)));
      await page.goto(`${base}/reader.html`);
      await page.evaluate(pageHelpers);
      for (const epub of epubs) {
        consoleErrors.length = 0;
        try {
          report.epubs[epub] = await readEpub(page, `${base}/dist/${epub}`);
        } catch (error) {
          report.epubs[epub] = { error: String(error && error.stack || error) };
        }
        report.epubs[epub].pageErrors = [...consoleErrors];
        await page.goto(`${base}/reader.html`);
        await page.evaluate(pageHelpers);
      }
      await page.close();
    });
    report.axe = await axeWork;
    await readerWork;
  } finally {
    await browser.close();
    server.close();
  }
  report.pdfs = await pdfWork;
  timings.total = (Date.now() - started) / 1000;
  await writeFile(reportArg, JSON.stringify(report, null, 1));
  console.log(`clients: ${epubs.length} EPUBs, ${htmls.length} HTML pages, ${xhtmls.length} XHTML`
    + ` files, ${pdfs.length} PDFs in ${timings.total} s`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
