/*
 * 查看历史 button on Cockpit's process instance page (plugin point cockpit.processInstance.runtime.action): opens
 * the history view of this instance (liaison-history-view.js).
 */
import { historyLink } from './liaison-history-common.js';

export default {
  id: 'liaison.history.instanceAction',
  pluginPoint: 'cockpit.processInstance.runtime.action',
  priority: 5,
  render: (node, { processInstanceId }) => {
    node.innerHTML = '<a class="btn btn-default action-button liaison-history-action" title="查看历史" href="'
      + historyLink(processInstanceId) + '"><span class="glyphicon glyphicon-time"></span></a>';
  }
};
