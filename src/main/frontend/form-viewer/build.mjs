import * as esbuild from 'esbuild';
import path from 'node:path';
const inert = path.resolve('shims/inert.mjs');
const lodash = path.resolve('shims/lodash.mjs');
const shims = {
  name: 'viewer-only',
  setup(build) {
    build.onResolve({ filter: /^(@codemirror\/|@bpmn-io\/feel-lint$|@bpmn-io\/cm-theme$)/ }, () => ({ path: inert }));
    build.onResolve({ filter: /^lodash$/ }, () => ({ path: lodash }));
  }
};
const r = await esbuild.build({
  entryPoints: ['entry.js'], bundle: true, minify: true, format: 'iife', globalName: 'FormViewer',
  target: 'es2019', outfile: 'out/form-viewer.min.js', legalComments: 'eof', metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' }, plugins: [shims]
});
console.log(await esbuild.analyzeMetafile(r.metafile));
