// Stands in for editor-only modules (CodeMirror, the FEEL linter) that the viewer never runs: any property,
// call or construction yields the same inert object, so module-level definitions in feelers still load.
const inert = new Proxy(function () {}, {
  get: (target, key) => key === Symbol.toPrimitive ? () => '' : key === '__esModule' ? false : inert,
  apply: () => inert,
  construct: () => inert
});
module.exports = inert;
