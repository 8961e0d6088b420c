/* 移动工作台 (/m): my tasks, one task's Camunda Form rendered by form-js, drafts kept on the phone until the server
   accepts them. No personal data in addresses; the drafts are cleared on success and at logout. */
(function () {
  'use strict';
  var DRAFT = 'm.draft.';
  var state = { user: null, task: null, form: null, keys: {}, submitting: false, opened: 0, photos: null };
  var $ = function (id) { return document.getElementById(id); };

  function api(path, options) {
    options = options || {};
    options.credentials = 'same-origin';
    options.headers = Object.assign({ 'Accept': 'application/json', 'X-Requested-With': 'liaison-mobile' },
      options.headers || {});
    return fetch(path, options).then(function (res) {
      if (res.status === 401) { location.href = '/m/login'; throw new Error('login'); }
      return res;
    });
  }

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // ---- drafts: kept per user and task until the server accepts the submission ----
  function draftKey(taskId) { return DRAFT + state.user.userId + '.' + taskId; }
  function readDraft(taskId) {
    try { return JSON.parse(localStorage.getItem(draftKey(taskId)) || 'null'); } catch (e) { return null; }
  }
  function saveDraft(taskId, data, pending) {
    try { localStorage.setItem(draftKey(taskId), JSON.stringify({ data: data, pending: !!pending, at: Date.now() })); }
    catch (e) { /* storage full or off: the form still works */ }
  }
  function clearDraft(taskId) { localStorage.removeItem(draftKey(taskId)); }
  function clearAllLocalData() {
    Object.keys(localStorage).filter(function (k) { return k.indexOf('m.') === 0; })
      .forEach(function (k) { localStorage.removeItem(k); });
    try { sessionStorage.clear(); } catch (e) { /* nothing kept there */ }
    if (window.caches) {
      caches.keys().then(function (names) {
        names.filter(function (n) { return n.indexOf('m-data') === 0; }).forEach(function (n) { caches.delete(n); });
      });
    }
  }

  // ---- the list ----
  var KIND_ORDER = ['HOUSEHOLD', 'OPINION', 'PROPOSAL', 'RECTIFICATION', 'OTHER'];
  // the staff pages of an item (same login), as the Tasklist forms link them
  var CARD_PAGES = { OPINION: '/staff/opinions/', PROPOSAL: '/staff/proposals/', RECTIFICATION: '/staff/problems/' };
  var CARD_LABELS = { OPINION: '意见卡片：内容、办理经过、联系方式', PROPOSAL: '建议详情：联名、承办单位、答复',
    RECTIFICATION: '问题详情：整改经过、佐证照片' };
  var KIND_LABEL = { HOUSEHOLD: '农户', OPINION: '意见建议', PROPOSAL: '代表建议', RECTIFICATION: '整改', OTHER: '其他' };

  function loadList() {
    var q = $('search').value.trim();
    return api('/m/api/tasks' + (q ? '?q=' + encodeURIComponent(q) : '')).then(function (res) {
      if (!res.ok) { throw new Error('status ' + res.status); }
      return res.json();
    }).then(function (body) { renderList(body); loadNotices(); }).catch(function (e) {
      if (e.message === 'login') { return; }
      $('tasks').innerHTML = '<p class="error">任务列表暂时无法加载，请检查网络后下拉刷新。</p>';
    });
  }

  // 消息: e.g. the department's answer to an opinion a deputy forwarded (代表码)
  function loadNotices() {
    return api('/m/api/notices').then(function (res) { return res.ok ? res.json() : []; }).then(function (list) {
      if (!list.length) { $('notices').hidden = true; return; }
      $('notices').innerHTML = '<h2>消息</h2>' + list.map(function (n) {
        return '<div class="notice"><strong>' + esc(n.title) + '</strong><span class="muted"> ' + esc(n.at)
          + '</span><p>' + esc(n.body) + '</p></div>';
      }).join('');
      $('notices').hidden = false;
    }).catch(function () { /* the tasks matter more; messages come with the next refresh */ });
  }

  function renderList(body) {
    var counts = KIND_ORDER.filter(function (k) { return body.counts[k]; }).map(function (k) {
      return '<span class="count"><b>' + body.counts[k] + '</b> ' + KIND_LABEL[k] + '</span>';
    });
    $('counts').innerHTML = counts.length ? counts.join('') : '';
    if (!body.tasks.length) {
      $('tasks').innerHTML = '<p class="muted center">' + ($('search').value.trim() ? '没有找到符合的任务。' : '目前没有待办任务。') + '</p>';
      return;
    }
    $('tasks').innerHTML = body.tasks.map(function (t) {
      var ident = t.kind === 'HOUSEHOLD'
        ? [t.reference, t.detail, t.headName].filter(Boolean).join(' · ')
        : [t.reference, t.detail].filter(Boolean).join(' · ');
      var draft = readDraft(t.id);
      return '<a class="card' + (t.overdue ? ' overdue' : '') + '" href="#task/' + encodeURIComponent(t.id) + '">'
        + '<span class="kind">' + esc(t.kindLabel) + '</span>'
        + '<strong>' + esc(t.name) + '</strong>'
        + '<span class="ident">' + esc(ident) + '</span>'
        + '<span class="due">' + esc(t.dueText) + (t.lightText ? ' <span class="light light-' + esc(String(t.light).toLowerCase())
          + '" title="督办灯">' + esc(t.lightText) + '</span>' : '') + '</span>'
        + (draft ? '<span class="draft">' + (draft.pending ? '未提交，网络恢复后重试' : '有未提交的草稿') + '</span>' : '')
        + '</a>';
    }).join('');
  }

  // ---- one task ----
  function openTask(taskId) {
    state.opened = performance.now();
    show('task');
    $('task-card').innerHTML = '<p class="muted">正在打开……</p>';
    $('form').innerHTML = '';
    $('task-error').hidden = true;
    $('pending').hidden = true;
    $('photo').hidden = true;
    state.photos = null;
    return api('/m/api/tasks/' + encodeURIComponent(taskId)).then(function (res) {
      if (res.status === 404) { throw new Error('gone'); }
      if (!res.ok) { throw new Error('status ' + res.status); }
      return res.json();
    }).then(function (body) { renderTask(taskId, body); }).catch(function (e) {
      if (e.message === 'login') { return; }
      $('task-card').innerHTML = '';
      showError(e.message === 'gone' ? '该任务已不在您的待办中（可能已办理或已转给他人）。'
        : '任务暂时无法打开，请检查网络后重试。');
    });
  }

  function renderTask(taskId, body) {
    var c = body.card;
    state.task = { id: taskId, card: c };
    $('title').textContent = c.name;
    var ident = [c.reference, c.detail, c.headName].filter(Boolean).map(esc).join(' · ');
    $('task-card').innerHTML = '<div class="ident">' + ident + '</div><div class="due' + (c.overdue ? ' overdue' : '')
      + '">' + esc(c.dueText) + (c.lightText ? ' <span class="light light-' + esc(String(c.light).toLowerCase())
      + '">督办灯 ' + esc(c.lightText) + '</span>' : '') + '</div>'
      + (c.householdId ? '<a class="household" href="/staff/households/' + encodeURIComponent(c.householdId)
        + '">农户卡片：地块、走访记录、拨打电话</a>' : '')
      + (c.reference && CARD_PAGES[c.kind] ? '<a class="household" href="' + CARD_PAGES[c.kind]
        + encodeURIComponent(c.reference) + '">' + CARD_LABELS[c.kind] + '</a>' : '');
    if (!body.schema) {
      $('form').innerHTML = '<p class="muted">此任务没有手机表单，请在电脑上的任务列表中办理。</p>';
      $('submit').hidden = true;
      return;
    }
    $('submit').hidden = false;
    loadPhotos(taskId);
    state.keys = {};
    collectKeys(body.schema.components || []);
    var draft = readDraft(taskId);
    var data = Object.assign({}, body.variables || {}, draft ? draft.data : {});
    var form = new FormViewer.Form({ container: $('form') });
    state.form = form;
    form.importSchema(body.schema, data).then(function () {
      form.on('changed', function (e) {
        if (!state.submitting) { saveDraft(taskId, e.data, readDraft(taskId) && readDraft(taskId).pending); }
      });
      if (draft && draft.pending) { showPending(); }
      document.body.setAttribute('data-task-open-ms', String(Math.round(performance.now() - state.opened)));
      document.body.setAttribute('data-task-ready', taskId);
    }).catch(function () {
      showError('表单无法显示，请在电脑上的任务列表中办理。');
    });
  }

  // ---- 拍照: photos for the task's record, shrunk on the phone, kept here until the server has them ----
  var PHOTO = 'm.photo.';
  var MAX_SIDE = 1600;
  function photoKey(taskId) { return PHOTO + state.user.userId + '.' + taskId; }
  function pendingPhotos(taskId) {
    try { return JSON.parse(localStorage.getItem(photoKey(taskId)) || '[]'); } catch (e) { return []; }
  }
  function keepPendingPhotos(taskId, list) {
    try {
      if (list.length) { localStorage.setItem(photoKey(taskId), JSON.stringify(list)); }
      else { localStorage.removeItem(photoKey(taskId)); }
    } catch (e) { /* storage full: the photo stays in this page until it is sent */ }
  }

  function loadPhotos(taskId) {
    var box = $('photo');
    box.hidden = true;
    box.innerHTML = '';
    state.photos = { taskId: taskId, pending: pendingPhotos(taskId) };
    return api('/m/api/tasks/' + encodeURIComponent(taskId) + '/photos').then(function (res) {
      return res.ok ? res.json() : { accepts: false, photos: [] };
    }).catch(function () {
      // offline: a task that has photos waiting takes photos
      return { accepts: state.photos.pending.length > 0, photos: [], offline: true };
    }).then(function (body) {
      if (!state.task || state.task.id !== taskId || !body.accepts) { return; }
      state.photos.stored = body.photos;
      box.innerHTML = '<h2>照片</h2>'
        + '<label class="camera">拍照<input id="camera" type="file" accept="image/*" capture="environment"></label>'
        + '<div id="thumbs" class="thumbs" aria-live="polite"></div>';
      box.hidden = false;
      $('camera').addEventListener('change', function (e) {
        var files = Array.prototype.slice.call(e.target.files || []);
        e.target.value = '';
        files.reduce(function (p, f) { return p.then(function () { return takePhoto(taskId, f); }); },
          Promise.resolve());
      });
      renderThumbs();
      if (state.photos.pending.length && !body.offline) { sendPhotos(taskId); }
    });
  }

  function renderThumbs() {
    if (!$('thumbs')) { return; }
    var stored = (state.photos.stored || []).map(function (p) {
      return '<div class="thumb done"><img alt="已上传的照片" src="' + esc(p.url) + '"><span>已上传</span></div>';
    });
    var pending = state.photos.pending.map(function (p) {
      return '<div class="thumb pending-photo"><img alt="未上传的照片" src="' + p.data + '"><span>待上传</span></div>';
    });
    $('thumbs').innerHTML = stored.concat(pending).join('');
  }

  /** The photo, its long side at most 1600 px, as JPEG (quality 0.8): a few hundred KB instead of several MB. */
  function shrink(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
        var canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
        canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        resolve(canvas.toDataURL('image/jpeg', 0.8));
      };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error('image')); };
      img.src = url;
    });
  }

  function takePhoto(taskId, file) {
    return shrink(file).then(function (data) {
      state.photos.pending.push({ data: data, at: Date.now() });
      keepPendingPhotos(taskId, state.photos.pending);
      renderThumbs();
      return sendPhotos(taskId);
    }).catch(function (e) {
      if (e.message === 'image') { toast('无法读取这张照片，请重新拍摄。'); }
    });
  }

  function dataToBlob(data) {
    var bin = atob(data.split(',')[1]);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return new Blob([bytes], { type: 'image/jpeg' });
  }

  /** Sends the waiting photos one by one; resolves true when none is left, false when the network failed. */
  function sendPhotos(taskId) {
    if (!state.photos || state.photos.taskId !== taskId) { return Promise.resolve(true); }
    if (state.photos.sending) { return state.photos.sending; }
    var next = function () {
      var p = state.photos.pending[0];
      if (!p) { return Promise.resolve(true); }
      var body = new FormData();
      body.append('file', dataToBlob(p.data), 'photo.jpg');
      return api('/m/api/tasks/' + encodeURIComponent(taskId) + '/photos', { method: 'POST', body: body })
        .then(function (res) {
          if (res.status >= 500 || res.status === 429) { throw new Error('retry'); }
          return res.json().catch(function () { return {}; }).then(function (answer) {
            state.photos.pending.shift();
            keepPendingPhotos(taskId, state.photos.pending);
            if (res.status === 201) {
              state.photos.stored = (state.photos.stored || []).filter(function (s) { return s.id !== answer.id; })
                .concat([answer]);
            } else {
              // refused (not a photo, too large, not this user's task): said once, not retried
              showError((answer.errors && answer.errors[0] && answer.errors[0].message) || answer.detail
                || '照片未能上传。');
            }
            renderThumbs();
            return next();
          });
        });
    };
    state.photos.sending = next().catch(function (e) {
      if (e.message !== 'login') { showPending(); }
      return false;
    }).then(function (done) { state.photos.sending = null; return done; });
    return state.photos.sending;
  }

  function collectKeys(components) {
    components.forEach(function (c) {
      if (c.key) { state.keys[c.key] = c.id; }
      if (c.components) { collectKeys(c.components); }
    });
  }

  function submit() {
    if (!state.form || state.submitting) { return; }
    var result = state.form.submit();
    if (Object.keys(result.errors).length) { return; } // form-js shows them at the fields
    var taskId = state.task.id;
    saveDraft(taskId, result.data, false);
    state.submitting = true;
    $('submit').disabled = true;
    $('task-error').hidden = true;
    // the photos go before the form: once the task is done, it takes no more
    sendPhotos(taskId).then(function (sent) {
      if (!sent) { throw new Error('retry'); }
      return api('/m/api/tasks/' + encodeURIComponent(taskId) + '/complete', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ variables: result.data })
      });
    }).then(function (res) {
      if (res.status === 204) {
        clearDraft(taskId);
        $('pending').hidden = true;
        toast('已提交：' + state.task.card.name);
        location.hash = '';
        return;
      }
      if (res.status >= 500 || res.status === 429) { throw new Error('retry'); }
      return res.json().catch(function () { return {}; }).then(function (problem) {
        $('pending').hidden = true;
        saveDraft(taskId, result.data, false);
        if (res.status === 404) { showError('该任务已不在您的待办中（可能已办理或已转给他人）。'); return; }
        showRefusal(problem);
      });
    }).catch(function (e) {
      if (e.message === 'login') { return; }
      saveDraft(taskId, result.data, true);
      showPending();
    }).then(function () {
      state.submitting = false;
      $('submit').disabled = false;
    });
  }

  /** The engine's refusal: the message at each field it names, and the whole message above the form. */
  function showRefusal(problem) {
    var errors = {};
    var unplaced = [];
    (problem.errors || []).forEach(function (e) {
      var id = state.keys[e.field];
      if (id) { errors[id] = [e.message]; } else { unplaced.push(e.message); }
    });
    if (Object.keys(errors).length) {
      var current = state.form._getState().errors || {};
      state.form._setState({ errors: Object.assign({}, current, errors) });
    }
    showError(problem.detail || '任务未完成，请修改后重新提交。');
    // form-js renders the errors on its next frame: then bring the first one into view, above the 提交 button
    setTimeout(function () {
      var first = document.querySelector('#form .fjs-form-field-error');
      var field = first && first.closest('.fjs-form-field');
      if (field && field.scrollIntoView) { field.scrollIntoView({ block: 'center' }); }
    }, 60);
  }

  function showPending() {
    $('pending').hidden = false;
  }

  function showError(text) {
    $('task-error').textContent = text;
    $('task-error').hidden = false;
  }

  function toast(text) {
    var t = document.createElement('div');
    t.className = 'toast';
    t.setAttribute('role', 'status');
    t.textContent = text;
    document.body.appendChild(t);
    setTimeout(function () { t.remove(); }, 3000);
  }

  function show(which) {
    $('list-view').hidden = which !== 'list';
    $('task-view').hidden = which !== 'task';
    $('back').hidden = which !== 'task';
    if (which === 'list') { $('title').textContent = '我的任务'; }
    window.scrollTo(0, 0);
  }

  function route() {
    var m = /^#task\/(.+)$/.exec(location.hash);
    if (m) {
      openTask(decodeURIComponent(m[1]));
    } else {
      state.task = null;
      state.form = null;
      show('list');
      loadList();
    }
  }

  // ---- pull to refresh ----
  function pullToRefresh() {
    var startY = null;
    var pulled = false;
    document.addEventListener('touchstart', function (e) {
      startY = ($('list-view').hidden || window.scrollY > 0) ? null : e.touches[0].clientY;
    }, { passive: true });
    document.addEventListener('touchmove', function (e) {
      if (startY === null) { return; }
      pulled = e.touches[0].clientY - startY > 70;
      $('pull').hidden = !pulled;
    }, { passive: true });
    document.addEventListener('touchend', function () {
      if (pulled) { $('pull').textContent = '正在刷新……'; loadList().then(function () { $('pull').hidden = true; $('pull').textContent = '松开刷新'; }); }
      startY = null;
      pulled = false;
    });
  }

  function start() {
    $('back').addEventListener('click', function () { location.hash = ''; });
    $('submit').addEventListener('click', submit);
    $('retry').addEventListener('click', submit);
    $('refresh').addEventListener('click', loadList);
    var searchTimer = null;
    $('search').addEventListener('input', function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(loadList, 250);
    });
    $('logout').addEventListener('submit', clearAllLocalData);
    window.addEventListener('hashchange', route);
    window.addEventListener('online', function () {
      $('offline').hidden = true;
      if (state.task && !$('pending').hidden) { submit(); }
      else if (state.photos && state.photos.pending.length) { sendPhotos(state.photos.taskId); }
    });
    window.addEventListener('offline', function () { $('offline').hidden = false; });
    pullToRefresh();
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(function () { /* HTTP cache still serves */ });
    }
    api('/m/api/me').then(function (res) { return res.json(); }).then(function (me) {
      state.user = me;
      $('who').textContent = me.name;
      route();
    }).catch(function (e) {
      if (e.message !== 'login') {
        $('tasks').innerHTML = '<p class="error">网络不可用，请稍后下拉刷新。</p>';
      }
    });
  }

  document.addEventListener('DOMContentLoaded', start);
})();
