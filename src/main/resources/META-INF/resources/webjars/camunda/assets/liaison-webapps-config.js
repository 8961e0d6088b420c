/*
 * 代表联络站闭环工作平台: what the configurations of Tasklist, Cockpit, Admin and Welcome share, imported by each
 * app's scripts/config.js (which the webapps load as an ES module, so this relative import works).
 */

// the header, the page title and the login page read vendor + ' ' + name
export const VENDOR = '代表联络站闭环工作平台 ·';

// camunda-commons-ui 7.24 (ui/common/scripts/services/locales.js) takes the browser's FIRST language only
// (navigator.languages[0]), keeps the part before '-' in lower case ('zh-CN' -> 'zh') and uses it when it is
// listed here; anything else ('fr', 'ja') gets the fallback. So zh-CN, zh-TW, zh get Chinese, 'en-US' English,
// every other browser Chinese. The fallback locale is also angular-translate's fallback for a missing label.
export const LOCALES = {
  availableLocales: ['zh', 'en'],
  fallbackLocale: 'zh'
};

// moment.js formats (camDate filter); the zh.json dateLocales give the month and weekday names
export const DATE_FORMAT = {
  monthName: 'MMMM',
  day: 'DD',
  abbr: 'MM-DD HH:mm',
  normal: 'YYYY-MM-DD HH:mm',
  long: 'YYYY年M月D日 dddd HH:mm',
  short: 'YYYY-MM-DD'
};
