/*
 * The audit trail of the Recovery Orchestrator in Cockpit Community Edition (docs/audit-trail.md).
 *
 * Cockpit CE shows running instances only; its history views are Enterprise. These plugins read the engine's
 * history (history level full) through the engine REST API that Cockpit itself uses, as the person who is logged
 * in, so the engine's authorizations decide what anyone sees, and history cleanup (time to live) removes what they
 * show like everything else. Nothing here writes.
 *
 *   #/audit                           search instances by process, business key (the incident id), date and state
 *   #/audit/process-instance/<id>     one instance, running or finished: diagram with the path taken, called
 *                                     instances, activities, user tasks (who claimed, completed, chose what),
 *                                     variables with their history, failed jobs and incidents, user operation log
 *
 * Every value from the engine is put into the page as text (textContent, text nodes, attributes we build), never as
 * markup, and nothing is handed to AngularJS to compile but Cockpit's own diagram widget on an empty element.
 */

const SEARCH_PATH = '/audit';
const INSTANCE_PATH = '/audit/process-instance/';
const MAX_ROWS = 1000;
const PAGE_SIZE = 50;
const SHORT_VALUE = 300;
const STYLE_ID = 'ro-audit-style';

const STATES = {
  ACTIVE: '진행 중',
  SUSPENDED: '일시 중지',
  COMPLETED: '완료',
  EXTERNALLY_TERMINATED: '취소됨 (외부 종료)',
  INTERNALLY_TERMINATED: '종료됨 (내부 종료)'
};

/** Link to one instance's audit view (the same path the application puts into mails, chat and task forms). */
export function instanceHref(id) {
  return '#' + INSTANCE_PATH + encodeURIComponent(id);
}

// ---------------------------------------------------------------------------------------------------------------
// DOM: text only

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null) {
      continue;
    }
    if (name === 'text') {
      node.textContent = String(value);
    } else if (name === 'class') {
      node.className = value;
    } else {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child !== undefined && child !== null) {
      node.append(child); // a string becomes a text node
    }
  }
  return node;
}

function link(href, text, cls) {
  return el('a', {href, text, class: cls});
}

function table(cls, headings, rows) {
  if (!rows.length) {
    return el('p', {class: 'ro-audit-empty', text: '없음'});
  }
  return el('table', {class: 'table table-condensed ro-audit-table ' + cls},
    el('thead', {}, el('tr', {}, ...headings.map(h => el('th', {text: h})))),
    el('tbody', {}, ...rows.map(cells => el('tr', {}, ...cells.map(cell =>
      cell instanceof Node ? el('td', {}, cell) : el('td', {text: cell === undefined || cell === null ? '' : cell}))))));
}

function section(root, id, title) {
  const body = el('div', {class: 'ro-audit-body', text: '불러오는 중…'});
  root.append(el('section', {class: 'ro-audit-section', id: 'ro-audit-' + id}, el('h3', {text: title}), body));
  return body;
}

function fill(body, ...children) {
  body.textContent = '';
  body.append(...children.filter(c => c !== undefined && c !== null));
}

/** A value as text: long ones shortened, the whole in a closed <details>. */
function valueNode(value) {
  const text = value === null || value === undefined ? 'null'
    : typeof value === 'string' ? value : JSON.stringify(value);
  if (text.length <= SHORT_VALUE) {
    return el('span', {class: 'ro-audit-value', text});
  }
  return el('details', {class: 'ro-audit-value'},
    el('summary', {text: text.substring(0, SHORT_VALUE) + '… (' + text.length + '자)'}),
    el('pre', {text}));
}

function ensureStyle() {
  if (document.getElementById(STYLE_ID)) {
    return;
  }
  const root = document.querySelector('base').getAttribute('app-root') || '';
  document.head.append(el('link', {id: STYLE_ID, rel: 'stylesheet', type: 'text/css',
    href: root + '/app/cockpit/scripts/audit-trail.css?bust=' + (window.bust || '')}));
}

