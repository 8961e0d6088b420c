// The dashboard draws what /dashboard/data returns (the statistics API's figures); it computes no figure itself.
(function () {
  'use strict';
  var charts = {};
  var RED = '#b71c1c', COLORS = ['#b71c1c', '#e57373', '#1565c0', '#64b5f6', '#2e7d32', '#81c784', '#f9a825',
    '#8d6e63', '#6a1b9a', '#00838f', '#ef6c00', '#546e7a'];

  function $(id) { return document.getElementById(id); }
  function pct(rate) { return rate === null || rate === undefined ? '—' : (rate * 100).toFixed(1) + '%'; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function chart(id) {
    if (!charts[id]) { charts[id] = echarts.init($(id), null, { renderer: 'svg' }); }
    return charts[id];
  }
  function figures(id, pairs) {
    var dl = $(id);
    dl.replaceChildren();
    pairs.forEach(function (p) {
      var d = el('div');
      d.appendChild(el('dt', p[0]));
      d.appendChild(el('dd', p[1]));
      dl.appendChild(d);
    });
  }
  function named(map, names) {
    return Object.keys(map).map(function (k) { return { name: names[k] || k, value: map[k] }; });
  }

  function gauge(id, rate, caption, summary) {
    chart(id).setOption({
      series: [{
        type: 'gauge', min: 0, max: 100, radius: '95%', center: ['50%', '58%'],
        progress: { show: true, width: 14, itemStyle: { color: RED } },
        axisLine: { lineStyle: { width: 14 } }, axisTick: { show: false }, splitLine: { length: 8 },
        axisLabel: { distance: 18, fontSize: 10 }, pointer: { width: 4, itemStyle: { color: RED } },
        title: { offsetCenter: [0, '72%'], fontSize: 14 },
        detail: { valueAnimation: false, fontSize: 22, offsetCenter: [0, '38%'],
          formatter: function () { return pct(rate); } },
        data: [{ value: rate === null ? 0 : +(rate * 100).toFixed(1), name: caption }]
      }]
    }, true);
    $(summary.id).textContent = summary.text;
  }

  function bar(id, items, horizontal) {
    var cats = items.map(function (i) { return i.name; });
    var vals = items.map(function (i) { return i.value; });
    var valueAxis = { type: 'value', minInterval: 1 };
    var categoryAxis = { type: 'category', data: cats, axisLabel: { interval: 0, rotate: horizontal ? 0 : 30, fontSize: 11 } };
    chart(id).setOption({
      grid: { left: horizontal ? 110 : 40, right: 20, top: 20, bottom: horizontal ? 20 : 70 },
      tooltip: { trigger: 'axis' },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? Object.assign(categoryAxis, { inverse: true }) : valueAxis,
      series: [{ type: 'bar', data: vals, itemStyle: { color: RED }, label: { show: true, position: horizontal ? 'right' : 'top' } }]
    }, true);
  }

  function draw(data) {
    var s = data.statistics, o = s.opinions, n = data.names, r = o.rates;
    $('period').textContent = '统计期间：' + s.period.from + ' 至 ' + s.period.to + '（按提交日期）'
      + (s.period.station ? ' · ' + (n.stations[s.period.station] || s.period.station) : '');
    var evaluated = o.evaluation.satisfied + o.evaluation.basicallySatisfied + o.evaluation.dissatisfied;
    gauge('gauge-closing', r.closing, '办结率', { id: 'sum-closing', text: '办结 ' + o.closed + ' 件 / 收到 ' + o.received + ' 件' });
    gauge('gauge-ontime', r.onTime, '按期办结率', { id: 'sum-ontime', text: '按期办结 ' + o.closedOnTime + ' 件 / 办结 ' + o.closed + ' 件' });
    gauge('gauge-satisfaction', r.satisfaction, '满意率', { id: 'sum-satisfaction',
      text: '满意 ' + o.evaluation.satisfied + ' · 基本满意 ' + o.evaluation.basicallySatisfied + ' · 不满意 '
        + o.evaluation.dissatisfied + '（已评价 ' + evaluated + ' 件）' });
    figures('opinion-figures', [['收到意见建议', o.received + ' 件'], ['已办结', o.closed + ' 件'],
      ['已解决', o.solved + ' 件'], ['部分解决', o.partlySolved + ' 件'], ['无法解决', o.unsolved + ' 件'],
      ['超期', o.overdue + ' 件'], ['转代表建议', o.toProposal + ' 件'], ['未评价', o.evaluation.notEvaluated + ' 件']]);

    var months = data.trend.map(function (m) { return m.month; });
    chart('trend').setOption({
      color: COLORS, tooltip: { trigger: 'axis' },
      legend: { data: ['收到', '办结', '办结率', '按期办结率', '满意率'], top: 0 },
      grid: { left: 45, right: 45, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: months },
      yAxis: [{ type: 'value', name: '件', minInterval: 1 },
        { type: 'value', name: '%', min: 0, max: 100 }],
      series: [
        { name: '收到', type: 'bar', data: data.trend.map(function (m) { return m.received; }) },
        { name: '办结', type: 'bar', data: data.trend.map(function (m) { return m.closed; }) },
        { name: '办结率', type: 'line', yAxisIndex: 1, data: data.trend.map(function (m) { return m.closing === null ? null : +(m.closing * 100).toFixed(1); }) },
        { name: '按期办结率', type: 'line', yAxisIndex: 1, data: data.trend.map(function (m) { return m.onTime === null ? null : +(m.onTime * 100).toFixed(1); }) },
        { name: '满意率', type: 'line', yAxisIndex: 1, data: data.trend.map(function (m) { return m.satisfaction === null ? null : +(m.satisfaction * 100).toFixed(1); }) }
      ]
    }, true);

    bar('by-station', named(o.byStation, n.stations), false);
    bar('by-category', named(o.byCategory, n.categories), true);
    chart('by-channel').setOption({
      color: COLORS, tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], label: { formatter: '{b}\n{c} 件' },
        data: named(o.byChannel, n.channels).filter(function (i) { return i.value > 0; }) }]
    }, true);

    var tbody = $('departments').tBodies[0];
    tbody.replaceChildren();
    if (o.byDepartment.length === 0) {
      var tr0 = el('tr'); var td0 = el('td', '本期无交办事项', 'empty'); td0.colSpan = 9; tr0.appendChild(td0); tbody.appendChild(tr0);
    }
    // the API lists departments in the directory's order; the ranking orders them by what they were given
    o.byDepartment.slice().sort(function (a, b) { return b.assigned - a.assigned; }).forEach(function (d, i) {
      var tr = el('tr');
      [i + 1, d.name, d.assigned, d.closed, d.closedOnTime, d.overdue, d.returned, d.reopened, pct(d.satisfaction)]
        .forEach(function (v) { tr.appendChild(el('td', String(v))); });
      tbody.appendChild(tr);
    });

    var p = s.proposals;
    figures('proposal-figures', [['提出代表建议', p.submitted + ' 件'], ['由群众意见整理', p.fromOpinions + ' 条'],
      ['已答复', p.replied + ' 件'], ['代表满意', (p.deputyEvaluation.SATISFIED || 0) + ' 件'],
      ['代表基本满意', (p.deputyEvaluation.BASICALLY_SATISFIED || 0) + ' 件'],
      ['代表不满意', (p.deputyEvaluation.DISSATISFIED || 0) + ' 件']]);
    var resultNames = { A: 'A 已解决或采纳', B: 'B 正在或计划解决', C: 'C 暂不能解决', D: 'D 留作参考' };
    bar('proposal-results', named(p.byResult, resultNames), true);

    var f = s.forums;
    figures('forum-figures', [['召开座谈会', f.held + ' 场'], ['邀请代表', f.invitedDeputies + ' 人次'],
      ['到会代表', f.attendedDeputies + ' 人次'], ['代表参与率', pct(f.participationRate)], ['收集建议', f.suggestions + ' 条']]);
    var rc = s.receptions;
    figures('reception-figures', [['接待场次', rc.sessions + ' 场'], ['接待群众', rc.visitors + ' 人次'],
      ['转入意见建议', rc.opinions + ' 条'], ['当场解决', rc.solvedOnSpot + ' 件'], ['已解决', rc.solved + ' 件']]);
    var re = s.rectification;
    figures('rectification-figures', [['整改任务', re.tasks + ' 项'], ['具体问题', re.problems + ' 条'],
      ['已完成整改', re.rectified + ' 条'], ['超期', re.overdue + ' 条']]);
    bar('rectification-chart', [{ name: '具体问题', value: re.problems }, { name: '已完成整改', value: re.rectified },
      { name: '超期', value: re.overdue }], true);
    var pj = s.projects;
    figures('project-figures', [['督查项目', pj.supervised + ' 个'], ['督查次数', pj.inspections + ' 次'],
      ['发现问题', pj.problemsFound + ' 条']]);

    lights(s.lights);
    campaigns(data, n);
  }

  // 三色督办: the open items with a deadline right now, by colour and kind (green 正常, yellow 临期, red 超期)
  function lights(l) {
    $('lights-panel').hidden = !l;
    if (!l) { return; }
    figures('light-figures', [['红灯（超期或督办中）', l.total.red + ' 件'], ['黄灯（临期或已催办）', l.total.yellow + ' 件'],
      ['绿灯（正常）', l.total.green + ' 件']]);
    var kinds = Object.keys(l.byKind);
    var colours = [['red', '红灯', '#c62828'], ['yellow', '黄灯', '#f9a825'], ['green', '绿灯', '#2e7d32']];
    chart('lights').setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 80, right: 30, top: 30, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: kinds.map(function (k) { return l.byKind[k].name; }) },
      series: colours.map(function (c) {
        return { name: c[1], type: 'bar', stack: 'lights', itemStyle: { color: c[2] }, label: { show: true, formatter: function (p) { return p.value || ''; } },
          data: kinds.map(function (k) { return l.byKind[k][c[0]]; }) };
      })
    }, true);
  }

  function campaigns(data, n) {
    var box = $('campaigns');
    Object.keys(charts).filter(function (k) { return k.indexOf('cp-') === 0; }).forEach(function (k) {
      charts[k].dispose(); delete charts[k];
    });
    box.replaceChildren();
    if (data.statistics.campaigns.length === 0) { box.appendChild(el('p', '本期无改种工作', 'empty')); return; }
    data.statistics.campaigns.forEach(function (c, i) {
      var section = el('div', null, 'campaign');
      section.appendChild(el('h3', c.name + '（' + c.town + '）'));
      var dl = el('dl', null, 'figures');
      dl.id = 'cp-figures-' + i;
      section.appendChild(dl);
      var pair = el('div', null, 'pair');
      var v = el('div', null, 'chart'); v.id = 'cp-village-' + i;
      var d = el('div', null, 'chart'); d.id = 'cp-deputy-' + i;
      pair.appendChild(v); pair.appendChild(d); section.appendChild(pair);
      box.appendChild(section);
      figures(dl.id, [['农户', c.households + ' 户'], ['已签约', c.signed + ' 户'], ['已种植', c.planted + ' 户'],
        ['种植面积', c.plantedMu + ' 亩'], ['已拨付补贴', c.subsidised + ' 户'], ['暂不愿意', c.unwilling + ' 户']]);
      var detail = data.campaigns[i];
      stacked(v.id, '各村农户', detail.byVillage, n.householdStatuses);
      stacked(d.id, '各包保代表农户', detail.byDeputy, n.householdStatuses);
    });
  }

  function stacked(id, title, shares, statusNames) {
    var statuses = Object.keys(statusNames).filter(function (st) {
      return shares.some(function (s) { return s.byStatus[st]; });
    });
    chart(id).setOption({
      color: COLORS, title: { text: title, textStyle: { fontSize: 13 } }, tooltip: { trigger: 'axis' },
      legend: { top: 22, type: 'scroll' }, grid: { left: 40, right: 10, top: 60, bottom: 40 },
      xAxis: { type: 'category', data: shares.map(function (s) { return s.name; }), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: statuses.map(function (st) {
        return { name: statusNames[st], type: 'bar', stack: 'h', data: shares.map(function (s) { return s.byStatus[st] || 0; }) };
      })
    }, true);
  }

  function resizeAll() { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); }

  function load() {
    var q = new URLSearchParams();
    q.set('from', $('from').value);
    q.set('to', $('to').value);
    if ($('station').value) { q.set('station', $('station').value); }
    $('board').setAttribute('aria-busy', 'true');
    fetch('/dashboard/data?' + q.toString(), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, body: body }; });
      })
      .then(function (r) {
        if (!r.ok) {
          var msgs = (r.body.errors || []).map(function (e) { return e.message || e.detail || ''; }).filter(Boolean);
          throw new Error(msgs.length ? msgs.join('；') : (r.body.detail || '查询失败'));
        }
        $('error').hidden = true;
        draw(r.body);
        // drawn before the page's scroll bar appeared: fit every chart to its panel as laid out now
        requestAnimationFrame(resizeAll);
        $('board').setAttribute('aria-busy', 'false');
      })
      .catch(function (e) {
        $('error').textContent = e.message && /[\u4e00-\u9fa5]/.test(e.message) ? e.message : '查询失败，请稍后重试';
        $('error').hidden = false;
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var params = new URLSearchParams(location.search);
    ['from', 'to', 'station'].forEach(function (k) { if (params.get(k)) { $(k).value = params.get(k); } });
    $('filters').addEventListener('submit', function (e) {
      e.preventDefault();
      history.replaceState(null, '', '/dashboard?' + new URLSearchParams(new FormData($('filters'))).toString());
      load();
    });
    $('print').addEventListener('click', function () { window.print(); });
    window.addEventListener('resize', resizeAll);
    window.addEventListener('beforeprint', resizeAll);
    load();
  });
})();
