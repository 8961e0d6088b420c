/*
 * History view of one process instance, running or finished (plugin point cockpit.route, #/liaison-history/<id>):
 * the diagram with the activities that ran (liaison-history-diagram.js), how often and how long; the activity log
 * (who did which step when, with the values the step set: the form's decision); variables with their history
 * (personal data masked); DMN decisions with inputs and outputs; incidents and their resolution; user operations.
 * Codes read in Chinese: the forms' labels (GET /api/history/labels). Read-only: GETs only, no control that changes
 * anything (the diagram pans and zooms).
 *
 * Cockpit's community edition redirects a finished instance (#/process-instance/<id>) to its definition; this
 * script sends such a link to the history view instead.
 */
import {
  escapeHtml, fieldLabel, formatDuration, formatTime, get, historyLink, HISTORY_ROUTE, labels, mask, STATES, table,
  valueLabel
} from './liaison-history-common.js';
import { destroyDiagram, renderDiagram } from './liaison-history-diagram.js';

const ACTIVITY_TYPES = {
  startEvent: '开始事件', endEvent: '结束事件', noneEndEvent: '结束事件', userTask: '人工任务',
  serviceTask: '服务任务', businessRuleTask: '规则任务', exclusiveGateway: '排他网关', parallelGateway: '并行网关',
  inclusiveGateway: '包容网关', eventBasedGateway: '事件网关', intermediateTimer: '定时事件',
  intermediateMessageCatch: '消息事件', boundaryTimer: '边界定时事件', boundaryMessage: '边界消息事件',
  callActivity: '调用活动', subProcess: '子流程', sendTask: '发送任务', receiveTask: '接收任务', scriptTask: '脚本任务'
};

const OPERATIONS = {
  Create: '创建', Delete: '删除', Update: '更新', Suspend: '挂起', Activate: '激活', SetJobRetries: '设置重试次数',
  Claim: '认领', Complete: '完成', Assign: '指派', SetOwner: '设置所有者', Delegate: '委托', Resolve: '解决',
  ModifyProcessInstance: '修改流程实例', DeleteHistory: '删除历史', SetVariable: '设置变量',
  SetVariables: '设置变量', RemoveVariable: '删除变量', ModifyVariable: '修改变量', Migrate: '迁移',
  RestartProcessInstance: '重启流程实例', Evaluate: '评估', SetRemovalTime: '设置清除时间', AddUserLink: '添加用户关联',
  DeleteUserLink: '删除用户关联', AddGroupLink: '添加组关联', DeleteGroupLink: '删除组关联'
};

const TYPES = {
  String: '文本', Boolean: '是/否', Integer: '整数', Long: '整数', Short: '整数', Double: '小数', Date: '日期',
  Null: '空', Json: '结构化数据', Object: '对象', Bytes: '二进制', File: '文件', Xml: '结构化数据'
};

/** What a user operation changed (the operation log's property names). */
const PROPERTIES = {
  assignee: '办理人', owner: '所有者', delete: '已完成', deleteReason: '原因', suspensionState: '挂起状态',
  retries: '重试次数', name: '名称', priority: '优先级', dueDate: '到期时间', followUpDate: '跟进日期',
  candidateUser: '候选人', candidateGroup: '候选组', variables: '变量', processInstanceId: '流程实例',
  processDefinitionId: '流程定义', nrOfInstances: '实例数', async: '异步', cascade: '级联', removalTime: '清除时间'
};

function instanceId() {
  const hash = window.location.hash || '';
  const at = hash.indexOf(HISTORY_ROUTE);
  return at < 0 ? null : decodeURIComponent(hash.substring(at + HISTORY_ROUTE.length).split(/[/?]/)[0]);
}

function section(title, body, cls) {
  return `<section class="liaison-history-section ${cls}"><h3>${escapeHtml(title)}</h3>${body}</section>`;
}

/** Cockpit users' names (姓名), as the platform writes them; the id where unknown or unreadable. */
async function userNames(api, ids) {
  const names = new Map();
  if (ids.length) {
    try {
      for (const u of await get(api, '/user?idIn=' + ids.map(encodeURIComponent).join(','))) {
        const name = ((u.lastName || '') + (u.firstName || '')).trim();
        if (name) {
          names.set(u.id, name);
        }
      }
    } catch (e) {
      // names are a courtesy: ids stay readable
    }
  }
  return id => (names.has(id) ? escapeHtml(names.get(id)) + '（' + escapeHtml(id) + '）' : escapeHtml(id));
}

