/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

// Our copy of Camunda's cockpit/scripts/config.js (7.24, which configures nothing but comments): it lies on the
// classpath before the webjar, so the webapp serves this one.
export default {
  // 代表联络站闭环工作平台: the header, the page title and the login page read vendor + ' ' + name
  app: {
    vendor: '代表联络站闭环工作平台 ·',
    name: '流程监控'
  },

  // camunda-commons-ui 7.24 (ui/common/scripts/services/locales.js) takes the browser's FIRST language only
  // (navigator.languages[0]), keeps the part before '-' in lower case ('zh-CN' -> 'zh') and uses it when it is
  // listed here; anything else ('fr', 'ja') gets the fallback. So zh-CN, zh-TW, zh get Chinese, 'en-US' English,
  // every other browser Chinese. The fallback locale is also angular-translate's fallback for a missing label.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },

  // texts of Cockpit's templates that are no labels ("Actions", "null"), in Chinese
  customScripts: ['scripts/liaison-texts.js'],

  // moment.js formats (camDate filter); the zh.json dateLocales give the month and weekday names
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'MM-DD HH:mm',
    normal: 'YYYY-MM-DD HH:mm',
    long: 'YYYY年M月D日 dddd HH:mm',
    short: 'YYYY-MM-DD'
  }
};