// ---------------------------------------------------------------------------------------------------------------
// Times

function parseTime(text) {
  if (!text) {
    return null;
  }
  // The REST API writes offsets as +0900; Date wants +09:00.
  const date = new Date(String(text).replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return isNaN(date.getTime()) ? null : date;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function time(text) {
  const d = parseTime(text);
  return d ? d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':'
    + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) : '';
}

function duration(from, to) {
  const start = parseTime(from);
  const end = parseTime(to);
  if (!start || !end) {
    return '';
  }
  let seconds = Math.round((end - start) / 1000);
  const parts = [];
  for (const [unit, size] of [['일', 86400], ['시간', 3600], ['분', 60]]) {
    if (seconds >= size) {
      parts.push(Math.floor(seconds / size) + unit);
      seconds %= size;
    }
  }
  parts.push(seconds + '초');
  return parts.join(' ');
}

/** A date input (YYYY-MM-DD, taken in the browser's zone) as the REST API's date: its start, or the next day's. */
function restDate(day, nextDay) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    return null;
  }
  const d = new Date(day + 'T00:00:00');
  if (nextDay) {
    d.setDate(d.getDate() + 1);
  }
  const offset = -d.getTimezoneOffset();
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T00:00:00.000'
    + (offset >= 0 ? '+' : '-') + pad(Math.floor(Math.abs(offset) / 60)) + pad(Math.abs(offset) % 60);
}

// ---------------------------------------------------------------------------------------------------------------
// Engine REST, as the logged-in user

class Refused extends Error {
  constructor(status, path) {
    super(status === 403 ? '권한이 없습니다' : status === 404 ? '찾을 수 없습니다' : '엔진이 ' + status + ' 로 답했습니다');
    this.status = status;
    this.path = path;
  }
}

function engineApi(api) {
  // The engine's name is taken from the page's address; a hash route may spoil it (#/…): then the default engine.
  const engine = /^[\w-]+$/.test(api.engine || '') ? api.engine : 'default';
  return api.baseApi + '/engine/' + engine;
}

async function get(api, path, params) {
  const query = params ? '?' + new URLSearchParams(params).toString() : '';
  const response = await fetch(engineApi(api) + path + query, {
    credentials: 'same-origin',
    headers: {Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken || ''}
  });
  if (!response.ok) {
    throw new Refused(response.status, path);
  }
  return response.json();
}

function failed(body, error) {
  fill(body, el('p', {class: 'ro-audit-error', text: '불러오지 못했습니다: ' + error.message}));
}

// ---------------------------------------------------------------------------------------------------------------
// The path taken

