// The text pdf.js (in Node) finds on each page of a PDF, as clients.mjs reads it, in JSON:
//
//   node tests/tools/pdf_text.mjs FILE.pdf
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const data = new Uint8Array(await readFile(process.argv[2]));
const pdf = await pdfjs.getDocument({
  data, verbosity: 0, isEvalSupported: false, useSystemFonts: false,
  standardFontDataUrl: path.join(path.dirname(require.resolve('pdfjs-dist/package.json')),
    'standard_fonts') + path.sep,
}).promise;
const pages = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const content = await (await pdf.getPage(number)).getTextContent();
  pages.push(content.items.map((item) => (item.str || '') + (item.hasEOL ? '\n' : '')).join(''));
}
await pdf.destroy();
process.stdout.write(JSON.stringify(pages));
