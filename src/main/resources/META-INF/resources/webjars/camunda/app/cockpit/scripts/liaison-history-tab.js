/*
 * 历史 tab on each process definition (Cockpit plugin point cockpit.processDefinition.runtime.tab): finished and
 * running instances with business key, start, end, duration and state; filters by business key, start date range
 * and state; paging. Each row links to the history view (liaison-history-view.js). Read-only.
 */
import { escapeHtml, formatDuration, formatTime, get, historyLink, STATES, table } from './liaison-history-common.js';

const PAGE = 20;

export default {
  id: 'liaison.history.definitionTab',
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 5,
  properties: { label: '历史' },
  render: (node, { api, processDefinitionId }) => {
    let first = 0;
    node.innerHTML = `
      <form class="form-inline liaison-history-filters">
        <label>业务编号 <input class="form-control input-sm" name="businessKey" placeholder="如 YJ20260101-0001"></label>
        <label>开始日期自 <input class="form-control input-sm" type="date" name="from"></label>
        <label>至 <input class="form-control input-sm" type="date" name="to"></label>
        <label>状态 <select class="form-control input-sm" name="state">
          <option value="">全部</option><option value="finished">已结束</option><option value="unfinished">运行中</option>
        </select></label>
        <button class="btn btn-sm btn-primary" type="submit" name="search">查询</button>
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

    async function load() {
      const q = new URLSearchParams({ processDefinitionId });
      const key = form.businessKey.value.trim();
      if (key) {
        q.set('processInstanceBusinessKeyLike', '%' + key + '%');
      }
      if (form.from.value) {
        q.set('startedAfter', form.from.value + 'T00:00:00.000+0800');
      }
      if (form.to.value) {
        q.set('startedBefore', form.to.value + 'T23:59:59.999+0800');
      }
      if (form.state.value) {
        q.set(form.state.value, 'true');
      }
      list.textContent = '正在读取……';
      try {
        const [{ count }, rows] = await Promise.all([
          get(api, '/history/process-instance/count?' + q),
          get(api, '/history/process-instance?' + q + '&sortBy=startTime&sortOrder=desc&firstResult=' + first
            + '&maxResults=' + PAGE)]);
        list.innerHTML = table(['业务编号', '开始时间', '结束时间', '用时', '状态', ''], rows.map(p => [
          escapeHtml(p.businessKey || '—'), formatTime(p.startTime), formatTime(p.endTime),
          formatDuration(p.durationInMillis), escapeHtml(STATES[p.state] || p.state),
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
