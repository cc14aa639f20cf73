/*
 * The department page. Everything it shows comes from the intake (same origin): no CDN, no inline script. The key
 * is typed into the sign-in form once and exchanged for an HttpOnly cookie; it is never put in a URL or in storage.
 * Each change sends the session's CSRF token. Rules are never repeated here: the intake's own validator answers the
 * live check, with the API's messages in Chinese and English.
 */
(() => {
  'use strict';
  const $ = s => document.querySelector(s);
  const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
  // A unit as this page's language shows it: English names from units.js (the intake's one table, UnitNames), singular
  // for 1; a unit missing from it as the catalog writes it. What is sent to the intake stays the catalog's unit.
  const unitName = (u, n) => {
    const e = lang === 'en' && u && (window.UNITS_EN || {})[u];
    return !e ? u || '' : n === 1 ? e.one : e.other;
  };
  const T = {
    zh: {
      title: '部门填报', skip: '跳到正文', signOut: '退出登录', signInTitle: '用部门密钥登录',
      signInHint: '密钥由区政府办公室发放，只在本页输入，不会出现在网址中，也不会保存在浏览器里。',
      key: '部门密钥', signIn: '登录', keyRequired: '请输入部门密钥',
      tabTargets: '我的目标', tabReport: '填报', tabCorrect: '更正', tabUpload: '上传表格', tabCases: '我的督办', tabPlan: '我的计划',
      colTarget: '目标', colActual: '实际', colCompletion: '完成率', colExpected: '按计划应完成', colStatus: '状态',
      colPlan: '计划来源', colLast: '最近填报', colDate: '日期', colKind: '类型', colValue: '数值', colReporter: '填报人',
      colWay: '方式', colState: '情况', colRow: '行', colProblem: '问题', loading: '正在加载…',
      detailReports: '本目标最近的填报', recentReports: '最近的填报',
      fieldTarget: '目标', fieldKind: '类型', fieldValue: '数值', fieldDate: '截至日期', fieldReporter: '填报人',
      fieldNote: '备注', fieldReason: '撤销原因', fieldFile: '表格文件（.xlsx 或 CSV）', fieldCharset: 'CSV 编码',
      dateHint: '如 2020年6月30日 或 2020-06-30', submitReport: '提交填报', pickReport: '选择要撤销的本部门填报',
      submitRetract: '撤销该填报', template: '下载填报模板（.xlsx，每个目标一行）', charsetAuto: '自动识别',
      preview: '预览', previewTitle: '将写入的内容', commit: '全部写入',
      clock: d => '区时钟今日：' + d, standingsOff: '进度数据暂不可用（未连接进度服务），目标与填报记录仍可使用。',
      standingsNone: '尚无进度数据', who: (zh, en, id) => zh + '（' + id + '）',
      planLinear: '时序进度', planPace: '分阶段计划', planDeptShort: '本部门计划', none: '—',
      kinds: { INCREMENT: '增量', CUMULATIVE_TO_DATE: '累计', LEVEL: '水平', MILESTONE_REACHED: '完成', CORRECTION: '更正' },
      status: { NOT_STARTED: '未开始', ON_TRACK: '正常', AT_RISK: '有风险', BEHIND: '滞后', COMPLETED: '已完成',
        BREACHED: '超限', OVERDUE: '逾期', PENDING_TARGET: '待定目标', NO_REPORT_YET: '尚未报送' },
      channels: { WEB: '网页', SPREADSHEET: '表格', HTTP: '接口', CLI: '命令行', DEMO: '演示', SENSOR: '传感器' },
      retractedBy: '已撤销', correctionOf: id => '撤销 ' + id, stored: '已计入',
      accepted: id => '已受理并计入一次（事件编号 ' + id + '）。', replayed: id => '此前已受理，未重复计入（事件编号 ' + id + '）。',
      acceptedRows: n => '已全部写入 ' + n + ' 行，每行计入一次。', replayedRows: n => '此文件此前已写入（' + n + ' 行），未重复计入。',
      retracted: id => '已撤销（更正事件编号 ' + id + '）。', retry: s => '暂时无法写入，请 ' + s + ' 秒后再提交（不会重复计入）。',
      failed: '提交失败：', fixFields: n => '有 ' + n + ' 处需要修改（见各栏下方的红字），未写入任何数据。', signInAgain: '登录已过期，请重新登录。', noReports: '本部门尚无填报。', noRetractable: '没有可撤销的填报。',
      previewSummary: (n, f, bad) => '读取到 ' + n + ' 行（' + f + '）' + (bad ? '，其中 ' + bad + ' 行有误：全部未写入，请修改文件后重新预览。' : '，均无误。确认后全部写入。'),
      rowOk: '无误', wholeFile: '整个文件：', lineN: n => '第 ' + n + ' 行', burnCaption: '实际累计（蓝）、按计划应完成（灰虚线）与目标值（绿）',
      noHistory: '尚无进度历史', target: '目标', plan: '计划', actual: '实际', ignored: c => '未读取的列：' + c,
      pendingValue: '待定', unitOf: u => '（' + u + '）', chartOf: n => n + ' · 进度',
      casesHint: '督办单由进度监测或区政府办公室对滞后目标发起。请在答复期限前说明原因、措施和预计赶上日期；可附上调整后的分解计划（由监测中心审批）。',
      planHint: '未经批准的目标按时序进度（期限内均匀推进）衡量。下载模板、填写各节点的累计应完成量后上传；提交后由监测中心的操作员审批，批准后生效。',
      noCases: '本部门目前没有未结的督办单。', casesOff: '暂时无法读取督办单：',
      stages: { OPEN: '待答复', ANSWERED: '已答复，待审核', ACCEPTED: '答复已采纳', CLOSED: '已结束' },
      conditions: { BEHIND: '滞后', BREACHED: '超限', OVERDUE: '逾期', AT_RISK: '有风险', NO_REPORT_YET: '尚未报送', STALE: '久未报送', MANUAL: '人工督办' },
      events: { OPENED: '立案', CONDITION_ADDED: '新增情形', ANSWERED: '部门答复', RETURNED: '退回', ACCEPTED: '采纳', REMINDED: '催办', ESCALATED: '上报领导', CLOSED: '结束' },
      dueBy: d => '答复期限：' + d, overdue: '已逾期', caseOpened: d => '立案：' + d, returnedN: n => '已退回 ' + n + ' 次',
      fieldCaseReason: '滞后原因', fieldMeasures: '整改措施', fieldCatchUp: '预计赶上进度日期', catchUpHint: '如 2020-08-31',
      proposedPlan: '建议的分解计划（可选，每行一个节点：日期与截至该日的累计量）', planDate: '日期', planAmount: '累计量',
      submitAnswer: '提交答复', answered: (id, sub) => '答复已提交（事件编号 ' + id + '）' + (sub ? '；建议计划已提交审批（' + sub + '）。' : '。'),
      lastAnswer: '已提交的答复', timeline: '经过',
      planInForce: '现行计划：', planLinearSource: '时序进度（期限内均匀推进）', planCatalog: '目录中的分阶段计划',
      planDept: (d, by) => '本部门的分解计划，' + d + ' 由 ' + by + ' 批准', planTemplate: '下载计划模板（CSV）',
      fieldPlanFile: '填好的计划（CSV，UTF-8 或 GBK）', fieldPlanNote: '说明（可选）', submitPlan: '上传计划',
      planSubmitted: id => '计划已提交（编号 ' + id + '），待监测中心的操作员审批；批准前仍按现行计划衡量。',
      planErrors: n => '计划有 ' + n + ' 处错误，未提交：', chooseFile: '请选择文件'
    },
    en: {
      title: 'Department reporting', skip: 'Skip to content', signOut: 'Sign out', signInTitle: 'Sign in with the department key',
      signInHint: 'The key comes from the district office. It is typed here only, never put in a web address or kept in the browser.',
      key: 'Department key', signIn: 'Sign in', keyRequired: 'Enter the department key',
      tabTargets: 'My targets', tabReport: 'Report', tabCorrect: 'Correct', tabUpload: 'Upload', tabCases: 'My cases', tabPlan: 'My plan',
      colTarget: 'Target', colActual: 'Actual', colCompletion: 'Completion', colExpected: 'Expected by now', colStatus: 'Status',
      colPlan: 'Plan', colLast: 'Last report', colDate: 'Date', colKind: 'Kind', colValue: 'Value', colReporter: 'Reporter',
      colWay: 'Way', colState: 'State', colRow: 'Row', colProblem: 'Problem', loading: 'Loading…',
      detailReports: 'Last reports on this target', recentReports: 'Last reports',
      fieldTarget: 'Target', fieldKind: 'Kind', fieldValue: 'Value', fieldDate: 'As of', fieldReporter: 'Reporter',
      fieldNote: 'Note', fieldReason: 'Reason for retracting', fieldFile: 'Spreadsheet (.xlsx or CSV)', fieldCharset: 'CSV encoding',
      dateHint: 'e.g. 2020-06-30', submitReport: 'Submit report', pickReport: 'Pick one of your department\'s reports to retract',
      submitRetract: 'Retract this report', template: 'Download the template (.xlsx, one row per target)', charsetAuto: 'Detect',
      preview: 'Preview', previewTitle: 'What will be written', commit: 'Write all',
      clock: d => 'District clock: ' + d, standingsOff: 'Standings are not available right now (the progress service is not reachable); targets and reports still work.',
      standingsNone: 'No standing yet', who: (zh, en, id) => en + ' (' + id + ')',
      planLinear: '时序进度 (even)', planPace: 'Phased plan', planDeptShort: 'Department\'s plan', none: '—',
      kinds: { INCREMENT: 'Increment', CUMULATIVE_TO_DATE: 'Year to date', LEVEL: 'Level', MILESTONE_REACHED: 'Milestone reached', CORRECTION: 'Correction' },
      status: { NOT_STARTED: 'Not started', ON_TRACK: 'On track', AT_RISK: 'At risk', BEHIND: 'Behind', COMPLETED: 'Completed',
        BREACHED: 'Breached', OVERDUE: 'Overdue', PENDING_TARGET: 'Target pending', NO_REPORT_YET: 'No report yet' },
      channels: { WEB: 'Web page', SPREADSHEET: 'Spreadsheet', HTTP: 'API', CLI: 'Command line', DEMO: 'Demo', SENSOR: 'Sensor' },
      retractedBy: 'Retracted', correctionOf: id => 'Retracts ' + id, stored: 'Counted',
      accepted: id => 'Accepted and counted once (event id ' + id + ').', replayed: id => 'Already accepted before; not counted again (event id ' + id + ').',
      acceptedRows: n => 'All ' + n + ' rows written, each counted once.', replayedRows: n => 'This file was written before (' + n + ' rows); nothing counted twice.',
      retracted: id => 'Retracted (correction event id ' + id + ').', retry: s => 'Could not be stored right now; submit again in ' + s + ' s (it will not count twice).',
      failed: 'Not accepted: ', fixFields: n => n + ' thing(s) to fix, shown in red under each field; nothing was written.', signInAgain: 'The session ended; sign in again.', noReports: 'No reports yet.', noRetractable: 'Nothing to retract.',
      previewSummary: (n, f, bad) => n + ' rows read (' + f + ')' + (bad ? '; ' + (bad === 1 ? '1 row has' : bad + ' rows have') + ' errors: nothing will be written. Fix the file and preview it again.' : '; no errors. Confirm to write them all.'),
      rowOk: 'OK', wholeFile: 'Whole file: ', lineN: n => 'Row ' + n, burnCaption: 'Actual to date (blue), expected by the plan (grey, dashed) and the target (green)',
      noHistory: 'No history yet', target: 'Target', plan: 'Plan', actual: 'Actual', ignored: c => 'Columns not read: ' + c,
      pendingValue: 'pending', unitOf: u => '(' + u + ')', chartOf: n => n + ' · progress',
      casesHint: 'A supervision case is opened on a target behind its pace, by the monitoring or the district office. Answer before the deadline with the reason, the measures and when the target will be back on pace; you may propose a revised plan (an operator approves it in the monitor).',
      planHint: 'Without an approved plan a target is measured by 时序进度 (even over its period). Download the template, fill in the cumulative amount expected at each checkpoint and upload it; an operator approves it in the monitor, and it applies from then.',
      noCases: 'Your department has no open supervision case.', casesOff: 'Supervision cases cannot be read right now: ',
      stages: { OPEN: 'Awaiting your answer', ANSWERED: 'Answered, under review', ACCEPTED: 'Answer accepted', CLOSED: 'Closed' },
      conditions: { BEHIND: 'Behind', BREACHED: 'Breached', OVERDUE: 'Overdue', AT_RISK: 'At risk', NO_REPORT_YET: 'No report yet', STALE: 'Stale', MANUAL: 'Opened by hand' },
      events: { OPENED: 'Opened', CONDITION_ADDED: 'Condition added', ANSWERED: 'Answered', RETURNED: 'Returned', ACCEPTED: 'Accepted', REMINDED: 'Reminded', ESCALATED: 'Escalated', CLOSED: 'Closed' },
      dueBy: d => 'Answer due by ' + d, overdue: 'Overdue', caseOpened: d => 'Opened ' + d, returnedN: n => 'Returned ' + n + ' time(s)',
      fieldCaseReason: 'Why it is behind', fieldMeasures: 'Measures taken', fieldCatchUp: 'Back on pace by', catchUpHint: 'e.g. 2020-08-31',
      proposedPlan: 'Proposed plan (optional; one checkpoint a row: the date and the cumulative amount by then)', planDate: 'Date', planAmount: 'Cumulative',
      submitAnswer: 'Send the answer', answered: (id, sub) => 'Answer sent (event id ' + id + ')' + (sub ? '; the proposed plan awaits approval (' + sub + ').' : '.'),
      lastAnswer: 'Answer sent', timeline: 'Timeline',
      planInForce: 'Plan in force: ', planLinearSource: '时序进度 (even over the period)', planCatalog: 'The catalog\'s phased plan',
      planDept: (d, by) => 'Your department\'s plan, approved on ' + d + ' by ' + by, planTemplate: 'Download the plan template (CSV)',
      fieldPlanFile: 'Filled plan (CSV, UTF-8 or GBK)', fieldPlanNote: 'Note (optional)', submitPlan: 'Upload the plan',
      planSubmitted: id => 'Plan submitted (' + id + '); an operator approves it in the monitor. Until then the plan in force applies.',
      planErrors: n => 'The plan has ' + n + ' error(s); nothing submitted: ', chooseFile: 'Choose a file'
    }
  }[lang];
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

  const state = { session: null, overview: null, targets: new Map(), checkTimer: null, touched: new Set(), file: null };

  // ---- formatting ------------------------------------------------------------------------------------------
  /** 2020-06-30 (or an instant) as 2020年6月30日 / 30 June 2020, in Shanghai. */
  function formatDate(value) {
    if (!value) return T.none;
    let y, m, d;
    const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (plain) { y = +plain[1]; m = +plain[2]; d = +plain[3]; } else {
      const t = new Date(new Date(value).getTime() + 8 * 3600 * 1000);
      y = t.getUTCFullYear(); m = t.getUTCMonth() + 1; d = t.getUTCDate();
    }
    return lang === 'zh' ? y + '年' + m + '月' + d + '日' : d + ' ' + MONTHS[m - 1] + ' ' + y;
  }
  function formatNumber(n) {
    if (n === null || n === undefined || Number.isNaN(n)) return T.none;
    return Number(n).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 2 });
  }
  /** A spreadsheet's date cell as the page writes dates, when it is one (2020/6/29, 2020-06-29); else as written. */
  function cellDate(text) {
    const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text || '');
    return m ? formatDate(m[1] + '-' + m[2].padStart(2, '0') + '-' + m[3].padStart(2, '0')) : (text || '');
  }
  function pct(r) { return r === null || r === undefined ? T.none : formatNumber(r * 100) + '%'; }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null || v === false) return;
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v === true ? '' : v);
    });
    children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return e;
  }
  function nameOf(t) { return lang === 'zh' ? t.nameZh : (t.nameEn || t.nameZh); }
  /** A key per form render: the same form sent twice is one report (Idempotency-Key); works without HTTPS too. */
  function newKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return 'web-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  // ---- HTTP --------------------------------------------------------------------------------------------------
  async function call(method, url, body, headers) {
    const h = Object.assign({ 'Accept': 'application/json' }, headers || {});
    if (method !== 'GET' && state.session) h['X-CSRF-Token'] = state.session.csrfToken;
    let payload = body;
    if (body !== undefined && !(body instanceof FormData)) { h['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
    const response = await fetch(url, { method, headers: h, body: payload, credentials: 'same-origin', cache: 'no-store' });
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    if (response.status === 401 && url.startsWith('/department/api/')) { showSignIn(T.signInAgain); }
    return { status: response.status, body: json, headers: response.headers };
  }
  function reasonOf(e) { return lang === 'zh' ? (e.reasonZh || e.reason) : (e.reason || e.reasonZh); }
  function detailOf(p) { return p ? (lang === 'zh' ? (p.detailZh || p.detail) : (p.detail || p.detailZh)) : ''; }

  // ---- sign in -----------------------------------------------------------------------------------------------
  function showSignIn(message) {
    state.session = null;
    $('#app').hidden = true;
    $('#sign-out').hidden = true;
    $('#who').textContent = '';
    $('#sign-in').hidden = false;
    $('#sign-in-error').textContent = message || '';
    $('#key').focus();
  }
  async function signIn(event) {
    event.preventDefault();
    const key = $('#key').value.trim();
    if (!key) { $('#sign-in-error').textContent = T.keyRequired; $('#key').setAttribute('aria-invalid', 'true'); return; }
    $('#sign-in-submit').disabled = true;
    try {
      const r = await call('POST', '/department/session', { key });
      if (r.status !== 200) { $('#sign-in-error').textContent = detailOf(r.body); $('#key').setAttribute('aria-invalid', 'true'); return; }
      $('#key').value = '';
      $('#key').removeAttribute('aria-invalid');
      started(r.body);
    } finally { $('#sign-in-submit').disabled = false; }
  }
  async function signOut() {
    await call('DELETE', '/department/session');
    showSignIn('');
  }
  function started(session) {
    state.session = session;
    $('#sign-in').hidden = true;
    $('#app').hidden = false;
    $('#sign-out').hidden = false;
    $('#who').textContent = T.who(session.departmentZh, session.departmentEn, session.department);
    selectTab(location.hash.replace('#', '') || 'targets', false);
    load();
  }

  // ---- tabs (arrow keys move between them, as the ARIA pattern says) --------------------------------------------
  const TABS = ['targets', 'report', 'correct', 'upload', 'cases', 'plan'];
  function selectTab(name, focus) {
    if (!TABS.includes(name)) name = 'targets';
    TABS.forEach(t => {
      const tab = $('#tab-' + t);
      tab.setAttribute('aria-selected', String(t === name));
      tab.tabIndex = t === name ? 0 : -1;
      $('#panel-' + t).hidden = t !== name;
    });
    if (focus) $('#tab-' + name).focus();
    history.replaceState(null, '', location.pathname + location.search + '#' + name);
  }
  function tabKeys(event) {
    const i = TABS.indexOf(document.activeElement.id.replace('tab-', ''));
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(TABS[(next + TABS.length) % TABS.length], true);
  }

  // ---- my targets --------------------------------------------------------------------------------------------
  async function load() {
    const r = await call('GET', '/department/api/overview');
    if (r.status !== 200) return;
    state.overview = r.body;
    state.targets = new Map(r.body.targets.map(t => [t.target.id, t]));
    $('#clock-line').textContent = T.clock(formatDate(r.body.today));
    // "not-found": the streams app has no standing for the department yet; only a missing service is worth a note
    $('#standings-note').hidden = r.body.standings === 'ok' || r.body.standings === 'not-found';
    $('#standings-note').textContent = T.standingsOff;
    renderTargets();
    renderReports();
    renderReportForm(false);
    renderCorrect();
    renderPlans();
    loadCases();
  }
  function lastReportOf(id) {
    return state.overview.reports.find(r => r.targetId === id && r.kind !== 'CORRECTION' && !r.retractedBy);
  }
  function renderTargets() {
    const body = $('#targets-table tbody');
    body.replaceChildren(...state.overview.targets.map(entry => {
      const t = entry.target, s = entry.standing, last = lastReportOf(t.id);
      const unit = t.unit ? ' ' + unitName(t.unit) : '';
      return el('tr', { 'data-target': t.id },
        el('td', {}, el('button', { type: 'button', class: 'target-link', 'data-open': t.id, text: nameOf(t) }),
          el('span', { class: 'target-id', text: t.id })),
        el('td', { class: 'num', 'data-col': 'actual', text: s && s.actual !== null && s.actual !== undefined ? formatNumber(s.actual) + unit : T.none }),
        el('td', { class: 'num', text: s ? pct(s.completionRatio) : T.none }),
        el('td', { class: 'num', text: s && s.expectedValue !== null && s.expectedValue !== undefined ? formatNumber(s.expectedValue) + unit : T.none }),
        el('td', {}, s ? el('span', { class: 'status ' + s.status, text: T.status[s.status] || s.status }) : T.standingsNone),
        el('td', { text: planSourceShort(entry) }),
        el('td', { text: last ? formatDate(last.eventTime) + (last.reporter ? ' · ' + last.reporter : '') : T.none }));
    }));
  }
  function reportLine(r) {
    const t = state.targets.get(r.targetId);
    const value = r.value === null || r.value === undefined ? '' : formatNumber(r.value) + (r.unit ? ' ' + unitName(r.unit, r.value) : '');
    return { t, value };
  }
  function renderReports() {
    const body = $('#reports-table tbody');
    const reports = state.overview.reports;
    if (!reports.length) { body.replaceChildren(el('tr', {}, el('td', { colspan: 7, text: T.noReports }))); return; }
    body.replaceChildren(...reports.map(r => {
      const { t, value } = reportLine(r);
      return el('tr', { 'data-event': r.eventId, class: r.retractedBy ? 'retracted' : null },
        el('td', { text: formatDate(r.eventTime) }),
        el('td', { text: t ? nameOf(t.target) : r.targetId }),
        el('td', { text: T.kinds[r.kind] || r.kind }),
        el('td', { class: 'num', text: value }),
        el('td', { text: r.reporter || T.none }),
        el('td', { text: T.channels[r.channel] || r.channel || T.none }),
        el('td', { text: r.retractedBy ? T.retractedBy : r.kind === 'CORRECTION' ? T.correctionOf(r.correctsEventId) : T.stored }));
    }));
  }
  async function openTarget(id) {
    const entry = state.targets.get(id);
    if (!entry) return;
    const detail = $('#target-detail');
    detail.hidden = false;
    $('#detail-title').textContent = T.chartOf(nameOf(entry.target));
    $('#detail-reports').replaceChildren(...state.overview.reports.filter(r => r.targetId === id).slice(0, 8).map(r => {
      const { value } = reportLine(r);
      return el('li', { class: r.retractedBy ? 'retracted' : null,
        text: formatDate(r.eventTime) + ' · ' + (T.kinds[r.kind] || r.kind) + (value ? ' ' + value : '') + (r.reporter ? ' · ' + r.reporter : '') });
    }));
    $('#burnup').replaceChildren(el('p', { class: 'loading', text: T.loading }));
    const r = await call('GET', '/department/api/targets/' + encodeURIComponent(id) + '/history');
    drawBurnUp(r.status === 200 ? r.body : null, entry.target, entry.standing);
    detail.scrollIntoView({ block: 'nearest' });
  }
  /** 1, 2 or 5 times a power of ten, at least {@code raw}: round axis steps. */
  function niceStep(raw) {
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    return [1, 2, 5, 10].map(m => m * power).find(s => s >= raw);
  }
  /** The burn-up chart: actual to date, the plan's expected value and the target line, over the target's year. */
  function drawBurnUp(history, target, standing) {
    const box = $('#burnup');
    let points = history && history.points ? history.points.filter(p => p.actual !== null && p.actual !== undefined) : [];
    // the recorded points are the ends of past buckets; the standing is where the target is now
    if (standing && standing.actual !== null && standing.actual !== undefined && standing.asOf) {
      const now = new Date(standing.asOf).getTime();
      points = points.filter(p => p.asOf < now).concat([{ asOf: now, actual: standing.actual }]);
    }
    const plan = history && history.plan ? history.plan.filter(p => p.expectedValue !== null && p.expectedValue !== undefined) : [];
    if (!points.length && !plan.length) { box.replaceChildren(el('p', { class: 'hint', text: T.noHistory })); $('#burnup-caption').textContent = ''; return; }
    const W = 720, H = 260, L = 64, R = 16, TOP = 14, B = 30;
    const year = target.year;
    const start = Date.UTC(year, 0, 1), end = Date.UTC(year + 1, 0, 1);
    // a recorded point's asOf is epoch milliseconds; plan entries and the year's start are dates (yyyy-MM-dd)
    const dayOf = p => typeof p.asOf === 'number' ? p.asOf : new Date((p.date || p.bucket) + 'T00:00:00+08:00').getTime();
    const goal = history && history.targetValue !== null && history.targetValue !== undefined ? history.targetValue : target.targetValue;
    const top = Math.max(1e-9, goal || 0, ...points.map(p => p.actual), ...plan.map(p => p.expectedValue));
    const step = niceStep(top / 4);
    const max = Math.ceil(top / step) * step;
    const x = t => L + (Math.min(Math.max(t, start), end) - start) / (end - start) * (W - L - R);
    const y = v => TOP + (1 - v / max) * (H - TOP - B);
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    const add = (name, attrs, text) => {
      const e = document.createElementNS('http://www.w3.org/2000/svg', name);
      Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
      if (text !== undefined) e.textContent = text;
      svg.append(e);
      return e;
    };
    for (let v = 0; v <= max + step / 2; v += step) {
      add('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#e3e8ee' });
      add('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, formatNumber(v));
    }
    [0, 3, 6, 9].forEach(m => add('text', { x: x(Date.UTC(year, m, 1)), y: H - 10 }, lang === 'zh' ? (m + 1) + '月' : MONTHS[m].slice(0, 3)));
    if (goal) add('line', { x1: L, x2: W - R, y1: y(goal), y2: y(goal), stroke: '#1e7a3c', 'stroke-width': 2 });
    const path = (list, value) => list.map(p => x(dayOf(p)).toFixed(1) + ',' + y(value(p)).toFixed(1)).join(' ');
    if (plan.length) add('polyline', { points: path(plan, p => p.expectedValue), fill: 'none', stroke: '#8a96a3', 'stroke-dasharray': '5 4', 'stroke-width': 2 });
    if (points.length) {
      // a cumulative target starts the year at 0: the line runs from 1 January to each recorded point
      const line = target.kind === 'CUMULATIVE' ? [{ date: year + '-01-01', actual: 0 }].concat(points) : points;
      add('polyline', { points: path(line, p => p.actual), fill: 'none', stroke: '#0b5cad', 'stroke-width': 3 });
      points.forEach(p => add('circle', { cx: x(dayOf(p)), cy: y(p.actual), r: 4, fill: '#0b5cad' }));
    }
    box.replaceChildren(svg);
    box.setAttribute('aria-label', T.burnCaption);
    $('#burnup-caption').textContent = T.burnCaption + (goal ? ' · ' + T.target + ' ' + formatNumber(goal) + (target.unit ? ' ' + unitName(target.unit, goal) : '') : '');
  }

  // ---- report ------------------------------------------------------------------------------------------------
  const REPORT_FIELDS = ['targetId', 'kind', 'value', 'eventTime', 'reporter', 'note'];
  const FIELD_INPUT = { targetId: '#report-target', kind: '#report-kind', value: '#report-value', eventTime: '#report-date',
    reporter: '#report-reporter', note: '#report-note', unit: '#report-value' };
  function renderReportForm(fresh) {
    const select = $('#report-target');
    const chosen = select.value;
    select.replaceChildren(...state.overview.targets.map(e => el('option', { value: e.target.id, text: nameOf(e.target) + ' · ' + e.target.id })));
    if (chosen && state.targets.has(chosen)) select.value = chosen;
    // a date the intake reads: 2020年6月30日 in Chinese, 2020-06-30 in English
    if (!$('#report-date').value || fresh) $('#report-date').value = lang === 'zh' ? formatDate(state.overview.today) : state.overview.today;
    if (!$('#report-idempotency').value || fresh) $('#report-idempotency').value = newKey();
    targetChosen();
  }
  function targetChosen() {
    const entry = state.targets.get($('#report-target').value);
    if (!entry) return;
    const t = entry.target;
    const kindSelect = $('#report-kind');
    const kinds = t.updateKinds.filter(k => k !== 'CORRECTION'); // a correction is the 更正 tab's
    const chosen = kindSelect.value;
    kindSelect.replaceChildren(...kinds.map(k => el('option', { value: k, text: T.kinds[k] || k })));
    // the kind of the target's last report first: the streams app does not mix totals with increments on one target
    const last = lastReportOf(t.id);
    const sameTarget = state.kindFor === t.id;
    state.kindFor = t.id;
    kindSelect.value = sameTarget && kinds.includes(chosen) ? chosen
      : last && kinds.includes(last.kind) ? last.kind : t.defaultUpdateKind;
    $('#report-unit').textContent = t.unit ? T.unitOf(unitName(t.unit)) : '';
    $('#report-value-hint').textContent = t.targetValue !== null && t.targetValue !== undefined
      ? T.target + ' ' + formatNumber(t.targetValue) + (t.unit ? ' ' + unitName(t.unit, t.targetValue) : '') : T.target + ' ' + T.pendingValue;
  }
  function reportBody() {
    const body = {};
    REPORT_FIELDS.forEach(f => { const v = $(FIELD_INPUT[f]).value.trim(); if (v) body[f] = v; });
    const t = state.targets.get(body.targetId);
    if (t && t.target.unit) body.unit = t.target.unit;
    return body;
  }
  function showFieldErrors(prefix, errors, shown, fields) {
    const byField = {};
    errors.forEach(e => { const f = fields.includes(e.field) ? e.field : '_'; (byField[f] = byField[f] || []).push(reasonOf(e)); });
    fields.forEach(f => {
      const input = $(FIELD_INPUT[f] || '#' + prefix + '-' + f);
      const message = shown(f) ? (byField[f] || []).join('；') : '';
      $('#err-' + f).textContent = message;
      if (input) { if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid'); }
    });
    $('#' + prefix + '-error').textContent = (byField._ || []).join('；');
  }
  /** The live check: the intake's validator on the form as it stands, errors shown for the fields touched so far. */
  function scheduleCheck() {
    clearTimeout(state.checkTimer);
    state.checkTimer = setTimeout(async () => {
      const r = await call('POST', '/department/api/reports/check', reportBody());
      if (r.status === 200) {
        showFieldErrors('report', r.body.errors, f => state.touched.has(f), REPORT_FIELDS);
      }
    }, 350);
  }
  async function submitReport(event) {
    event.preventDefault();
    const button = $('#report-submit');
    if (button.disabled) return; // a double click: the first one is on its way
    button.disabled = true;
    clearTimeout(state.checkTimer);
    const result = $('#report-result');
    result.textContent = '';
    result.className = 'result wide';
    try {
      const r = await call('POST', '/department/api/reports', reportBody(), { 'Idempotency-Key': $('#report-idempotency').value });
      if (r.status === 202) {
        result.textContent = r.headers.get('Idempotent-Replayed') ? T.replayed(r.body.eventId) : T.accepted(r.body.eventId);
        result.classList.add('ok');
        showFieldErrors('report', [], () => true, REPORT_FIELDS);
        state.touched.clear();
        $('#report-value').value = '';
        $('#report-note').value = '';
        $('#report-idempotency').value = newKey(); // a new form: the next report is a new one
        await load();
      } else if (r.status === 503 || r.status === 429) {
        result.textContent = T.retry(r.headers.get('Retry-After') || '5'); // same key: a retry counts once
        result.classList.add('bad');
      } else {
        const errors = (r.body && r.body.errors) || [];
        REPORT_FIELDS.forEach(f => state.touched.add(f));
        showFieldErrors('report', errors, () => true, REPORT_FIELDS);
        if (!errors.length) $('#report-error').textContent = detailOf(r.body);
        result.textContent = errors.length ? T.fixFields(errors.length) : T.failed + detailOf(r.body);
        result.classList.add('bad');
      }
    } finally { button.disabled = false; }
  }

  // ---- correct -----------------------------------------------------------------------------------------------
  function renderCorrect() {
    const choices = state.overview.reports.filter(r => r.kind !== 'CORRECTION' && !r.retractedBy);
    const box = $('#correct-choices');
    if (!choices.length) { box.replaceChildren(el('p', { class: 'hint', text: T.noRetractable })); }
    else {
      box.replaceChildren(...choices.map((r, i) => {
        const { t, value } = reportLine(r);
        const id = 'retract-' + i;
        return el('label', { for: id }, el('input', { type: 'radio', name: 'eventId', id, value: r.eventId }),
          el('span', { text: formatDate(r.eventTime) + ' · ' + (t ? nameOf(t.target) : r.targetId) + ' · '
            + (T.kinds[r.kind] || r.kind) + (value ? ' ' + value : '') + (r.reporter ? ' · ' + r.reporter : '') }));
      }));
    }
    if (!$('#correct-idempotency').value) $('#correct-idempotency').value = newKey();
  }
  async function submitCorrect(event) {
    event.preventDefault();
    const button = $('#correct-submit');
    if (button.disabled) return;
    button.disabled = true;
    const picked = document.querySelector('#correct-choices input:checked');
    const result = $('#correct-result');
    result.textContent = '';
    result.className = 'result wide';
    try {
      const r = await call('POST', '/department/api/retractions',
        { eventId: picked ? picked.value : null, reason: $('#correct-reason').value.trim(), reporter: $('#correct-reporter').value.trim() || null },
        { 'Idempotency-Key': $('#correct-idempotency').value });
      const fields = ['eventId', 'reason'];
      if (r.status === 202) {
        showFieldErrors('correct', [], () => true, fields);
        result.textContent = T.retracted(r.body.eventId);
        result.classList.add('ok');
        $('#correct-reason').value = '';
        $('#correct-idempotency').value = newKey();
        await load();
      } else {
        const errors = ((r.body && r.body.errors) || []).map(e => e.field === 'correctsEventId' ? Object.assign({}, e, { field: 'eventId' }) : e);
        showFieldErrors('correct', errors, () => true, fields);
        if (!errors.length) $('#correct-error').textContent = detailOf(r.body);
        result.textContent = errors.length ? T.fixFields(errors.length) : T.failed + detailOf(r.body);
        result.classList.add('bad');
      }
    } finally { button.disabled = false; }
  }

  // ---- upload ------------------------------------------------------------------------------------------------
  function uploadForm() {
    const form = new FormData();
    form.append('file', state.file);
    form.append('charset', $('#upload-charset').value);
    return form;
  }
  async function preview(event) {
    event.preventDefault();
    const input = $('#upload-file');
    $('#err-file').textContent = '';
    input.removeAttribute('aria-invalid');
    $('#upload-result').textContent = '';
    if (!input.files.length) { $('#err-file').textContent = lang === 'zh' ? '请选择文件' : 'Choose a file'; input.setAttribute('aria-invalid', 'true'); return; }
    state.file = input.files[0];
    $('#upload-preview').disabled = true;
    try {
      const r = await call('POST', '/department/api/upload/preview', uploadForm());
      if (r.status !== 200) {
        const where = r.body && r.body.location && r.body.location.line ? T.lineN(r.body.location.line) + '：' : '';
        $('#err-file').textContent = where + detailOf(r.body);
        input.setAttribute('aria-invalid', 'true');
        $('#preview').hidden = true;
        return;
      }
      renderPreview(r.body);
    } finally { $('#upload-preview').disabled = false; }
  }
  function renderPreview(p) {
    const byLine = {};
    const whole = [];
    p.errors.forEach(e => { if (e.line) (byLine[e.line] = byLine[e.line] || []).push(e); else whole.push(e); });
    const bad = Object.keys(byLine).length;
    $('#preview-summary').textContent = T.previewSummary(p.rows.length, p.format, bad || whole.length)
      + (p.ignoredColumns.length ? ' ' + T.ignored(p.ignoredColumns.join('、')) : '')
      + (whole.length ? ' ' + T.wholeFile + whole.map(reasonOf).join('；') : '');
    $('#preview-table tbody').replaceChildren(...p.rows.map(row => {
      const errors = byLine[row.line] || [];
      return el('tr', { 'data-line': row.line, class: errors.length ? 'bad-row' : null },
        el('td', { text: row.line }),
        el('td', {}, row.nameZh ? el('span', { text: lang === 'zh' ? row.nameZh : (row.nameEn || row.nameZh) }) : '', el('span', { class: 'target-id', text: row.targetId || '' })),
        el('td', { text: cellDate(row.eventTime) }),
        el('td', { text: row.kind || '' }),
        el('td', { class: 'num', text: (row.value || '') + (row.unit ? ' ' + unitName(row.unit) : '') }),
        el('td', { text: row.reporter || '' }),
        el('td', {}, errors.length ? errors.map(e => el('div', { class: 'problem', text: (e.field ? e.field + '：' : '') + reasonOf(e) })) : T.rowOk));
    }));
    $('#upload-commit').disabled = !p.valid;
    $('#upload-commit').hidden = !p.valid;
    $('#preview').hidden = false;
  }
  async function commit() {
    const button = $('#upload-commit');
    if (button.disabled || !state.file) return;
    button.disabled = true;
    const result = $('#upload-result');
    result.className = 'result';
    let keep = false;
    try {
      // no Idempotency-Key: each row's id comes from its content, so the same file sent twice (or a grown copy) counts each row once
      const r = await call('POST', '/department/api/upload', uploadForm());
      if (r.status === 202) {
        result.textContent = r.headers.get('Idempotent-Replayed') ? T.replayedRows(r.body.count) : T.acceptedRows(r.body.count);
        result.classList.add('ok');
        await load();
      } else {
        keep = r.status === 503 || r.status === 429;
        const errors = (r.body && r.body.errors) || [];
        result.textContent = keep ? T.retry(r.headers.get('Retry-After') || '5')
          : T.failed + detailOf(r.body) + (errors.length ? ' ' + errors.map(e => (e.line ? T.lineN(e.line) + '：' : '') + reasonOf(e)).join('；') : '');
        result.classList.add('bad');
      }
    } finally { button.disabled = !keep && result.classList.contains('ok'); }
  }


  // ---- my cases (督办) ----------------------------------------------------------------------------------------
  /** A day number (Avro date) or yyyy-MM-dd as yyyy-MM-dd. */
  function isoDate(v) {
    if (v === null || v === undefined || v === '') return null;
    return typeof v === 'number' ? new Date(v * 86400000).toISOString().slice(0, 10) : String(v).slice(0, 10);
  }
  /** The intake's answer errors read "field: English / 中文" (or, for a proposed plan, {line, field, reason, reasonZh}). */
  function answerErrors(body) {
    return ((body && body.errors) || []).map(e => {
      if (typeof e !== 'string') return { field: e.line ? 'proposedPlan' : (e.field || '_'), text: (e.line ? T.lineN(e.line) + '：' : '') + reasonOf(e) };
      const m = /^([A-Za-z]+)(\[\d+\])?[^:]*:\s*(.*)$/.exec(e);
      const field = m ? m[1] : '_';
      const rest = m ? m[3] : e;
      const cut = rest.lastIndexOf(' / ');
      const text = cut < 0 ? rest : (lang === 'zh' ? rest.slice(cut + 3) : rest.slice(0, cut));
      return { field, text: (m && m[2] ? m[2] + ' ' : '') + text };
    });
  }
  async function loadCases() {
    const r = await call('GET', '/department/api/cases');
    const note = $('#cases-note');
    if (r.status !== 200) { note.hidden = false; note.textContent = T.casesOff + detailOf(r.body); $('#cases-list').replaceChildren(); return; }
    note.hidden = true;
    const items = r.body.items || [];
    if (!items.length) { $('#cases-list').replaceChildren(el('p', { class: 'hint', id: 'no-cases', text: T.noCases })); return; }
    $('#cases-list').replaceChildren(...items.map(caseCard));
  }
  function caseCard(c, i) {
    const p = 'case' + i;
    const entry = state.targets.get(c.targetId);
    const unit = entry && entry.target.unit ? ' ' + unitName(entry.target.unit) : '';
    const field = (name, label, hint) => el('div', { class: 'field wide' },
      el('label', { for: p + '-' + name, text: label }),
      el('textarea', { id: p + '-' + name, name, rows: 2, 'aria-describedby': p + '-err-' + name + (hint ? ' ' + p + '-hint-' + name : '') }),
      el('p', { id: p + '-err-' + name, class: 'field-error', role: 'alert' }));
    const planRows = [0, 1, 2].map(k => el('tr', {},
      el('td', {}, el('input', { id: p + '-plan-date-' + k, 'aria-label': T.planDate + ' ' + (k + 1), autocomplete: 'off', placeholder: k === 0 ? '2020-09-30' : null })),
      el('td', {}, el('input', { id: p + '-plan-amount-' + k, 'aria-label': T.planAmount + ' ' + (k + 1), inputmode: 'decimal', autocomplete: 'off' }))));
    const form = el('form', { class: 'form case-form', 'data-target': c.targetId, novalidate: true },
      field('reason', T.fieldCaseReason), field('measures', T.fieldMeasures),
      el('div', { class: 'field' },
        el('label', { for: p + '-expectedCatchUp', text: T.fieldCatchUp }),
        el('input', { id: p + '-expectedCatchUp', name: 'expectedCatchUp', autocomplete: 'off', 'aria-describedby': p + '-err-expectedCatchUp ' + p + '-hint-catch' }),
        el('p', { id: p + '-hint-catch', class: 'hint', text: T.catchUpHint }),
        el('p', { id: p + '-err-expectedCatchUp', class: 'field-error', role: 'alert' })),
      el('fieldset', { class: 'wide' }, el('legend', { text: T.proposedPlan + (unit ? ' ·' + unit : '') }),
        el('table', { class: 'plan-rows' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: T.planDate }), el('th', { scope: 'col', text: T.planAmount }))),
          el('tbody', {}, planRows)),
        el('p', { id: p + '-err-proposedPlan', class: 'field-error', role: 'alert' })),
      el('p', { id: p + '-err-_', class: 'field-error wide', role: 'alert' }),
      el('div', { class: 'actions wide' }, el('button', { type: 'submit', id: p + '-submit', text: T.submitAnswer })),
      el('p', { id: p + '-result', class: 'result wide', role: 'status', 'aria-live': 'polite' }));
    form.addEventListener('submit', e => submitAnswer(e, c, p));
    const conditions = (c.conditions || []).map(k => T.conditions[k] || k).join('、');
    const timeline = el('ol', { class: 'timeline' }, (c.events || []).map(ev => el('li', {},
      el('span', { class: 'when', text: formatDate(ev.clockTime) }), ' ', el('strong', { text: T.events[ev.type] || ev.type }),
      ev.by ? ' · ' + ev.by : '', ev.text ? ' — ' + ev.text : '')));
    const answerable = c.stage === 'OPEN';
    return el('section', { class: 'card case', id: 'case-' + c.targetId, 'data-case': c.caseId, 'aria-labelledby': p + '-title' },
      el('h3', { id: p + '-title' }, entry ? nameOf(entry.target) : (lang === 'zh' ? c.nameZh : (c.nameEn || c.nameZh)),
        el('span', { class: 'target-id', text: c.targetId + ' · ' + c.caseId })),
      el('p', { class: 'case-facts' },
        el('span', { class: 'status ' + (c.stage === 'OPEN' ? 'AT_RISK' : 'ON_TRACK'), text: T.stages[c.stage] || c.stage }), ' ',
        conditions ? el('span', { class: 'status BEHIND', text: conditions }) : '', ' ',
        el('span', { class: 'due', text: T.dueBy(formatDate(c.answerDueBy)) }), ' ',
        c.overdue ? el('span', { class: 'status OVERDUE overdue-flag', text: T.overdue }) : '',
        c.returnedCount ? ' · ' + T.returnedN(c.returnedCount) : ''),
      el('p', { class: 'hint', text: T.caseOpened(formatDate(c.openedAt)) }),
      el('details', { open: true }, el('summary', { text: T.timeline }), timeline),
      answerable ? form : (c.answer ? el('p', { class: 'hint', text: T.lastAnswer + '：' + (c.answer.reason || '') }) : ''));
  }
  async function submitAnswer(event, c, p) {
    event.preventDefault();
    const button = $('#' + p + '-submit');
    if (button.disabled) return;
    button.disabled = true;
    const result = $('#' + p + '-result');
    result.className = 'result wide';
    result.textContent = '';
    const body = { reason: $('#' + p + '-reason').value.trim(), measures: $('#' + p + '-measures').value.trim(),
      expectedCatchUp: $('#' + p + '-expectedCatchUp').value.trim() };
    const plan = [0, 1, 2].map(k => ({ date: $('#' + p + '-plan-date-' + k).value.trim(), amount: $('#' + p + '-plan-amount-' + k).value.trim() }))
      .filter(r => r.date || r.amount)
      .map(r => ({ date: r.date, expectedCumulative: r.amount === '' || Number.isNaN(Number(r.amount)) ? r.amount : Number(r.amount) }));
    if (plan.length) body.proposedPlan = plan;
    const fields = ['reason', 'measures', 'expectedCatchUp', 'proposedPlan', '_'];
    try {
      const r = await call('POST', '/department/api/cases/' + encodeURIComponent(c.targetId) + '/answer', body);
      fields.forEach(f => { $('#' + p + '-err-' + f).textContent = ''; const i = $('#' + p + '-' + f); if (i) i.removeAttribute('aria-invalid'); });
      if (r.status === 202) {
        result.textContent = T.answered(r.body.eventId, r.body.planSubmissionId);
        result.classList.add('ok');
      } else {
        const errors = answerErrors(r.body);
        errors.forEach(e => {
          const f = fields.includes(e.field) ? e.field : '_';
          const box = $('#' + p + '-err-' + f);
          box.textContent = (box.textContent ? box.textContent + '；' : '') + e.text;
          const input = $('#' + p + '-' + f);
          if (input) input.setAttribute('aria-invalid', 'true');
        });
        result.textContent = errors.length ? T.fixFields(errors.length) : T.failed + detailOf(r.body);
        result.classList.add('bad');
      }
    } finally { button.disabled = false; }
  }

  // ---- my plan -----------------------------------------------------------------------------------------------
  function planSourceText(entry) {
    const s = entry.standing || {};
    const source = planSourceOf(entry);
    if (source === 'DEPARTMENT') {
      return T.planDept(formatDate(isoDate(s.planApprovedOn) || entry.planApprovedOn), s.planApprovedBy || entry.planApprovedBy);
    }
    if (source === 'CATALOG') return T.planCatalog;
    return T.planLinearSource;
  }
  /** The plan column of My targets: the standing's word first (the catalog's before the streams app has one). */
  function planSourceOf(entry) {
    const s = entry.standing || {};
    return s.planSource || (entry.planApprovedBy ? 'DEPARTMENT' : entry.planSource === 'pace-plan' ? 'CATALOG' : 'LINEAR');
  }
  function planSourceShort(entry) {
    const source = planSourceOf(entry);
    return source === 'DEPARTMENT' ? T.planDeptShort : source === 'CATALOG' ? T.planPace : T.planLinear;
  }
  function renderPlans() {
    const list = $('#plan-list');
    if (list.querySelector('form input[type=file]') && list.dataset.drawn === String(state.overview.targets.length)) {
      // keep a chosen file and its messages; refresh only what the standing says
      state.overview.targets.forEach((e, i) => { const src = $('#plan' + i + '-source'); if (src) src.textContent = planSourceText(e); });
      return;
    }
    list.dataset.drawn = String(state.overview.targets.length);
    list.replaceChildren(...state.overview.targets.map((entry, i) => {
      const t = entry.target, p = 'plan' + i;
      const form = el('form', { class: 'plan-form', novalidate: true },
        el('div', { class: 'field' },
          el('label', { for: p + '-file', text: T.fieldPlanFile }),
          el('input', { id: p + '-file', type: 'file', accept: '.csv,text/csv', 'aria-describedby': p + '-err' })),
        el('div', { class: 'field' },
          el('label', { for: p + '-charset', text: T.fieldCharset }),
          el('select', { id: p + '-charset' }, el('option', { value: 'auto', text: T.charsetAuto }), el('option', { value: 'UTF-8', text: 'UTF-8' }), el('option', { value: 'GBK', text: 'GBK / GB18030' }))),
        el('div', { class: 'field' },
          el('label', { for: p + '-note', text: T.fieldPlanNote }),
          el('input', { id: p + '-note', autocomplete: 'off' })),
        el('div', { class: 'actions' }, el('button', { type: 'submit', id: p + '-submit', text: T.submitPlan })),
        el('div', { id: p + '-err', class: 'field-error wide', role: 'alert' }),
        el('p', { id: p + '-result', class: 'result wide', role: 'status', 'aria-live': 'polite' }));
      form.addEventListener('submit', e => submitPlan(e, t, p));
      return el('section', { class: 'card plan', id: 'plan-' + t.id, 'aria-labelledby': p + '-title' },
        el('h3', { id: p + '-title' }, nameOf(t), el('span', { class: 'target-id', text: t.id })),
        el('p', { class: 'plan-line' }, el('span', {}, el('strong', { text: T.planInForce }),
          el('span', { id: p + '-source', class: 'plan-source', text: planSourceText(entry) })),
          el('a', { href: '/department/api/targets/' + encodeURIComponent(t.id) + '/plan/template.csv', download: true, class: 'plan-template', text: T.planTemplate })),
        form);
    }));
  }
  async function submitPlan(event, t, p) {
    event.preventDefault();
    const input = $('#' + p + '-file');
    const err = $('#' + p + '-err');
    const result = $('#' + p + '-result');
    err.replaceChildren();
    result.textContent = '';
    result.className = 'result wide';
    input.removeAttribute('aria-invalid');
    if (!input.files.length) { err.textContent = T.chooseFile; input.setAttribute('aria-invalid', 'true'); return; }
    const button = $('#' + p + '-submit');
    if (button.disabled) return;
    button.disabled = true;
    const form = new FormData();
    form.append('file', input.files[0]);
    form.append('charset', $('#' + p + '-charset').value);
    const note = $('#' + p + '-note').value.trim();
    try {
      const r = await call('POST', '/department/api/targets/' + encodeURIComponent(t.id) + '/plan' + (note ? '?note=' + encodeURIComponent(note) : ''), form);
      if (r.status === 202) {
        result.textContent = T.planSubmitted(r.body.submissionId);
        result.classList.add('ok');
        result.dataset.submission = r.body.submissionId;
      } else {
        const errors = (r.body && r.body.errors) || [];
        input.setAttribute('aria-invalid', 'true');
        if (errors.length) {
          err.append(el('p', { text: T.planErrors(errors.length) }),
            el('ul', { class: 'plan-errors' }, errors.map(e => el('li', { 'data-line': e.line || 0, text: (e.line ? T.lineN(e.line) + '：' : T.wholeFile) + reasonOf(e) }))));
        } else {
          err.textContent = detailOf(r.body);
        }
        result.textContent = T.failed + detailOf(r.body);
        result.classList.add('bad');
      }
    } finally { button.disabled = false; }
  }

  // ---- start -------------------------------------------------------------------------------------------------
  function translate() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = T.title + (lang === 'zh' ? ' · 静安区政府工作报告目标' : ' · Jing\'an work report targets');
    document.querySelectorAll('[data-i18n]').forEach(e => { const v = T[e.dataset.i18n]; if (typeof v === 'string') e.textContent = v; });
    $('#lang-' + lang).setAttribute('aria-current', 'true');
    $('#lang-zh').href = '?lang=zh' + location.hash;
    $('#lang-en').href = '?lang=en' + location.hash;
  }
  document.addEventListener('DOMContentLoaded', async () => {
    translate();
    $('#sign-in-form').addEventListener('submit', signIn);
    $('#sign-out').addEventListener('click', signOut);
    $('#tabs').addEventListener('keydown', tabKeys);
    TABS.forEach(t => $('#tab-' + t).addEventListener('click', () => selectTab(t, false)));
    window.addEventListener('hashchange', () => { if (state.session) selectTab(location.hash.replace('#', ''), false); });
    $('#targets-table').addEventListener('click', e => { const b = e.target.closest('[data-open]'); if (b) openTarget(b.dataset.open); });
    $('#report-target').addEventListener('change', () => { targetChosen(); state.touched.add('targetId'); scheduleCheck(); });
    REPORT_FIELDS.forEach(f => $(FIELD_INPUT[f]).addEventListener('input', () => { state.touched.add(f); scheduleCheck(); }));
    $('#report-kind').addEventListener('change', () => { state.touched.add('kind'); scheduleCheck(); });
    $('#report-form').addEventListener('submit', submitReport);
    $('#correct-form').addEventListener('submit', submitCorrect);
    $('#upload-form').addEventListener('submit', preview);
    $('#upload-file').addEventListener('change', () => { $('#preview').hidden = true; });
    $('#upload-commit').addEventListener('click', commit);
    const r = await call('GET', '/department/session');
    if (r.status === 200) started(r.body); else showSignIn('');
  });
})();