function activityKey(activityId) {
  return String(activityId || '').replace(/#multiInstanceBody$/, '');
}

/** How often each element ran (a multi-instance activity counts its instances, not its body). */
function counts(activities) {
  const result = new Map();
  const bodies = new Set(activities.filter(a => /#multiInstanceBody$/.test(a.activityId)).map(a => activityKey(a.activityId)));
  for (const a of activities) {
    const key = activityKey(a.activityId);
    if (bodies.has(key) && a.activityId === key + '#multiInstanceBody') {
      continue;
    }
    result.set(key, (result.get(key) || 0) + 1);
  }
  return result;
}

/**
 * Sequence flows taken. The engine's history records activities, not flows: a flow counts as taken when its
 * target ran and its source had ended by the time the target started (docs/audit-trail.md says so).
 */
function flowsTaken(flows, activities) {
  const ended = new Map();
  const started = new Map();
  for (const a of activities) {
    const key = activityKey(a.activityId);
    const start = parseTime(a.startTime);
    const end = parseTime(a.endTime);
    if (start) {
      (started.get(key) || started.set(key, []).get(key)).push(start.getTime());
    }
    if (end) {
      (ended.get(key) || ended.set(key, []).get(key)).push(end.getTime());
    }
  }
  return flows.filter(flow => {
    const targets = started.get(flow.target) || [];
    const sources = ended.get(flow.source) || [];
    return targets.some(t => sources.some(s => s <= t));
  }).map(flow => flow.id);
}

/** Cockpit's AngularJS injector (Cockpit bootstraps on the document element). */
function angularInjector() {
  return window.angular ? window.angular.element(document.documentElement).injector() : null;
}

/**
 * Cockpit's diagram widget keeps its zoom in the address (?viewbox=…), which Cockpit's own routes take without a
 * reload; a plugin route reloads on every change of the address's search part, which would draw the view anew.
 */
function keepOnSearchChange(path) {
  const injector = angularInjector();
  const route = injector && injector.has('$route') ? injector.get('$route').routes[path] : null;
  if (route) {
    route.reloadOnSearch = false;
  }
}

function drawDiagram(holder, scope, xml, activities, onCalled) {
  const injector = angularInjector();
  if (!injector || !scope) {
    fill(holder, el('p', {class: 'ro-audit-error', text: '다이어그램 위젯을 찾지 못했습니다: 아래 표를 보세요.'}));
    return;
  }
  const $compile = injector.get('$compile');
  const child = scope.$new(true);
  child.xml = xml;
  child.control = {};
  child.conf = injector.has('configuration') ? injector.get('configuration').getBpmnJs() : {};
  child.loaded = () => mark(child.control.getViewer(), activities, onCalled, holder);
  const widget = el('div', {'cam-widget-bpmn-viewer': '', 'diagram-data': 'xml', control: 'control',
    'on-load': 'loaded()', 'bpmn-js-conf': 'conf'});
  fill(holder, widget);
  $compile(widget)(child);
  child.$applyAsync();
}

function mark(viewer, activities, onCalled, holder) {
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  const ran = counts(activities);
  for (const [id, count] of ran) {
    if (!registry.get(id)) {
      continue;
    }
    canvas.addMarker(id, 'ro-audit-taken');
    overlays.add(id, 'ro-audit', {position: {bottom: 12, right: 12},
      html: el('span', {class: 'ro-audit-count', title: count + '번 실행', text: String(count)})});
  }
  const flows = registry.filter(e => e.type === 'bpmn:SequenceFlow').map(e => ({
    id: e.id, source: e.businessObject.sourceRef && e.businessObject.sourceRef.id,
    target: e.businessObject.targetRef && e.businessObject.targetRef.id
  }));
  for (const id of flowsTaken(flows, activities)) {
    canvas.addMarker(id, 'ro-audit-taken');
  }
  const called = new Map();
  for (const a of activities) {
    if (a.calledProcessInstanceId) {
      const key = activityKey(a.activityId);
      (called.get(key) || called.set(key, []).get(key)).push(a.calledProcessInstanceId);
    }
  }
  for (const [id, instances] of called) {
    if (!registry.get(id)) {
      continue;
    }
    const last = instances[instances.length - 1];
    const anchor = link(instanceHref(last), instances.length > 1 ? '호출 ' + instances.length + '건 ›' : '호출된 인스턴스 ›',
      'ro-audit-called-link');
    anchor.setAttribute('data-activity-id', id);
    if (instances.length > 1) {
      anchor.addEventListener('click', event => {
        event.preventDefault();
        onCalled(id);
      });
    }
    overlays.add(id, 'ro-audit', {position: {top: -22, left: 0}, html: anchor});
  }
  holder.setAttribute('data-marked', 'true');
}

// ---------------------------------------------------------------------------------------------------------------
// One instance

function instanceIdFromHash() {
  const match = window.location.hash.match(/#\/audit\/process-instance\/([^/?#]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

function stateText(instance) {
  return STATES[instance.state] || instance.state || '';
}

async function renderInstance(node, api, scope) {
  ensureStyle();
  keepOnSearchChange(INSTANCE_PATH + ':id');
  const id = instanceIdFromHash();
  const root = el('div', {class: 'ro-audit', 'ng-non-bindable': ''});
  node.append(root);
  root.append(el('p', {}, link('#' + SEARCH_PATH, '‹ 감사 기록 검색')));
  const head = el('div', {class: 'ro-audit-head', text: '불러오는 중…'});
  root.append(head);
  if (!id) {
    fill(head, el('p', {class: 'ro-audit-error', text: '주소에 인스턴스 ID가 없습니다.'}));
    return;
  }
  let instance;
  try {
    instance = await get(api, '/history/process-instance/' + encodeURIComponent(id));
  } catch (error) {
    fill(head, el('p', {class: 'ro-audit-error ro-audit-missing',
      text: '이 인스턴스의 기록이 없거나 볼 권한이 없습니다 (' + error.message + '). 기록은 보관 기한이 지나면 지워집니다.'}));
    return;
  }
  renderHead(head, instance);

  const diagram = section(root, 'diagram', '실행 경로 (Path taken)');
  const called = section(root, 'called', '호출된 인스턴스 (Called instances)');
  const activityBody = section(root, 'activities', '실행된 단계 (Activities)');
  const tasksBody = section(root, 'tasks', '사용자 작업 (User tasks)');
  const variablesBody = section(root, 'variables', '변수와 변경 이력 (Variables)');
  const jobsBody = section(root, 'jobs', '실패한 작업과 처리 (Failed jobs, incidents)');
  const operationsBody = section(root, 'operations', '사용자 작업 기록 (User operation log)');
  const relatedBody = section(root, 'related', '같은 업무 키의 인스턴스 (Same business key)');

  const byInstance = {processInstanceId: id};
  const activitiesP = get(api, '/history/activity-instance', {...byInstance, sortBy: 'startTime', sortOrder: 'asc',
    maxResults: MAX_ROWS});
  const detailsP = get(api, '/history/detail', {...byInstance, deserializeValues: false, sortBy: 'time',
    sortOrder: 'asc', maxResults: MAX_ROWS});
  const operationsP = get(api, '/history/user-operation', {...byInstance, sortBy: 'timestamp', sortOrder: 'asc',
    maxResults: MAX_ROWS});
  const calledP = get(api, '/history/process-instance', {superProcessInstanceId: id, sortBy: 'startTime',
    sortOrder: 'asc', maxResults: MAX_ROWS});
  [activitiesP, detailsP, operationsP, calledP].forEach(p => p.catch(() => null));

  activitiesP.then(async activities => {
    renderActivities(activityBody, activities);
    try {
      const xml = await get(api, '/process-definition/' + encodeURIComponent(instance.processDefinitionId) + '/xml');
      drawDiagram(diagram, scope, xml.bpmn20Xml, activities, () =>
        document.getElementById('ro-audit-called').scrollIntoView());
    } catch (error) {
      failed(diagram, error);
    }
  }, error => {
    failed(activityBody, error);
    failed(diagram, error);
  });
  Promise.all([calledP, activitiesP.catch(() => [])]).then(([instances, activities]) =>
    renderCalled(called, instances, activities), error => failed(called, error));
  Promise.all([get(api, '/history/task', {...byInstance, sortBy: 'startTime', sortOrder: 'asc', maxResults: MAX_ROWS}),
    detailsP, operationsP]).then(([tasks, details, operations]) => renderTasks(tasksBody, tasks, details, operations),
    error => failed(tasksBody, error));
  Promise.all([get(api, '/history/variable-instance', {...byInstance, deserializeValues: false,
    sortBy: 'variableName', sortOrder: 'asc', maxResults: MAX_ROWS}), detailsP, activitiesP.catch(() => [])])
    .then(([variables, details, activities]) => renderVariables(variablesBody, variables, details, activities),
      error => failed(variablesBody, error));
  Promise.all([get(api, '/history/job-log', {...byInstance, sortBy: 'timestamp', sortOrder: 'asc',
    maxResults: MAX_ROWS}), get(api, '/history/incident', byInstance), operationsP])
    .then(([log, incidents, operations]) => renderJobs(jobsBody, log, incidents, operations),
      error => failed(jobsBody, error));
  operationsP.then(operations => renderOperations(operationsBody, operations), error => failed(operationsBody, error));
  if (instance.businessKey) {
    get(api, '/history/process-instance', {processInstanceBusinessKey: instance.businessKey, sortBy: 'startTime',
      sortOrder: 'asc', maxResults: MAX_ROWS}).then(instances => fill(relatedBody, instancesTable(instances, id)),
      error => failed(relatedBody, error));
  } else {
    fill(relatedBody, el('p', {class: 'ro-audit-empty', text: '업무 키 없음'}));
  }
}

function renderHead(head, instance) {
  const running = instance.state === 'ACTIVE' || instance.state === 'SUSPENDED';
  const facts = [
    ['프로세스', (instance.processDefinitionName || instance.processDefinitionKey) + ' (' + instance.processDefinitionKey
      + ' v' + instance.processDefinitionVersion + ')'],
    ['인스턴스 ID', instance.id],
    ['업무 키 (장애 ID)', instance.businessKey || '-'],
    ['상태', stateText(instance)],
    ['시작', time(instance.startTime)],
    ['종료', instance.endTime ? time(instance.endTime) : '-'],
    ['소요 시간', instance.endTime ? duration(instance.startTime, instance.endTime) : '-'],
    ['시작한 사람', instance.startUserId || '-'],
    ['종료 사유', instance.deleteReason || '-'],
    ['기록 삭제 예정', instance.removalTime ? time(instance.removalTime) : '-']
  ];
  const list = el('dl', {class: 'ro-audit-facts'});
  for (const [name, value] of facts) {
    list.append(el('dt', {text: name}), el('dd', {text: value, 'data-fact': name}));
  }
  const links = el('p', {class: 'ro-audit-links'});
  if (instance.superProcessInstanceId) {
    links.append(link(instanceHref(instance.superProcessInstanceId), '‹ 호출한 인스턴스', 'ro-audit-super'), ' ');
  }
  if (running) {
    links.append(link('#/process-instance/' + encodeURIComponent(instance.id) + '/runtime',
      'Cockpit 런타임 보기 (조치)', 'ro-audit-runtime'));
  }
  fill(head, el('h2', {class: 'ro-audit-title', text: (instance.processDefinitionName || instance.processDefinitionKey)
    + ' — ' + stateText(instance)}), list, links);
  head.setAttribute('data-state', instance.state || '');
}

function renderCalled(body, instances, activities) {
  const callers = new Map(activities.filter(a => a.calledProcessInstanceId)
    .map(a => [a.calledProcessInstanceId, a.activityName || activityKey(a.activityId)]));
  fill(body, table('ro-audit-called', ['호출한 단계', '프로세스', '업무 키', '상태', '시작', '종료', ''],
    instances.map(i => [callers.get(i.id) || '', i.processDefinitionName || i.processDefinitionKey, i.businessKey,
      stateText(i), time(i.startTime), time(i.endTime), link(instanceHref(i.id), '기록 보기')])));
}

function instancesTable(instances, current) {
  return table('ro-audit-instances', ['프로세스', '업무 키', '상태', '시작', '종료', ''], instances.map(i => [
    i.processDefinitionName || i.processDefinitionKey, i.businessKey, stateText(i), time(i.startTime),
    time(i.endTime), i.id === current ? el('span', {text: '(이 인스턴스)'}) : link(instanceHref(i.id), '기록 보기')]));
}

function renderActivities(body, activities) {
  const shown = activities.filter(a => !/#multiInstanceBody$/.test(a.activityId));
  fill(body, table('ro-audit-activities', ['시작', '종료', '단계', '유형', '담당', '결과', '호출'], shown.map(a => [
    time(a.startTime), time(a.endTime), (a.activityName || a.activityId) + (a.activityName ? ' (' + a.activityId + ')' : ''),
    a.activityType, a.assignee, a.canceled ? '취소됨' : a.endTime ? '완료' : '진행 중',
    a.calledProcessInstanceId ? link(instanceHref(a.calledProcessInstanceId), '호출된 인스턴스') : ''])),
  activities.length >= MAX_ROWS ? el('p', {class: 'ro-audit-error', text: '처음 ' + MAX_ROWS + '개만 표시합니다.'}) : null);
}

/** Claim, assign, delegate and complete of each task: who and when (the engine's user operation log). */
function taskOperations(operations, taskId) {
  const seen = new Set();
  return operations.filter(o => o.taskId === taskId && o.entityType === 'Task').filter(o => {
    const key = o.operationId + '|' + o.operationType; // one operation logs a row per property
    return seen.has(key) ? false : seen.add(key);
  });
}

/**
 * What the person entered when completing the task: the form fields submitted for it, and the process variables
 * written while the task's activity was current (task-local ones, such as the form's context, are left out).
 */
function choices(details, task) {
  const chosen = new Map();
  for (const d of details) {
    if (d.type === 'formField' && d.taskId === task.id) {
      chosen.set(d.fieldId, d.fieldValue);
    } else if (d.type === 'variableUpdate' && !d.taskId && task.activityInstanceId
        && d.activityInstanceId === task.activityInstanceId) {
      chosen.set(d.variableName, d.value);
    }
  }
  return chosen;
}

function renderTasks(body, tasks, details, operations) {
  fill(body, table('ro-audit-tasks', ['작업', '생성', '종료', '담당자', '처리 기록', '선택한 값', '결과'], tasks.map(task => {
    const done = taskOperations(operations, task.id);
    const completed = done.filter(o => o.operationType === 'Complete');
    const history = el('ul', {class: 'ro-audit-task-ops'}, ...done.map(o => el('li', {'data-operation': o.operationType,
      text: time(o.timestamp) + ' ' + (o.userId || '(시스템)') + ' ' + o.operationType})));
    const chosen = choices(details, task);
    const values = el('ul', {class: 'ro-audit-choice'}, ...[...chosen].map(([name, value]) =>
      el('li', {'data-name': name}, el('code', {text: name}), ' = ', valueNode(value))));
    const outcome = task.deleteReason === 'completed'
      ? '완료: ' + (completed.length ? completed[completed.length - 1].userId || '(시스템)' : task.assignee || '(시스템)')
      : task.endTime ? '닫힘 (' + (task.deleteReason || '') + ')' : '열림';
    return [el('span', {class: 'ro-audit-task-name', 'data-task-key': task.taskDefinitionKey, text: task.name}),
      time(task.startTime), time(task.endTime), task.assignee || '-', history, values,
      el('span', {class: 'ro-audit-task-outcome', text: outcome})];
  })));
}

function renderVariables(body, variables, details, activities) {
  const names = new Map(activities.map(a => [a.id, a.activityName || activityKey(a.activityId)]));
  const updates = new Map();
  for (const d of details.filter(d => d.type === 'variableUpdate')) {
    (updates.get(d.variableInstanceId) || updates.set(d.variableInstanceId, []).get(d.variableInstanceId)).push(d);
  }
  fill(body, table('ro-audit-variables', ['이름', '유형', '값', '범위', '변경 이력'], variables.map(v => {
    const changes = updates.get(v.id) || [];
    const history = changes.length <= 1 ? el('span', {text: changes.length + '회'}) : el('details', {},
      el('summary', {text: changes.length + '회 변경'}),
      el('ol', {}, ...changes.map(c => el('li', {}, time(c.time) + ' (' + (names.get(c.activityInstanceId) || '') + '): ',
        valueNode(c.value)))));
    const scope = v.taskId ? '작업' : v.activityInstanceId === v.processInstanceId ? '인스턴스'
      : names.get(v.activityInstanceId) || v.activityInstanceId;
    return [el('code', {text: v.name, 'data-variable': v.name}), v.type, valueNode(v.value), scope, history];
  })));
}

function renderJobs(body, log, incidents, operations) {
  const jobs = new Map();
  for (const entry of log) {
    (jobs.get(entry.jobId) || jobs.set(entry.jobId, []).get(entry.jobId)).push(entry);
  }
  const rows = [];
  for (const [jobId, entries] of jobs) {
    const failures = entries.filter(e => e.failureLog);
    if (!failures.length) {
      continue;
    }
    const lastFailure = failures[failures.length - 1];
    const after = entries.filter(e => parseTime(e.timestamp) >= parseTime(lastFailure.timestamp));
    const retries = operations.filter(o => o.jobId === jobId && o.operationType === 'SetJobRetries');
    const resolution = after.some(e => e.successLog) ? '재시도 성공'
      : after.some(e => e.deletionLog) ? '삭제됨 (인스턴스 종료 등)' : '실패 상태 (재시도 ' + lastFailure.jobRetries + '회 남음)';
    rows.push([lastFailure.activityId, lastFailure.jobDefinitionType || '', failures.length + '회',
      valueNode(lastFailure.jobExceptionMessage), resolution + retries.map(o => ' · ' + time(o.timestamp) + ' '
        + (o.userId || '') + ' 재시도 설정').join('')]);
  }
  const incidentRows = incidents.map(i => [time(i.createTime), i.activityId, i.incidentType, valueNode(i.incidentMessage),
    i.open ? '열림' : i.resolved ? '해결됨 ' + time(i.endTime) : i.deleted ? '삭제됨 ' + time(i.endTime) : '']);
  fill(body, el('h4', {text: '실패한 작업'}), table('ro-audit-jobs', ['단계', '유형', '실패', '마지막 오류', '처리'], rows),
    el('h4', {text: 'Cockpit 인시던트'}), table('ro-audit-incidents', ['발생', '단계', '유형', '메시지', '상태'], incidentRows));
}

function renderOperations(body, operations) {
  fill(body, table('ro-audit-operations', ['시각', '사용자', '작업', '대상', '속성', '이전 값', '새 값', '주석'],
    operations.map(o => [time(o.timestamp), o.userId || '(시스템)', o.operationType, o.entityType, o.property,
      valueNode(o.orgValue), valueNode(o.newValue), o.annotation || ''])));
}

// ---------------------------------------------------------------------------------------------------------------
// Search

async function renderSearch(node, api) {
  ensureStyle();
  const params = new URLSearchParams((window.location.hash.split('?')[1] || ''));
  const root = el('div', {class: 'ro-audit', 'ng-non-bindable': ''});
  node.append(root);
  root.append(el('h2', {text: '감사 기록 (Audit trail)'}),
    el('p', {text: '진행 중이거나 끝난 인스턴스를 프로세스, 업무 키 (장애 ID), 시작 날짜, 상태로 찾습니다. '
      + '업무 키에 % 를 쓰면 부분 일치로 찾습니다.'}));
  const process = el('select', {name: 'process', class: 'form-control'}, el('option', {value: '', text: '모든 프로세스'}));
  const key = el('input', {name: 'businessKey', type: 'text', class: 'form-control', placeholder: '장애 ID'});
  key.value = params.get('businessKey') || '';
  const from = el('input', {name: 'from', type: 'date', class: 'form-control'});
  from.value = params.get('from') || '';
  const to = el('input', {name: 'to', type: 'date', class: 'form-control'});
  to.value = params.get('to') || '';
  const state = el('select', {name: 'state', class: 'form-control'},
    ...[['', '전체'], ['finished', '끝남'], ['completed', '완료'], ['terminated', '취소·종료'], ['active', '진행 중']]
      .map(([value, text]) => el('option', {value, text})));
  state.value = params.get('state') || '';
  const form = el('form', {class: 'form-inline ro-audit-search', name: 'roAuditSearch'},
    el('label', {text: '프로세스 '}, process), ' ', el('label', {text: '업무 키 '}, key), ' ',
    el('label', {text: '시작 '}, from), el('label', {text: ' ~ '}, to), ' ', el('label', {text: '상태 '}, state), ' ',
    el('button', {type: 'submit', class: 'btn btn-primary', text: '찾기'}));
  const results = el('div', {class: 'ro-audit-results'});
  root.append(form, results);
  try {
    const definitions = await get(api, '/process-definition', {latestVersion: true, sortBy: 'name', sortOrder: 'asc'});
    for (const d of definitions) {
      process.append(el('option', {value: d.key, text: (d.name || d.key) + ' (' + d.key + ')'}));
    }
    process.value = params.get('process') || '';
  } catch (error) {
    process.append(el('option', {value: '', text: '(프로세스 목록을 읽지 못함)'}));
  }
  let first = 0;
  const search = async () => {
    const query = {sortBy: 'startTime', sortOrder: 'desc'};
    if (process.value) {
      query.processDefinitionKey = process.value;
    }
    const text = key.value.trim();
    if (text) {
      query[text.includes('%') ? 'processInstanceBusinessKeyLike' : 'processInstanceBusinessKey'] = text;
    }
    if (from.value && restDate(from.value, false)) {
      query.startedAfter = restDate(from.value, false);
    }
    if (to.value && restDate(to.value, true)) {
      query.startedBefore = restDate(to.value, true);
    }
    if (state.value === 'finished') {
      query.finished = true;
    } else if (state.value === 'completed') {
      query.completed = true;
    } else if (state.value === 'terminated') {
      query.externallyTerminated = true;
    } else if (state.value === 'active') {
      query.unfinished = true;
    }
    fill(results, el('p', {text: '찾는 중…'}));
    try {
      const count = await get(api, '/history/process-instance/count', query);
      const found = await get(api, '/history/process-instance', {...query, firstResult: first, maxResults: PAGE_SIZE});
      const pager = el('p', {class: 'ro-audit-pager'}, el('span', {class: 'ro-audit-total',
        text: count.count + '건' + (count.count > PAGE_SIZE ? ' (' + (first + 1) + '–' + (first + found.length) + ')' : '')}));
      if (first > 0) {
        const previous = el('button', {type: 'button', class: 'btn btn-default btn-xs', text: '‹ 이전'});
        previous.addEventListener('click', () => { first = Math.max(0, first - PAGE_SIZE); search(); });
        pager.append(' ', previous);
      }
      if (first + found.length < count.count) {
        const next = el('button', {type: 'button', class: 'btn btn-default btn-xs', text: '다음 ›'});
        next.addEventListener('click', () => { first += PAGE_SIZE; search(); });
        pager.append(' ', next);
      }
      fill(results, pager, instancesTable(found, null));
    } catch (error) {
      failed(results, error);
    }
  };
  form.addEventListener('submit', event => {
    event.preventDefault();
    first = 0;
    search();
  });
  search();
}

// ---------------------------------------------------------------------------------------------------------------
// The plugins

export default [
  {
    id: 'ro-audit-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 5,
    properties: {path: SEARCH_PATH},
    render: node => {
      node.append(link('#' + SEARCH_PATH, '감사 기록'));
    }
  },
  {
    id: 'ro-audit-search',
    pluginPoint: 'cockpit.route',
    properties: {path: SEARCH_PATH, label: '감사 기록'},
    render: (node, {api}) => {
      renderSearch(node, api);
    }
  },
  {
    id: 'ro-audit-instance',
    pluginPoint: 'cockpit.route',
    properties: {path: INSTANCE_PATH + ':id', label: '감사 기록'},
    render: (node, {api}, scope) => {
      renderInstance(node, api, scope);
    }
  },
  {
    id: 'ro-audit-runtime-action',
    pluginPoint: 'cockpit.processInstance.runtime.action',
    render: (node, {processInstanceId}) => {
      node.append(link(instanceHref(processInstanceId), '감사 기록', 'btn btn-default btn-toolbar ro-audit-action'));
    }
  }
];
