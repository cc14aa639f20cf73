// The progress dashboard: reads the query API, then follows the live feed (Server-Sent Events) without reloads.
(function () {
  'use strict';
  const STATUS_ORDER = ['BEHIND', 'BREACHED', 'OVERDUE', 'AT_RISK', 'ON_TRACK', 'COMPLETED', 'NOT_STARTED', 'PENDING_TARGET'];
  const state = {
    lang: localStorage.getItem('lang') === 'en' ? 'en' : 'zh',
    standings: new Map(),   // targetId -> standing
    alerts: new Map(),      // dedupKey -> firing alert
    activity: [],           // recent changes, newest first
    route: null,
    stale: false
  };
  const $ = sel => document.querySelector(sel);
  const t = () => window.I18N[state.lang];
  const fmt = v => window.BurnUp.fmt(v);
  const esc = s => String(s === null || s === undefined ? '' : s)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const name = o => (state.lang === 'zh' ? o.nameZh : o.nameEn) || o.nameZh || o.nameEn || o.targetId || o.id;
  const pct = r => (r === null || r === undefined) ? '—' : (r * 100).toFixed(r < 0.1 ? 1 : 0) + '%';

  // ---- the API, retrying while stores migrate (503 + Retry-After)
  async function api(path, attempts = 20) {
    for (let i = 0; ; i++) {
      const response = await fetch(path, { headers: { Accept: 'application/json' } });
      if (response.status === 503 && i < attempts) {
        banner(t().migrating);
        const wait = Number(response.headers.get('Retry-After') || '1');
        await new Promise(r => setTimeout(r, wait * 1000));
        continue;
      }
      const body = await response.json();
      if (!response.ok) throw new Error(body.detail || response.status);
      banner(null);
      noteFreshness(body.freshness);
      return body;
    }
  }

  function noteFreshness(freshness) {
    if (!freshness) return;
    state.stale = !!freshness.stale;
    $('#instance').textContent = freshness.answeredBy || '—';
    $('#updated').textContent = new Date().toLocaleTimeString(state.lang === 'zh' ? 'zh-CN' : 'en');
    document.body.classList.toggle('stale', state.stale);
    $('#stale-note').hidden = !state.stale;
    $('#stale-note').textContent = state.stale ? '· ' + t().stale : '';
  }

  function banner(text) {
    const b = $('#banner');
    b.hidden = !text;
    b.textContent = text || '';
  }

  // ---- rendering pieces
  function statusBadge(status) {
    return `<span class="badge status-${esc(status)}" data-status="${esc(status)}">${esc(t().status[status] || status)}</span>`;
  }

  function bar(s) {
    const done = Math.max(0, Math.min(1, s.completionRatio || 0));
    const pace = Math.max(0, Math.min(1, s.expectedRatio || 0));
    return `<div class="bar status-${esc(s.status)}" title="${esc(t().completion)} ${pct(s.completionRatio)} · ${esc(t().expectedPace)} ${pct(s.expectedRatio)}">
      <div class="bar-fill" style="width:${(done * 100).toFixed(1)}%"></div>
      <div class="bar-pace" style="left:${(pace * 100).toFixed(1)}%"></div>
    </div>`;
  }

  function targetRow(s) {
    const value = s.targetValue === null || s.targetValue === undefined ? '—' : fmt(s.targetValue);
    return `<li class="target" data-target-id="${esc(s.targetId)}" data-status="${esc(s.status)}">
      <a class="target-name" href="#/target/${encodeURIComponent(s.targetId)}">${esc(name(s))}</a>
      ${bar(s)}
      <span class="ratio">${pct(s.completionRatio)}</span>
      <span class="value"><span class="actual">${fmt(s.actual)}</span> / ${value} ${esc(s.unit)}</span>
      ${statusBadge(s.status)}
    </li>`;
  }

  function summary(items) {
    const counts = {};
    items.forEach(s => counts[s.status] = (counts[s.status] || 0) + 1);
    $('#summary').innerHTML = `<span class="total">${esc(t().targetCount(items.length))}</span>` + STATUS_ORDER
      .filter(st => counts[st]).map(st => `<span class="chip status-${st}" data-status="${st}">${esc(t().status[st])} <b>${counts[st]}</b></span>`).join('');
  }

  function groupBy(items, key) {
    const groups = new Map();
    items.forEach(i => {
      const k = key(i);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(i);
    });
    return groups;
  }

  function renderOverview() {
    const items = [...state.standings.values()];
    summary(items);
    if (!items.length) {
      $('#view-overview').innerHTML = `<p class="empty">${esc(t().noData)}</p>`;
      return;
    }
    const sections = groupBy(items, s => s.sectionId);
    let html = '';
    [...sections.keys()].sort().forEach(sectionId => {
      const inSection = sections.get(sectionId);
      const title = (state.lang === 'zh' ? inSection[0].sectionZh : inSection[0].sectionEn) || sectionId;
      html += `<section class="group" data-section-id="${esc(sectionId)}"><h2>${esc(title)}</h2>`;
      const departments = groupBy(inSection, s => s.departmentId);
      [...departments.keys()].sort().forEach(departmentId => {
        const inDepartment = departments.get(departmentId);
        const dept = (state.lang === 'zh' ? inDepartment[0].departmentZh : inDepartment[0].departmentEn) || departmentId;
        html += `<div class="department" data-department-id="${esc(departmentId)}">
          <h3><a href="#/department/${encodeURIComponent(departmentId)}">${esc(dept)}</a></h3>
          <ul class="targets">${inDepartment.map(targetRow).join('')}</ul></div>`;
      });
      html += '</section>';
    });
    $('#view-overview').innerHTML = html;
  }

  async function renderTarget(id) {
    const [full, history] = await Promise.all([
      api('/api/v1/targets/' + encodeURIComponent(id)),
      api('/api/v1/targets/' + encodeURIComponent(id) + '/history')]);
    if (state.route.view !== 'target' || state.route.id !== id) return;
    const s = full.standing || {};
    const d = full.definition || {};
    const alerts = (full.firingAlerts || []).map(alertItem).join('') || `<li class="none">${esc(t().noAlerts)}</li>`;
    const lastEvent = s.lastEventTime ? new Date(s.lastEventTime).toLocaleDateString(state.lang === 'zh' ? 'zh-CN' : 'en') : '—';
    $('#view-target').innerHTML = `
      <a class="back" href="#/">${esc(t().back)}</a>
      <div class="detail" data-target-id="${esc(id)}" data-status="${esc(s.status)}">
        <h2>${esc(name(s.targetId ? s : d))} ${s.status ? statusBadge(s.status) : ''}</h2>
        <div class="facts">
          <div><label>${esc(t().actual)}</label><b class="actual">${fmt(s.actual)}</b> ${esc(s.unit || d.unit)}</div>
          <div><label>${esc(t().target)}</label><b>${fmt(s.targetValue)}</b> ${esc(s.unit || d.unit)}</div>
          <div><label>${esc(t().completion)}</label><b>${pct(s.completionRatio)}</b></div>
          <div><label>${esc(t().expectedPace)}</label><b>${pct(s.expectedRatio)}</b></div>
          <div><label>${esc(t().forecastYearEnd)}</label><b>${fmt(s.forecastYearEnd)}</b></div>
          <div><label>${esc(t().forecastDate)}</label><b>${esc(s.forecastCompletionDate || '—')}</b></div>
          <div><label>${esc(t().events)}</label><b>${fmt(s.eventCount)}</b></div>
          <div><label>${esc(t().lastReport)}</label><b>${esc(lastEvent)}</b></div>
        </div>
        ${s.targetId ? bar(s) : ''}
        <h3>${esc(t().history)}</h3>
        <div id="burnup" class="chart"></div>
        <div class="columns">
          <div><h3>${esc(t().firingAlerts)}</h3><ul class="alert-feed">${alerts}</ul></div>
          <div><h3>${esc(t().definition)}</h3>
            <p class="quote">${esc(d.sourcePhrase || '')}</p>
            <p class="muted">${esc(t().section)}: ${esc(state.lang === 'zh' ? d.sectionZh : d.sectionEn)} ·
               ${esc(t().department)}: ${esc(state.lang === 'zh' ? d.departmentZh : d.departmentEn)} ·
               ${esc(t().deadline)}: ${esc(d.deadline || '')}</p></div>
        </div>
      </div>`;
    window.BurnUp.render($('#burnup'), history, t(), state.lang);
  }

  async function renderDepartments() {
    const body = await api('/api/v1/departments');
    if (state.route.view !== 'departments') return;
    $('#view-departments').innerHTML = `<div class="cards">${body.items.map(d => {
      const counts = STATUS_ORDER.filter(st => d.countsByStatus[st])
        .map(st => `<span class="chip status-${st}">${esc(t().status[st])} <b>${d.countsByStatus[st]}</b></span>`).join('');
      return `<a class="card" href="#/department/${encodeURIComponent(d.id)}" data-department-id="${esc(d.id)}">
        <h3>${esc(name(d))}</h3>
        ${bar({ completionRatio: d.completion, expectedRatio: d.expected, status: worst(d.countsByStatus) })}
        <div class="muted">${esc(t().completion)} ${pct(d.completion)} · ${esc(t().expectedPace)} ${pct(d.expected)} ·
          ${d.topLevelTargets} ${esc(t().topLevel)}${d.subTargets ? ' + ' + d.subTargets + ' ' + esc(t().subTargets) : ''}</div>
        <div class="chips">${counts}</div></a>`;
    }).join('')}</div>`;
  }

  async function renderDepartment(id) {
    const body = await api('/api/v1/departments/' + encodeURIComponent(id));
    if (state.route.view !== 'department' || state.route.id !== id) return;
    const r = body.rollup || { id, countsByStatus: {} };
    body.targets.forEach(s => state.standings.set(s.targetId, s));
    $('#view-department').innerHTML = `
      <a class="back" href="#/departments">${esc(t().backDepartments)}</a>
      <div class="department-view" data-department-id="${esc(id)}">
        <h2>${esc(name(r) || id)}</h2>
        ${bar({ completionRatio: r.completion, expectedRatio: r.expected, status: worst(r.countsByStatus) })}
        <div class="muted">${esc(t().completion)} ${pct(r.completion)} · ${esc(t().expectedPace)} ${pct(r.expected)}</div>
        <ul class="targets">${body.targets.map(targetRow).join('')}</ul>
        <h3>${esc(t().firingAlerts)}</h3>
        <ul class="alert-feed">${[...state.alerts.values()].filter(a => a.departmentId === id).map(alertItem).join('')
          || `<li class="none">${esc(t().noAlerts)}</li>`}</ul>
      </div>`;
  }

  function worst(counts) {
    return STATUS_ORDER.find(st => counts && counts[st]) || 'NOT_STARTED';
  }

  // ---- alerts
  function alertItem(a) {
    const when = new Date(a.firingSince || a.raisedAt).toLocaleDateString(state.lang === 'zh' ? 'zh-CN' : 'en');
    return `<li class="alert severity-${esc(a.severity)} state-${esc(a.state)}" data-dedup-key="${esc(a.dedupKey)}">
      <div class="alert-head"><span class="sev">${esc(t().severity[a.severity] || a.severity)}</span>
        <span class="kind">${esc(t().alertKind[a.kind] || a.kind)}</span><span class="when">${esc(when)}</span></div>
      <a href="#/target/${encodeURIComponent(a.targetId)}">${esc(name(a))}</a>
      <div class="msg">${esc(state.lang === 'zh' ? a.messageZh : a.messageEn)}</div></li>`;
  }

  function renderAlerts() {
    const list = [...state.alerts.values()].sort((x, y) =>
      (x.severity === 'CRITICAL' ? 0 : 1) - (y.severity === 'CRITICAL' ? 0 : 1) || String(y.raisedAt).localeCompare(String(x.raisedAt)));
    $('#alert-count').textContent = list.length;
    $('#alert-feed').innerHTML = list.map(alertItem).join('') || `<li class="none">${esc(t().noAlerts)}</li>`;
  }

  function renderActivity() {
    $('#activity').innerHTML = state.activity.slice(0, 12).map(e =>
      `<li class="activity-${esc(e.type)}"><span class="when">${esc(e.time.toLocaleTimeString(state.lang === 'zh' ? 'zh-CN' : 'en'))}</span>
        ${esc(e.type === 'standing' ? t().changed : e.state === 'RESOLVED' ? t().resolved : t().firing)} ·
        <a href="#/target/${encodeURIComponent(e.subject.targetId)}">${esc(name(e.subject))}</a>
        ${e.type === 'standing' ? statusBadge(e.subject.status) : ''}</li>`).join('');
  }

  // ---- live feed
  function connect() {
    const source = new EventSource('/api/v1/stream');
    const live = (mode) => {
      $('#live').dataset.state = mode;
      $('#live-text').textContent = t()[mode === 'open' ? 'live' : mode];
    };
    source.onopen = () => live('open');
    source.onerror = () => live('reconnecting');
    source.addEventListener('hello', e => { $('#instance').textContent = JSON.parse(e.data).instance || '—'; });
    source.addEventListener('feed', e => {
      const feed = JSON.parse(e.data);
      banner(feed.ok ? null : t().feedDown);
    });
    source.addEventListener('standings', e => {
      const data = JSON.parse(e.data);
      if (data.full) {
        state.standings.clear();
        state.haveFull = true;
      }
      data.items.forEach(s => {
        const before = state.standings.get(s.targetId);
        state.standings.set(s.targetId, s);
        // the daily re-evaluation republishes every target: only a new actual or status is news
        if (!data.full && before && (before.actual !== s.actual || before.status !== s.status)) {
          state.activity.unshift({ type: 'standing', subject: s, time: new Date() });
        }
      });
      $('#updated').textContent = new Date().toLocaleTimeString(state.lang === 'zh' ? 'zh-CN' : 'en');
      applyStandings(data.full ? null : data.items);
    });
    source.addEventListener('alert', e => {
      const a = JSON.parse(e.data);
      if (a.state === 'FIRING') state.alerts.set(a.dedupKey, a); else state.alerts.delete(a.dedupKey);
      state.activity.unshift({ type: 'alert', state: a.state, subject: a, time: new Date() });
      renderAlerts();
      renderActivity();
      if (state.route.view === 'target' && state.route.id === a.targetId) renderTarget(a.targetId);
    });
  }

  // Update what is on screen in place: rows of changed targets flash; other views re-read their roll-ups.
  let rollupTimer = null;
  function applyStandings(changed) {
    renderActivity();
    const view = state.route.view;
    if (view === 'overview' || !changed) {
      if (view === 'overview') renderOverview(); else summary([...state.standings.values()]);
    } else {
      summary([...state.standings.values()]);
    }
    (changed || []).forEach(s => {
      document.querySelectorAll(`li.target[data-target-id="${CSS.escape(s.targetId)}"]`).forEach(row => {
        if (view !== 'overview') row.outerHTML = targetRow(s);
      });
      document.querySelectorAll(`li.target[data-target-id="${CSS.escape(s.targetId)}"]`).forEach(row => {
        row.classList.add('flash');
        setTimeout(() => row.classList.remove('flash'), 1600);
      });
      if (view === 'target' && state.route.id === s.targetId) renderTarget(s.targetId);
    });
    if (changed && (view === 'departments' || view === 'department')) {
      clearTimeout(rollupTimer);
      rollupTimer = setTimeout(() => route(), 300);
    }
  }

  // ---- language and routing
  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t().title;
    document.querySelectorAll('[data-i18n]').forEach(n => { n.textContent = t()[n.dataset.i18n]; });
    $('#lang-toggle').textContent = state.lang === 'zh' ? 'English' : '中文';
    const liveState = $('#live').dataset.state;
    $('#live-text').textContent = t()[liveState === 'open' ? 'live' : liveState];
  }

  function parseRoute() {
    const parts = (location.hash || '#/').slice(2).split('/').map(decodeURIComponent);
    if (parts[0] === 'target' && parts[1]) return { view: 'target', id: parts[1] };
    if (parts[0] === 'departments') return { view: 'departments' };
    if (parts[0] === 'department' && parts[1]) return { view: 'department', id: parts[1] };
    return { view: 'overview' };
  }

  async function route() {
    state.route = parseRoute();
    const view = state.route.view;
    ['overview', 'target', 'departments', 'department'].forEach(v => { $('#view-' + v).hidden = v !== view; });
    $('#nav-overview').classList.toggle('active', view === 'overview' || view === 'target');
    $('#nav-departments').classList.toggle('active', view === 'departments' || view === 'department');
    try {
      if (view === 'overview') renderOverview();
      if (view === 'target') await renderTarget(state.route.id);
      if (view === 'departments') await renderDepartments();
      if (view === 'department') await renderDepartment(state.route.id);
    } catch (e) {
      $('#view-' + view).innerHTML = `<p class="error">${esc(e.message)}</p>`;
    }
  }

  async function start() {
    applyLanguage();
    $('#lang-toggle').addEventListener('click', () => {
      state.lang = state.lang === 'zh' ? 'en' : 'zh';
      localStorage.setItem('lang', state.lang);
      applyLanguage();
      renderAlerts();
      renderActivity();
      route();
    });
    window.addEventListener('hashchange', route);
    state.route = parseRoute();
    connect();
    try {
      const [targets, alerts] = await Promise.all([api('/api/v1/targets'), api('/api/v1/alerts')]);
      if (!state.haveFull) targets.items.forEach(s => state.standings.set(s.targetId, s));
      alerts.items.forEach(a => state.alerts.set(a.dedupKey, a));
    } catch (e) {
      banner(e.message);
    }
    renderAlerts();
    route();
  }

  start();
})();
