/*
 * Cockpit's few English words that are not labels (Cockpit custom script, listed in scripts/config.js
 * `customScripts`, loaded once as an ES module). camunda-commons-ui 7.24 writes them straight into its templates,
 * so zh.json cannot reach them: the variables table's "Actions" column and the "null" of an empty value (e.g. a
 * process instance without a super process instance). TEXTS is the one table to edit.
 */
export const TEXTS = [
  { selector: 'td.actions, th.actions', english: 'Actions', chinese: '操作' },
  { selector: '.null-value', english: 'null', chinese: '空' }
];

function translate(root) {
  for (const { selector, english, chinese } of TEXTS) {
    const elements = root.matches && root.matches(selector) ? [root] : [];
    elements.push(...(root.querySelectorAll ? root.querySelectorAll(selector) : []));
    for (const element of elements) {
      for (const node of element.childNodes) {
        if (node.nodeType === Node.TEXT_NODE && node.nodeValue.trim() === english) {
          node.nodeValue = node.nodeValue.replace(english, chinese);
        }
      }
    }
  }
}

const observer = new MutationObserver(mutations => {
  for (const mutation of mutations) {
    if (mutation.type === 'characterData') {
      translate(mutation.target.parentElement || document.body);
    }
    for (const node of mutation.addedNodes) {
      translate(node.nodeType === Node.TEXT_NODE ? node.parentElement || document.body : node);
    }
  }
});
observer.observe(document.body, { childList: true, subtree: true, characterData: true });
translate(document.body);
