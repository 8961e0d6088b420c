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
import { DATE_FORMAT, LOCALES, VENDOR } from '../../../assets/liaison-webapps-config.js';

export default {
  // 代表联络站闭环工作平台 · 流程监控: vendor, languages and date formats shared by the four apps
  app: {
    vendor: VENDOR,
    name: '流程监控'
  },
  locales: LOCALES,
  dateFormat: DATE_FORMAT,

  // texts of Cockpit's templates that are no labels ("Actions", "null"), in Chinese; process history for auditors
  // (历史 tab per definition, 查看历史 per instance, the history view #/liaison-history/<id>), read-only
  customScripts: ['scripts/liaison-texts.js', 'scripts/liaison-history-tab.js', 'scripts/liaison-history-action.js',
    'scripts/liaison-history-view.js']
};
