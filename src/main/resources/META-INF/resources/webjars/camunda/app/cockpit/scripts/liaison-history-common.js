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

export function formatTime(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  const pad = n => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':'
    + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
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
const PERSONAL = /contact|phone|mobile|idcard|idnumber|citizenname|visitorname|householder/i;

/** Masks personal data in a value: whole value for personal variables, any mobile number anywhere else. */
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
  return text.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2');
}

export function table(headers, rows, empty) {
  if (!rows.length) {
    return '<p class="liaison-history-empty">' + escapeHtml(empty) + '</p>';
  }
  return '<table class="cam-table table liaison-history-table"><thead><tr>'
    + headers.map(h => '<th>' + escapeHtml(h) + '</th>').join('') + '</tr></thead><tbody>'
    + rows.map(r => '<tr>' + r.map(c => '<td>' + c + '</td>').join('') + '</tr>').join('') + '</tbody></table>';
}