async function render(node, api) {
  const id = instanceId();
  node.innerHTML = '<div class="liaison-history">正在读取……</div>';
  const root = node.firstChild;
  // Cockpit's page does not scroll (its views scroll inside): this view scrolls between header and footer
  root.style.cssText = 'height: calc(100vh - 80px); overflow: auto; padding: 10px 20px;';
  try {
    const pid = encodeURIComponent(id);
    const [instance, activities, details, variables, decisions, incidents, operations, l] = await Promise.all([
      get(api, '/history/process-instance/' + pid),
      get(api, '/history/activity-instance?processInstanceId=' + pid + '&sortBy=startTime&sortOrder=asc'),
      get(api, '/history/detail?processInstanceId=' + pid + '&variableUpdates=true&deserializeValues=false'
        + '&sortBy=time&sortOrder=asc'),
      get(api, '/history/variable-instance?processInstanceId=' + pid + '&deserializeValues=false'
        + '&sortBy=variableName&sortOrder=asc'),
      get(api, '/history/decision-instance?processInstanceId=' + pid + '&includeInputs=true&includeOutputs=true'
        + '&disableBinaryFetching=true&disableCustomObjectDeserialization=true'),
      get(api, '/history/incident?processInstanceId=' + pid),
      get(api, '/history/user-operation?processInstanceId=' + pid + '&sortBy=timestamp&sortOrder=asc'),
      labels()]);
    const who = await userNames(api, [...new Set(activities.map(a => a.assignee)
      .concat(operations.map(o => o.userId)).filter(Boolean))]);
    const field = name => escapeHtml(fieldLabel(l, name));
    const setBy = new Map(); // activity instance → the variable updates it made
    for (const d of details) {
      setBy.set(d.activityInstanceId, (setBy.get(d.activityInstanceId) || []).concat(d));
    }
    const value = (name, v, type) => escapeHtml(valueLabel(l, name, v, type));
    // gateways only route: the diagram shows them, the tables leave them out unless they set something
    const listed = a => !/Gateway$/.test(a.activityType) || (setBy.get(a.id) || []).length;

    const head = `<h2>流程历史：${escapeHtml(instance.processDefinitionName || instance.processDefinitionKey)}</h2>
      <dl class="dl-horizontal liaison-history-summary">
        <dt>业务编号</dt><dd class="liaison-history-business-key">${escapeHtml(instance.businessKey || '—')}</dd>
        <dt>状态</dt><dd class="liaison-history-state">${escapeHtml(STATES[instance.state] || instance.state)}</dd>
        <dt>开始时间</dt><dd>${formatTime(instance.startTime)}</dd>
        <dt>结束时间</dt><dd>${formatTime(instance.endTime)}</dd>
        <dt>用时</dt><dd>${formatDuration(instance.durationInMillis)}</dd>
        <dt>流程版本</dt><dd>${escapeHtml(instance.processDefinitionVersion)}</dd>
      </dl>
      <p class="text-muted">只读视图：本页不提供任何修改操作。</p>`;

    // the activities that ran: how often and how long (also drawn on the diagram)
    const byActivity = new Map();
    for (const a of activities.filter(listed)) {
      const s = byActivity.get(a.activityId) || { name: a.activityName || a.activityId, type: a.activityType,
        count: 0, total: 0, finished: 0 };
      s.count += 1;
      if (a.endTime) {
        s.finished += 1;
        s.total += a.durationInMillis || 0;
      }
      byActivity.set(a.activityId, s);
    }
    const path = table(['环节', '类型', '执行次数', '累计用时', '平均用时'], [...byActivity.values()].map(s => [
      escapeHtml(s.name), escapeHtml(ACTIVITY_TYPES[s.type] || '其他'), String(s.count), formatDuration(s.total),
      s.finished ? formatDuration(s.total / s.finished) : '—']), '没有执行过的环节。');

    // the activity log: who did which step when, with the values that step set (the form's decision)
    const values = list => (list || []).map(d => '<div><b>' + field(d.variableName) + '</b>：'
      + value(d.variableName, d.value, d.variableType) + '</div>').join('');
    // values set outside any step (the citizen's evaluation, the process start): rows of their own
    const known = new Set(activities.map(a => a.id));
    const outside = new Map();
    for (const d of details.filter(x => !known.has(x.activityInstanceId))) {
      const key = d.time + '|' + d.activityInstanceId;
      outside.set(key, (outside.get(key) || { time: d.time, list: [] }));
      outside.get(key).list.push(d);
    }
    const rows = activities.filter(listed).map(a => ({ time: a.startTime, activity: a })).concat([...outside.values()])
      .sort((x, y) => new Date(x.time) - new Date(y.time));
    const log = table(['开始时间', '结束时间', '环节', '办理人', '提交的内容'], rows.map(({ activity: a, time, list }) => a ? [
      formatTime(a.startTime), a.canceled ? '已取消' : formatTime(a.endTime), escapeHtml(a.activityName || a.activityId),
      a.assignee ? who(a.assignee) : (a.activityType === 'userTask' ? '（未认领）' : '系统'), values(setBy.get(a.id))]
      : [formatTime(time), '—', '流程数据更新（群众评价、外部消息或启动）', '—', values(list)]), '没有活动记录。');

    // variables with their history: the value now, and what it was before
    const updates = new Map();
    for (const d of details) {
      updates.set(d.variableInstanceId, (updates.get(d.variableInstanceId) || []).concat(d));
    }
    const vars = table(['变量', '类型', '值', '修改记录', '状态'], variables.map(v => [
      field(v.name) + (fieldLabel(l, v.name) !== v.name ? '<br><small class="text-muted">' + escapeHtml(v.name)
        + '</small>' : ''), escapeHtml(TYPES[v.type] || '其他'), value(v.name, v.value, v.type),
      (updates.get(v.id) || []).map(d => formatTime(d.time) + '：' + value(v.name, d.value, d.variableType))
        .join('<br>') || '—',
      v.state === 'DELETED' ? '已删除' : '有效']), '没有变量。');

    const names = new Map(activities.map(a => [a.activityId, a.activityName || a.activityId]));
    const activityName = activityId => names.get(activityId) || activityId;
    const dmn = decisions.length ? decisions.map(d => `<div class="liaison-history-decision">
        <h4>${escapeHtml(d.decisionDefinitionName || d.decisionDefinitionKey)}（${formatTime(d.evaluationTime)}，
          环节：${escapeHtml(activityName(d.activityId))}）</h4>
        ${table(['输入', '值'], (d.inputs || []).map(i => [escapeHtml(i.clauseName || i.clauseId),
          value(null, i.value)]), '没有输入。')}
        ${table(['输出', '值'], (d.outputs || []).map(o => [escapeHtml(o.clauseName || fieldLabel(l, o.variableName)),
          value(o.variableName, o.value)]), '没有输出。')}
      </div>`).join('') : '<p class="liaison-history-empty">本流程实例没有规则决策。</p>';

    const inc = table(['发生时间', '环节', '类型', '错误信息', '结果'], incidents.map(i => [
      formatTime(i.createTime), escapeHtml(activityName(i.activityId)), escapeHtml(i.incidentType === 'failedJob' ? '作业失败'
        : i.incidentType === 'failedExternalTask' ? '外部任务失败' : i.incidentType),
      escapeHtml(mask(null, i.incidentMessage)), i.resolved ? '已解决（' + formatTime(i.endTime) + '）'
        : i.deleted ? '已删除' : '未解决']), '没有事件（故障）。');

    const ops = table(['时间', '操作人', '操作', '属性', '原值', '新值'], operations.map(o => [
      formatTime(o.timestamp), o.userId ? who(o.userId) : '系统', escapeHtml(OPERATIONS[o.operationType]
        || o.operationType), escapeHtml(o.property ? PROPERTIES[o.property] || '其他' : ''), escapeHtml(mask(o.property, o.orgValue)),
      escapeHtml(mask(o.property, o.newValue))]), '没有用户操作记录。');

    root.innerHTML = head + section('流程图', '<div class="liaison-history-diagram-box"></div>', 'liaison-history-graph')
      + section('执行过的环节', path, 'liaison-history-path')
      + section('活动记录', log, 'liaison-history-log') + section('变量', vars, 'liaison-history-variables')
      + section('规则决策', dmn, 'liaison-history-decisions') + section('事件（故障）', inc, 'liaison-history-incidents')
      + section('用户操作', ops, 'liaison-history-operations');
    renderDiagram(root.querySelector('.liaison-history-diagram-box'), api, instance.processDefinitionId, activities,
      activities.filter(a => !a.endTime).map(a => a.activityId));
  } catch (e) {
    root.textContent = '无法显示流程历史：' + e.message;
  }
}

