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

// Our copy of Camunda's tasklist/scripts/config.js (7.24): it lies on the classpath before the webjar, so the
// webapp serves this one. Everything the original configures (the keyboard shortcuts) is kept.
import { DATE_FORMAT, LOCALES, VENDOR } from '../../../assets/liaison-webapps-config.js';

export default {
  // 代表联络站闭环工作平台 · 任务列表: vendor, languages and date formats shared by the four apps
  app: {
    vendor: VENDOR,
    name: '任务列表'
  },
  locales: LOCALES,
  dateFormat: DATE_FORMAT,

  // Camunda Forms (form-js 1.8.7) has no translation hook: this script translates its messages and shows
  // dates as yyyy-MM-dd (scripts/liaison-forms.js; the message table is in it)
  customScripts: ['scripts/liaison-forms'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '焦点移到第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '焦点移到任务列表的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开“发起流程”对话框'
    }
  }
};
