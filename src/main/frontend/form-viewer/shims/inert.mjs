// Stands in for the editor-only modules that feelers imports (CodeMirror, the FEEL linter, the editor themes): the
// form viewer never opens an editor. Any property, call or construction of these yields the same inert object, so
// feelers' module-level definitions still load. The names are exactly those feelers 1.5 imports.
const inert = new Proxy(function () {}, {
  get: (target, key) => (key === Symbol.toPrimitive ? () => '' : inert),
  apply: () => inert,
  construct: () => inert
});
export const closeBrackets = inert, defaultKeymap = inert, foldNodeProp = inert, LRLanguage = inert,
  foldInside = inert, LanguageSupport = inert, syntaxTree = inert, bracketMatching = inert, indentOnInput = inert,
  linter = inert, setDiagnosticsEffect = inert, EditorState = inert, EditorView = inert, tooltips = inert,
  keymap = inert, lineNumbers = inert, cmFeelLinter = inert, darkTheme = inert, lightTheme = inert;
export default inert;
