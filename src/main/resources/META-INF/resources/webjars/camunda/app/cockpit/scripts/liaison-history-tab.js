/*
 * 历史 tab on each process definition (Cockpit plugin point cockpit.processDefinition.runtime.tab): finished and
 * running instances with business key, station, start, end, duration and state; filters by business key, station
 * (the instance's stationCode variable, which the opinion loop, receptions, forums and rectifications carry), start
 * date range and state; paging. Each row links to the history view (liaison-history-view.js). Read-only.
 */
import {
  engineDate, escapeHtml, formatDuration, formatTime, get, historyLink, STATES, table
} from './liaison-history-common.js';

const PAGE = 20;

/** The stations for the filter (GET /api/stations, public reference data); none if unavailable. */
async function stations() {
  try {
    const response = await fetch('/api/stations', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return response.ok ? response.json() : [];
  } catch (e) {
    return [];
  }
}

export default {
  id: 'liaison.history.definitionTab',
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 5,
  properties: { label: '历史' },
  render: (node, { api, processDefinitionId }) => {
    let first = 0;
    node.innerHTML = `
      <form class="form-inline liaison-history-filters" novalidate>
        <label>业务编号 <input class="form-control input-sm" name="businessKey" maxlength="64"
          placeholder="如 YJ20260101-0001"></label>
        <label>联络站 <select class="form-control input-sm" name="station"><option value="">全部</option></select></label>
        <label>开始日期自 <input class="form-control input-sm" type="date" name="from"></label>
        <label>至 <input class="form-control input-sm" type="date" name="to"></label>
        <label>状态 <select class="form-control input-sm" name="state">
          <option value="">全部</option><option value="unfinished">运行中</option><option value="finished">已结束</option>
          <option value="completed">已完成</option><option value="externallyTerminated">已终止（外部）</option>
        </select></label>
        <button class="btn btn-sm btn-primary" type="submit" name="search">查询</button>
        <span class="text-danger liaison-history-error" role="alert"></span>
      </form>
      <div class="liaison-history-list"></div>
      <div class="liaison-history-paging">
        <button class="btn btn-sm btn-default" name="previous">上一页</button>
        <span class="liaison-history-page"></span>
        <button class="btn btn-sm btn-default" name="next">下一页</button>
      </div>`;
    const form = node.querySelector('form');
    const list = node.querySelector('.liaison-history-list');
    const page = node.querySelector('.liaison-history-page');
    const error = node.querySelector('.liaison-history-error');
    stations().then(all => {
      for (const s of all) {
        form.station.insertAdjacentHTML('beforeend',
          `<option value="${escapeHtml(s.code)}">${escapeHtml(s.name)}</option>`);
      }
    });

    /** The query of the filters, or a Chinese message saying what is wrong with them. */
    function query() {
      const q = new URLSearchParams({ processDefinitionId });
      const key = form.businessKey.value.trim();
      if (key) {
        q.set('processInstanceBusinessKeyLike', '%' + key.replace(/[%\\]/g, '') + '%');
      }
      const station = form.station.value;
      if (station) {
        if (/[_,]/.test(station)) {
          return { message: '这个联络站不能用于筛选' }; // the engine's variable filter splits at _ and ,
        }
        q.set('variables', 'stationCode_eq_' + station);
      }
      if (form.from.value && form.to.value && form.from.value > form.to.value) {
        return { message: '开始日期不能晚于结束日期' };
      }
      if (form.from.value) {
        q.set('startedAfter', engineDate(form.from.value, false));
      }
      if (form.to.value) {
        q.set('startedBefore', engineDate(form.to.value, true));
      }
      if (form.state.value) {
        q.set(form.state.value, 'true');
      }
      return { q };
    }

    /** The station name of each listed instance, in one request for the page. */
    async function stationNames(rows) {
      if (!rows.length) {
        return new Map();
      }
      const names = await get(api, '/history/variable-instance?variableName=stationName&processInstanceIdIn='
        + rows.map(p => p.id).join(','));
      return new Map(names.map(v => [v.processInstanceId, v.value]));
    }

    async function load() {
      const { q, message } = query();
      error.textContent = message || '';
      if (message) {
        list.innerHTML = '';
        page.textContent = '';
        return;
      }
      list.textContent = '正在读取……';
      try {
        const [{ count }, rows] = await Promise.all([
          get(api, '/history/process-instance/count?' + q),
          get(api, '/history/process-instance?' + q + '&sortBy=startTime&sortOrder=desc&firstResult=' + first
            + '&maxResults=' + PAGE)]);
        const station = await stationNames(rows);
        list.innerHTML = table(['业务编号', '联络站', '开始时间', '结束时间', '用时', '状态', ''], rows.map(p => [
          escapeHtml(p.businessKey || '—'), escapeHtml(station.get(p.id) || '—'), formatTime(p.startTime),
          formatTime(p.endTime), formatDuration(p.durationInMillis), escapeHtml(STATES[p.state] || p.state),
          '<a class="liaison-history-open" href="' + historyLink(p.id) + '">查看历史</a>']), '没有符合条件的流程实例。');
        page.textContent = count ? `第 ${first + 1}–${first + rows.length} 条，共 ${count} 条` : '';
        node.querySelector('[name=previous]').disabled = first === 0;
        node.querySelector('[name=next]').disabled = first + PAGE >= count;
      } catch (e) {
        list.textContent = e.message;
      }
    }
    form.addEventListener('submit', event => { event.preventDefault(); first = 0; load(); });
    node.querySelector('[name=previous]').addEventListener('click', () => { first = Math.max(0, first - PAGE); load(); });
    node.querySelector('[name=next]').addEventListener('click', () => { first += PAGE; load(); });
    load();
  }
};
