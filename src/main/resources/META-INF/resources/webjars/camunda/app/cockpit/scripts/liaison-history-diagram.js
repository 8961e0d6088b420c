/*
 * The diagram of the history view (liaison-history-view.js): the process definition's BPMN drawn by Cockpit's own
 * bpmn-js viewer (camunda-commons-ui's cam-widget-bpmn-viewer directive, reached through Cockpit's AngularJS
 * injector, so no second copy of bpmn-js is shipped and the diagram looks as on Cockpit's own pages), with
 *  - each activity that ran outlined green, with a badge: how often it ran (×2) and its total time (tooltip: average),
 *  - the activities running now outlined orange,
 *  - the sequence flows taken drawn green (history stores no flows: see takenFlows).
 * Pan and zoom only: nothing in the diagram changes anything.
 */
import { escapeHtml, formatDuration, get } from './liaison-history-common.js';

const STYLE = `
  .liaison-history-diagram { height: 460px; position: relative; border: 1px solid #ddd; margin-bottom: 8px; }
  .liaison-history-diagram [cam-widget-bpmn-viewer], .liaison-history-diagram [cam-widget-bpmn-viewer] > div,
  .liaison-history-diagram .diagram-holder { height: 100%; }
  .djs-element.liaison-ran .djs-visual > :first-child { stroke: #2e8b57 !important; stroke-width: 3px !important; }
  .djs-element.liaison-ran .djs-visual > :first-child:not(path) { fill: #eaf7ee !important; }
  .djs-connection.liaison-ran .djs-visual > path { stroke: #2e8b57 !important; stroke-width: 2.5px !important; }
  .djs-element.liaison-current .djs-visual > :first-child { stroke: #e67e22 !important; stroke-width: 4px !important;
    fill: #fdf2e6 !important; }
  .liaison-badge { display: inline-block; padding: 0 5px; border-radius: 8px; font-size: 11px; line-height: 16px;
    color: #fff; background: #2e8b57; white-space: nowrap; }
  .liaison-badge-time { background: #5b6770; }
  .liaison-badge-current { background: #e67e22; }
  .liaison-history-legend span { margin-right: 16px; }
`;

function addStyle() {
  if (!document.getElementById('liaison-history-diagram-style')) {
    const style = document.createElement('style');
    style.id = 'liaison-history-diagram-style';
    style.textContent = STYLE;
    document.head.appendChild(style);
  }
}

let current = null; // the AngularJS scope of the diagram on screen, destroyed when the view goes

export function destroyDiagram() {
  if (current) {
    current.$destroy();
    current = null;
  }
}

/** Cockpit's bpmn viewer, loaded with the XML; resolves to its bpmn-js instance. */
function cockpitViewer(container, xml) {
  const injector = window.angular && window.angular.element(document.body).injector();
  if (!injector || !injector.has('camWidgetBpmnViewerDirective')) {
    return Promise.reject(new Error('流程监控未提供流程图组件'));
  }
  destroyDiagram();
  const scope = injector.get('$rootScope').$new(true);
  current = scope;
  return new Promise((resolve, reject) => {
    scope.xml = xml;
    scope.control = {};
    scope.loaded = () => resolve(scope.control.getViewer());
    const element = injector.get('$compile')(
      '<div cam-widget-bpmn-viewer diagram-data="xml" control="control" on-load="loaded()"></div>')(scope);
    container.appendChild(element[0]);
    scope.$applyAsync();
    setTimeout(() => reject(new Error('流程图加载超时')), 20000);
  });
}

/**
 * The sequence flows the instance took, as far as history tells: for each activity instance, the incoming flow
 * whose source instance ended last before it started (a join gateway's instance came from its latest arrival).
 */
function takenFlows(registry, activities) {
  const ended = new Map(); // activity id → end times
  for (const a of activities) {
    if (a.endTime) {
      ended.set(a.activityId, (ended.get(a.activityId) || []).concat(new Date(a.endTime).getTime()));
    }
  }
  const taken = new Set();
  for (const a of activities) {
    const shape = registry.get(a.activityId);
    const start = new Date(a.startTime).getTime();
    let best = -Infinity;
    let flows = [];
    for (const flow of (shape && shape.incoming) || []) {
      if (flow.type !== 'bpmn:SequenceFlow' || !flow.source) {
        continue;
      }
      const before = (ended.get(flow.source.id) || []).filter(t => t <= start + 1);
      const last = before.length ? Math.max(...before) : -Infinity;
      if (last > best) {
        best = last;
        flows = [flow.id];
      } else if (last === best && last > -Infinity) {
        flows.push(flow.id);
      }
    }
    flows.forEach(id => taken.add(id));
  }
  return taken;
}

/**
 * Draws the definition's diagram into container with what ran: activities are the historic activity instances
 * (sorted by start), runningIds the activity ids active now.
 */
export async function renderDiagram(container, api, definitionId, activities, runningIds) {
  addStyle();
  container.innerHTML = `<div class="liaison-history-diagram"></div>
    <p class="liaison-history-legend text-muted"><span><span class="liaison-badge">×次数</span> 执行次数</span>
      <span><span class="liaison-badge liaison-badge-time">用时</span> 累计用时（悬停看平均）</span>
      <span><span class="liaison-badge liaison-badge-current">办理中</span> 当前所在环节</span>
      <span>绿色：执行过的环节和经过的路径</span></p>`;
  try {
    const { bpmn20Xml } = await get(api, '/process-definition/' + encodeURIComponent(definitionId) + '/xml');
    const viewer = await cockpitViewer(container.firstElementChild, bpmn20Xml);
    const canvas = viewer.get('canvas');
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');

    const ran = new Map();
    for (const a of activities) {
      const s = ran.get(a.activityId) || { count: 0, total: 0, finished: 0 };
      s.count += 1;
      if (a.endTime) {
        s.finished += 1;
        s.total += a.durationInMillis || 0;
      }
      ran.set(a.activityId, s);
    }
    for (const [id, s] of ran) {
      if (!registry.get(id)) {
        continue; // e.g. a multi-instance body: no shape of its own
      }
      canvas.addMarker(id, 'liaison-ran');
      const avg = s.finished ? s.total / s.finished : null;
      const badge = document.createElement('span');
      badge.innerHTML = `<span class="liaison-badge liaison-count" title="执行 ${s.count} 次">×${s.count}</span>`
        + (s.finished && s.total >= 1000 ? ` <span class="liaison-badge liaison-badge-time" title="${escapeHtml(
          '累计 ' + formatDuration(s.total) + '，平均 ' + formatDuration(avg))}">${escapeHtml(formatDuration(s.total))}</span>`
          : '');
      overlays.add(id, { position: { bottom: 12, left: -6 }, html: badge });
    }
    for (const id of runningIds) {
      if (registry.get(id)) {
        canvas.addMarker(id, 'liaison-current');
        const badge = document.createElement('span');
        badge.className = 'liaison-badge liaison-badge-current';
        badge.textContent = '办理中';
        overlays.add(id, { position: { top: -10, right: 10 }, html: badge });
      }
    }
    for (const id of takenFlows(registry, activities)) {
      canvas.addMarker(id, 'liaison-ran');
    }
    container.firstElementChild.setAttribute('data-loaded', 'true');
  } catch (e) {
    container.firstElementChild.textContent = '无法显示流程图：' + e.message;
  }
}
