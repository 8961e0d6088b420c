/*
 * Shared by the history plugins (liaison-history-*.js, Cockpit custom scripts listed in scripts/config.js): read-only
 * GETs to the webapp's own engine REST (/camunda/api/engine/engine/default/history/...), so the logged-in user's
 * Camunda authorizations apply (auditors, analysts and the congress office hold READ_HISTORY). Nothing here writes.
 */

/** The route of the history view of one process instance (also for finished ones). */
export const HISTORY_ROUTE = '/liaison-history/';

export function historyLink(processInstanceId) {
  return '#' + HISTORY_ROUTE + encodeURIComponent(processInstanceId);
}

export async function get(api, path) {
  const base = (api && api.engineApi) || '/camunda/api/engine/engine/default';
  const response = await fetch(base + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(response.status === 403 || response.status === 401 ? '无权查看' : '读取失败（' + response.status + '）');
  }
  return response.json();
}

export function escapeHtml(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** 2026-12-03 14:05, in the browser's time zone (China's for the staff). */
export function formatTime(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  const pad = n => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':'
    + pad(d.getMinutes());
}

/** A day of a date field (yyyy-MM-dd) as the engine's date parameter, start or end of that day in local time. */
export function engineDate(day, endOfDay) {
  const d = new Date(day + (endOfDay ? 'T23:59:59.999' : 'T00:00:00.000'));
  const offset = -d.getTimezoneOffset();
  const pad = n => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return day + (endOfDay ? 'T23:59:59.999' : 'T00:00:00.000') + (offset >= 0 ? '+' : '-') + pad(offset / 60)
    + pad(offset % 60);
}

let labelsPromise = null;

/**
 * The Chinese labels of form fields and their options (GET /api/history/labels, read from the deployed forms):
 * {fields: {name: label}, values: {name: {VALUE: label}}}; empty ones if unavailable (codes are shown then).
 */
export function labels() {
  if (!labelsPromise) {
    labelsPromise = fetch('/api/history/labels', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(r => (r.ok ? r.json() : { fields: {}, values: {} })).catch(() => ({ fields: {}, values: {} }));
  }
  return labelsPromise;
}

/** A variable's label (its form field's), else its name. */
export function fieldLabel(l, name) {
  return (l.fields && l.fields[name]) || name;
}

/**
 * A value as a user reads it: the option's label for a coded value (SOLVED → 已解决), masked personal data, 是/否,
 * dates as 2026-12-03 14:05.
 * Without a variable name (a DMN input) a code is labelled when exactly one option list knows it.
 */
export function valueLabel(l, name, value, type) {
  if (type === 'Date' && value) {
    return formatTime(value);
  }
  const values = l.values || {};
  if (typeof value === 'string') {
    if (name && values[name] && values[name][value]) {
      return values[name][value];
    }
    if (!name) {
      const found = new Set(Object.values(values).map(options => options[value]).filter(Boolean));
      if (found.size === 1) {
        return [...found][0];
      }
    }
  }
  return mask(name, value);
}

export function formatDuration(millis) {
  if (millis == null) {
    return '—';
  }
  const s = Math.round(millis / 1000);
  if (s < 60) {
    return s + ' 秒';
  }
  const m = Math.floor(s / 60);
  if (m < 60) {
    return m + ' 分 ' + (s % 60) + ' 秒';
  }
  const h = Math.floor(m / 60);
  return h < 24 ? h + ' 小时 ' + (m % 60) + ' 分' : Math.floor(h / 24) + ' 天 ' + (h % 24) + ' 小时';
}

export const STATES = {
  ACTIVE: '运行中', SUSPENDED: '已挂起', COMPLETED: '已完成', EXTERNALLY_TERMINATED: '已终止（外部）',
  INTERNALLY_TERMINATED: '已终止（内部）'
};

/** Variables whose names say they hold a person's contact data: shown masked whatever their value. */
const PERSONAL = /contact|phone|mobile|tel(?![a-z])|idcard|idnumber|address|householder|^name$|(citizen|visitor|person|real|full|owner)name/i;

/** Masks personal data in a value: whole value for personal variables, mobile and ID numbers anywhere else. */
export function mask(name, value) {
  if (value == null) {
    return '空';
  }
  if (value === true || value === 'true') {
    return '是';
  }
  if (value === false || value === 'false') {
    return '否';
  }
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (name && PERSONAL.test(name)) {
    return text ? '***（个人信息已隐藏）' : '';
  }
  // mobile numbers and ID card numbers wherever they stand in a text
  return text.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/(?<![\dXx])(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g, '$1********$2');
}

export function table(headers, rows, empty) {
  if (!rows.length) {
    return '<p class="liaison-history-empty">' + escapeHtml(empty) + '</p>';
  }
  return '<table class="cam-table table liaison-history-table"><thead><tr>'
    + headers.map(h => '<th>' + escapeHtml(h) + '</th>').join('') + '</tr></thead><tbody>'
    + rows.map(r => '<tr>' + r.map(c => '<td>' + c + '</td>').join('') + '</tr>').join('') + '</tbody></table>';
}
