/*
 * Camunda Forms in Chinese (Tasklist custom script, listed in scripts/config.js `customScripts`).
 *
 * Tasklist 7.24 renders Camunda Forms with form-js 1.8.7 (`new Form({container})` in
 * cam-tasklist-form-camunda.js). That version has no translation module: its validator writes English messages
 * into `.fjs-form-field-error li`, its searchable lists say "No results", and its date picker (flatpickr) shows
 * English month names and the browser's date order. This script
 *   1. translates form-js messages as they appear (MESSAGES below is the one table to edit),
 *   2. gives the date picker Chinese month and weekday names, weeks starting on Monday,
 *   3. makes form-js show dates as yyyy-MM-dd: form-js derives its date format from
 *      `new Intl.DateTimeFormat('default')`, the browser's locale (zh-CN gives yyyy/M/d, en-US MM/dd/yyyy);
 *      that one call gets the sv-SE format, which is ISO yyyy-MM-dd. The value a form submits is an ISO date
 *      in every case; only what people see and type changes.
 * It is loaded once per page, before the first form is rendered.
 */

/** form-js 1.8.7 messages, English → Chinese. Exact texts first, then patterns with the values kept. */
export const MESSAGES = {
  exact: {
    'Field is required.': '此项为必填项。',
    'Field must be a valid email.': '请输入有效的电子邮箱地址。',
    'Field must be a valid  international phone number. (e.g. +4930664040900)':
      '请输入有效的国际格式电话号码（例如 +8613800138000）。',
    'Field must be a valid international phone number. (e.g. +4930664040900)':
      '请输入有效的国际格式电话号码（例如 +8613800138000）。',
    'Value is not a number.': '请输入数字。',
    'Value is expected to be an integer.': '请输入整数。',
    'No results': '无匹配结果',
    'Search': '搜索',
    'Select': '请选择',
    'Clear': '清除',
    'Submit': '提交',
    'Reset': '重置'
  },
  patterns: [
    [/^Field must have minimum value of (.+)\.$/, '数值不能小于 $1。'],
    [/^Field must have maximum value of (.+)\.$/, '数值不能大于 $1。'],
    [/^Field must have minimum length of (.+)\.$/, '至少需要 $1 个字符。'],
    [/^Field must have maximum length of (.+)\.$/, '最多只能输入 $1 个字符。'],
    [/^Field must match pattern (.+)\.$/, '格式不正确（应符合 $1）。'],
    [/^Value is expected to have at most (\d+) decimal digits?\.$/, '最多保留 $1 位小数。'],
    [
      /^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
      '请输入有效的数值，最接近的两个有效值是 $1 和 $2。'
    ],
    [/^Time must match pattern hh:mm:ss\[time zone\]$/, '时间格式应为 时:分:秒[时区]']
  ]
};

/** flatpickr's Chinese names (as in flatpickr/dist/l10n/zh.js), weeks from Monday. */
const DATE_PICKER = {
  weekdays: {
    shorthand: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
  },
  months: {
    shorthand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    longhand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月']
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' 至 ',
  weekAbbreviation: '周',
  scrollTitle: '滚动切换',
  toggleTitle: '点击切换 12/24 小时时制',
  time_24hr: true
};

/** The Chinese text for a form-js message, or null when it is not one of them. */
export function translate(text) {
  const trimmed = (text || '').trim();
  if (Object.prototype.hasOwnProperty.call(MESSAGES.exact, trimmed)) {
    return MESSAGES.exact[trimmed];
  }
  for (const [pattern, replacement] of MESSAGES.patterns) {
    if (pattern.test(trimmed)) {
      return trimmed.replace(pattern, replacement);
    }
  }
  return null;
}

// where form-js writes the texts above (errors, empty lists, buttons); placeholders separately
const TEXT_SELECTOR = '.fjs-form-field-error li, .fjs-dropdownlist-empty, .fjs-button';
const PLACEHOLDER_SELECTOR = '.fjs-container input[placeholder]';

function translateElement(element) {
  for (const node of element.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      const chinese = translate(node.data);
      if (chinese !== null && chinese !== node.data) {
        node.data = chinese;
      }
    }
  }
}

function translateTree(root) {
  if (!(root instanceof Element)) {
    return;
  }
  if (root.matches(TEXT_SELECTOR)) {
    translateElement(root);
  }
  root.querySelectorAll(TEXT_SELECTOR).forEach(translateElement);
  const inputs = root.matches(PLACEHOLDER_SELECTOR) ? [root] : root.querySelectorAll(PLACEHOLDER_SELECTOR);
  inputs.forEach(input => {
    const chinese = translate(input.getAttribute('placeholder'));
    if (chinese !== null) {
      input.setAttribute('placeholder', chinese);
    }
  });
}

function localizeDatePicker() {
  if (window.flatpickr && typeof window.flatpickr.localize === 'function' && !window.flatpickr.liaisonZh) {
    window.flatpickr.localize(DATE_PICKER);
    window.flatpickr.liaisonZh = true;
  }
}

function isoDatesInForms() {
  const Original = Intl.DateTimeFormat;
  if (Original.liaisonIsoDefault) {
    return;
  }
  // only form-js asks for the 'default' locale without options (getLocaleDateFormat); everything else is untouched
  const Patched = function DateTimeFormat(locales, options) {
    const chosen = locales === 'default' && options === undefined ? 'sv-SE' : locales;
    return new Original(chosen, options);
  };
  Patched.prototype = Original.prototype;
  Patched.supportedLocalesOf = Original.supportedLocalesOf.bind(Original);
  Patched.liaisonIsoDefault = true;
  Intl.DateTimeFormat = Patched;
}

function start() {
  isoDatesInForms();
  localizeDatePicker();
  new MutationObserver(mutations => {
    // flatpickr is created after form-js has rendered: localize before that, as soon as a form appears
    localizeDatePicker();
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') {
        const parent = mutation.target.parentElement;
        if (parent && parent.matches(TEXT_SELECTOR)) {
          translateElement(parent);
        }
      } else if (mutation.type === 'attributes') {
        translateTree(mutation.target);
      } else {
        mutation.addedNodes.forEach(translateTree);
      }
    }
  }).observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['placeholder']
  });
  translateTree(document.body);
}

if (typeof document !== 'undefined') {
  if (document.body) {
    start();
  } else {
    document.addEventListener('DOMContentLoaded', start);
  }
}

// a custom script may export Tasklist plugins; this one has none
export default [];