/**
 * The diagram keeps its pan and zoom in the URL (?viewbox=…, as on Cockpit's pages); Cockpit registers plugin
 * routes reloading on such a change, which would draw the whole view again: this route stays.
 */
function keepOnSearchChange() {
  const injector = window.angular && window.angular.element(document.body).injector();
  const route = injector && injector.has('$route') && injector.get('$route').routes[HISTORY_ROUTE + ':id'];
  if (route) {
    route.reloadOnSearch = false;
  }
}

// a finished instance has no runtime page: Cockpit asks the engine, finds none and sends the browser to the
// instance's definition. This script asks history and shows the instance's history instead, whichever answer comes
// first: Cockpit's redirect arriving after ours is turned back (for a few seconds after the finished instance's link).
let finished = null; // {id, definitionId, until}

async function redirectFinished() {
  const hash = window.location.hash || '';
  if (finished && Date.now() < finished.until && hash.indexOf('#/process-definition/' + finished.definitionId) === 0) {
    const { id } = finished;
    finished = null;
    window.location.replace(historyLink(id));
    return;
  }
  const match = /^#\/process-instance\/([^/?]+)/.exec(hash);
  if (!match) {
    return;
  }
  try {
    const instance = await get(null, '/history/process-instance/' + match[1]);
    const now = window.location.hash;
    if (instance.endTime && (now.indexOf('#/process-instance/' + match[1]) === 0
      || now.indexOf('#/process-definition/' + instance.processDefinitionId) === 0)) {
      finished = { id: match[1], definitionId: instance.processDefinitionId, until: Date.now() + 10000 };
      window.location.replace(historyLink(match[1]));
    }
  } catch (e) {
    // unknown or unreadable: leave it to Cockpit
  }
}
window.addEventListener('hashchange', redirectFinished);
redirectFinished();

export default {
  id: 'liaison.history.instanceView',
  pluginPoint: 'cockpit.route',
  priority: 5,
  properties: { path: HISTORY_ROUTE + ':id' },
  render: (node, { api }) => {
    keepOnSearchChange();
    render(node, api);
  },
  unmount: destroyDiagram
};
