/* The incident's context above a task's form (taskform/TaskFormHtml). Every value is shown with textContent:
   nothing from the context is ever parsed as HTML or compiled as a template. */
(function (camForm) {
  'use strict';
  var form = camForm.formElement && camForm.formElement[0] ? camForm.formElement[0] : camForm.formElement;
  var panel = form.querySelector('.ro-context');
  var serverNow = Date.parse(form.getAttribute('data-server-now'));
  var offset = isNaN(serverNow) ? 0 : serverNow - Date.now();
  var clock = null;

  function now() {
    return Date.now() + offset;
  }

  /* A duration as config/Durations writes it on the server: 8초, 3분 20초, 2시간 5분, 3일 2시간 (the units that say
     something; below two days in hours). Cut off below the last unit written; time left is rounded up to it instead
     (a deadline 119.5 minutes away is "2시간" away, as elapsed says "2시간"). */
  function words(millis, up) {
    var exact = Math.abs(millis) / 1000;
    var unit = exact < 3600 ? 1 : exact < 172800 ? 60 : 3600;
    var seconds = (up ? Math.ceil(exact / unit) : Math.floor(exact / unit)) * unit;
    if (seconds < 60) {
      return seconds + '초';
    }
    if (seconds < 3600) {
      return both(Math.floor(seconds / 60), '분', seconds % 60, '초');
    }
    if (seconds < 172800) {
      return both(Math.floor(seconds / 3600), '시간', Math.floor(seconds % 3600 / 60), '분');
    }
    return both(Math.floor(seconds / 86400), '일', Math.floor(seconds % 86400 / 3600), '시간');
  }

  function both(large, largeUnit, small, smallUnit) {
    return small === 0 ? large + largeUnit : large + largeUnit + ' ' + small + smallUnit;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function row(list, label, value, className) {
    if (value === undefined || value === null || value === '') {
      return null;
    }
    var term = el('dt', null, label);
    var detail = el('dd', className || null, value);
    list.appendChild(term);
    list.appendChild(detail);
    return detail;
  }

  function lines(title, items, ordered, emptyText) {
    var section = el('div', 'ro-lines');
    section.appendChild(el('h5', null, title));
    if (!items || items.length === 0) {
      section.appendChild(el('p', 'ro-muted', emptyText));
      return section;
    }
    var list = el(ordered ? 'ol' : 'ul');
    items.forEach(function (item) {
      list.appendChild(el('li', null, item));
    });
    section.appendChild(list);
    return section;
  }

  function link(parent, path, text) {
    if (typeof path !== 'string' || path.charAt(0) !== '/' || path.charAt(1) === '/') {
      return;
    }
    var anchor = el('a', null, text);
    anchor.setAttribute('href', window.location.origin + path);
    anchor.setAttribute('target', '_blank');
    anchor.setAttribute('rel', 'noopener noreferrer');
    parent.appendChild(anchor);
    parent.appendChild(document.createTextNode(' '));
  }

  function renderTask(context) {
    panel.textContent = '';
    panel.appendChild(el('h4', 'ro-title', context.drill ? '[훈련] 작업 내용' : '작업 내용'));
    panel.appendChild(el('p', 'ro-ask', context.ask || '설명이 없습니다.'));
  }

  function render(context) {
    if (!context.incidentId) {
      renderTask(context);
      return;
    }
    panel.textContent = '';
    var title = el('h4', 'ro-title');
    if (context.drill) {
      title.appendChild(el('span', 'ro-drill', '[훈련] '));
    }
    title.appendChild(document.createTextNode('[' + context.shortId + '] ' + context.typeName));
    panel.appendChild(title);

    var facts = el('dl', 'ro-facts');
    row(facts, '영향 범위', context.scope);
    row(facts, '요약', context.summary);
    row(facts, '대상', context.target);
    row(facts, '현재 단계', context.tier);
    row(facts, '발생 시각', context.openedAtText + ' (' + context.timeZone + ')');
    var elapsed = row(facts, '경과', '-', 'ro-elapsed');
    row(facts, 'RTO 목표 시각', context.rtoDeadlineText);
    var left = row(facts, 'RTO까지 남은 시간', '-', 'ro-time-left');
    row(facts, 'RTO 허용 한계', context.acceptableDeadlineText);
    if (context.nextTierName) {
      row(facts, '다음 에스컬레이션', context.nextTierName + ' (' + context.nextTierAtText + ')');
    }
    panel.appendChild(facts);
    if (context.ask) {
      panel.appendChild(el('p', 'ro-ask', context.ask));
    }
    panel.appendChild(lines('진단 결과', context.findings, false, '아직 진단 결과가 없습니다.'));
    panel.appendChild(lines('지금까지 한 조치', context.tried, true, '기록된 조치가 없습니다.'));
    var log = el('div', 'ro-lines');
    log.appendChild(el('h5', null, '최근 로그'));
    log.appendChild(context.logLines && context.logLines.length
        ? el('pre', 'ro-log', context.logLines.join('\n'))
        : el('p', 'ro-muted', context.logProblem || '로그가 비어 있습니다.'));
    panel.appendChild(log);
    var links = el('p', 'ro-links');
    link(links, context.links && context.links.cockpit, 'Cockpit에서 보기');
    link(links, context.links && context.links.incident, '장애 기록 (API)');
    link(links, context.links && context.links.report, '보고서 (초안)');
    panel.appendChild(links);

    var opened = Date.parse(context.openedAt);
    var deadline = Date.parse(context.rtoDeadline);
    function tick() {
      if (!document.body.contains(panel)) {
        window.clearInterval(clock);
        return;
      }
      elapsed.textContent = words(now() - opened);
      var remaining = deadline - now();
      left.textContent = remaining >= 0 ? words(remaining, true) + ' 남음' : 'RTO 목표 ' + words(remaining) + ' 초과';
      left.className = remaining >= 0 ? 'ro-time-left' : 'ro-time-left ro-overdue';
    }
    tick();
    // Every second: below an hour the words count seconds.
    clock = window.setInterval(tick, 1000);
  }

  function missing(text) {
    panel.textContent = '';
    panel.appendChild(el('p', 'ro-context-missing', text));
  }

  camForm.on('form-loaded', function () {
    camForm.variableManager.fetchVariable('taskContext');
  });

  camForm.on('variables-fetched', function () {
    var variables = camForm.variableManager;
    var raw = variables.variableValue('taskContext');
    // Read only: the context must never go back with the form (it is the task's, not the responder's).
    if (typeof variables.destroyVariable === 'function') {
      variables.destroyVariable('taskContext');
    } else {
      delete variables.variables.taskContext;
    }
    if (typeof raw !== 'string' || raw === '') {
      missing('이 작업에는 장애 정보가 없습니다.');
      return;
    }
    try {
      render(JSON.parse(raw));
    } catch (e) {
      missing('장애 정보를 읽지 못했습니다.');
    }
  });
})(camForm);
