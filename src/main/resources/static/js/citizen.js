// 码上见代表: small enhancements only; every page works without this file.
(function () {
  'use strict';

  function length(text) {
    // characters as people count them (an emoji is one), like the server's check
    return Array.from(text).length;
  }

  function counters() {
    document.querySelectorAll('textarea[data-counter]').forEach(function (area) {
      var counter = document.getElementById(area.getAttribute('data-counter'));
      if (!counter) {
        return;
      }
      var max = parseInt(area.getAttribute('maxlength'), 10) || 0;
      var number = counter.querySelector('span');
      var update = function () {
        var n = length(area.value);
        number.textContent = String(n);
        counter.classList.toggle('over', max > 0 && n > max);
      };
      counter.hidden = false;
      area.addEventListener('input', update);
      update();
    });
  }

  function anonymous() {
    var box = document.getElementById('f-anonymous');
    var name = document.getElementById('f-contactName');
    if (!box || !name) {
      return;
    }
    var update = function () {
      name.disabled = box.checked;
      name.placeholder = box.checked ? '匿名提交，不保存姓名' : '例如：王先生';
    };
    box.addEventListener('change', update);
    update();
  }

  function copyButtons() {
    document.querySelectorAll('[data-copy]').forEach(function (button) {
      var key = document.getElementById(button.getAttribute('data-copy'));
      var ticket = document.getElementById('ticket-no');
      if (!key || !navigator.clipboard) {
        return;
      }
      button.hidden = false;
      button.addEventListener('click', function () {
        var text = '受理编号：' + (ticket ? ticket.textContent.trim() : '') + '\n查询码：' + key.getAttribute('data-key');
        navigator.clipboard.writeText(text).then(function () {
          button.textContent = '已复制，请粘贴保存到备忘录或发给自己';
        }, function () {
          button.textContent = '无法自动复制，请截屏或抄写';
        });
      });
    });
  }

  function printButtons() {
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        window.print();
      });
    });
  }

  function focusErrors() {
    var summary = document.getElementById('error-summary');
    if (summary) {
      summary.setAttribute('tabindex', '-1');
      summary.focus();
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    counters();
    anonymous();
    copyButtons();
    printButtons();
    focusErrors();
  });
}());
