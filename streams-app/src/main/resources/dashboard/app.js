// The progress dashboard: reads the query API, then follows the live feed (Server-Sent Events) without reloads.
// Every date and time it shows is the district's (Asia/Shanghai), whatever the browser's zone, and "today" is the
// district clock's date (GET /api/v1/clock): a simulated clock (a replay, the demo year) stands where its last tick
// put it, the wall clock runs on.
(function () {
  'use strict';
  const STATUS_ORDER = ['BEHIND', 'BREACHED', 'OVERDUE', 'AT_RISK', 'ON_TRACK', 'COMPLETED', 'NOT_STARTED', 'PENDING_TARGET'];
  const ZONE = 'Asia/Shanghai';
  // How often the clock is read: a simulated day can pass in a second; the wall clock's date changes at midnight;
  // an instance without /api/v1/clock (an older version) is asked again now and then.
  const CLOCK_POLL_MS = { simulated: 1000, wall: 30000, missing: 30000, failed: 5000 };
  const state = {
    lang: localStorage.getItem('lang') === 'en' ? 'en' : 'zh',
    standings: new Map(),   // targetId -> standing
    alerts: new Map(),      // dedupKey -> firing alert
    activity: [],           // recent changes, newest first
    route: null,
    stale: false,
    clock: null,            // the district clock as last read: { now, date, zone, mode }
    clockReadAt: 0          // when it was read (the browser's wall clock: only to let a wall clock run on)
  };
  const $ = sel => document.querySelector(sel);
  const t = () => window.I18N[state.lang];
  const fmt = v => window.BurnUp.fmt(v);
  const esc = s => String(s === null || s === undefined ? '' : s)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const name = o => (state.lang === 'zh' ? o.nameZh : o.nameEn) || o.nameZh || o.nameEn || o.targetId || o.id;
  const pct = r => (r === null || r === undefined) ? '—' : (r * 100).toFixed(r < 0.1 ? 1 : 0) + '%';

  // ---- district time: Asia/Shanghai, never the browser's zone
  const DISTRICT = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hourCycle: 'h23', year: 'numeric',
    month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  /** An instant (ISO text or epoch ms) as the district's calendar: { y, m, d, time: 'HH:mm:ss' }. */
  function inDistrict(instant) {
    const p = {};
    DISTRICT.formatToParts(new Date(typeof instant === 'string' ? Date.parse(instant) : instant))
      .forEach(part => { p[part.type] = part.value; });
    return { y: Number(p.year), m: Number(p.month), d: Number(p.day), time: `${p.hour}:${p.minute}:${p.second}` };
  }
  /** 2020年3月5日 / 5 Mar 2020: the district's date of an instant; '—' without one. */
  function districtDate(instant) {
    if (!instant) return '—';
    const c = inDistrict(instant);
    return t().date(c.y, c.m, c.d);
  }
  /** The district's now in epoch ms, or null before the clock was read. */
  function districtNow() {
    if (!state.clock) return null;
    const at = Date.parse(state.clock.now);
    return state.clock.mode === 'wall' ? at + (Date.now() - state.clockReadAt) : at;
  }

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
    noteUpdated();
    document.body.classList.toggle('stale', state.stale);
    $('#stale-note').hidden = !state.stale;
    $('#stale-note').textContent = state.stale ? '· ' + t().stale : '';
  }

  /** When this page last got data: real (wall-clock) time, shown in Beijing time. */
  function noteUpdated() {
    $('#updated').textContent = inDistrict(Date.now()).time;
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
    // a breached zero ceiling has no share of zero to draw (completionRatio null): its bar is full
    const used = typeof s.completionRatio === 'number' ? s.completionRatio : s.status === 'BREACHED' ? 1 : 0;
    const done = Math.max(0, Math.min(1, used));
    const pace = Math.max(0, Math.min(1, s.expectedRatio || 0));
    return `<div class="bar status-${esc(s.status)}" title="${esc(t().completion)} ${pct(s.completionRatio)} · ${esc(t().expectedPace)} ${pct(s.expectedRatio)}">
      <div class="bar-fill" style="width:${(done * 100).toFixed(1)}%"></div>
      <div class="bar-pace" style="left:${(pace * 100).toFixed(1)}%"></div>
    </div>`;
  }

  /**
   * How a ceiling stands against its limit, in its unit: "breached by 120 平方米", "500 人 left", or for a zero
   * ceiling (零增长), which has no headroom to count down, "within ceiling". Empty for other targets.
   */
  function ceilingNote(s) {
    if (s.comparator !== 'AT_MOST' || typeof s.headroom !== 'number') return '';
    const amount = h => fmt(h) + ' ' + (s.unit || '');
    if (s.headroom < 0) return t().breachedBy(amount(-s.headroom));
    return s.targetValue === 0 ? t().withinCeiling : t().headroomLeft(amount(s.headroom));
  }

  function targetRow(s) {
    const value = s.targetValue === null || s.targetValue === undefined ? '—' : fmt(s.targetValue);
    const note = ceilingNote(s);
    return `<li class="target" data-target-id="${esc(s.targetId)}" data-status="${esc(s.status)}">
      <a class="target-name" href="#/target/${encodeURIComponent(s.targetId)}">${esc(name(s))}</a>
      ${bar(s)}
      <span class="ratio">${pct(s.completionRatio)}</span>
      <span class="value"><span class="actual">${fmt(s.actual)}</span> / ${value} ${esc(s.unit)}${note
        ? `<span class="ceiling-note"> · ${esc(note)}</span>` : ''}</span>
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
    const lastEvent = districtDate(s.lastEventTime);
    $('#view-target').innerHTML = `
      <a class="back" href="#/">${esc(t().back)}</a>
      <div class="detail" data-target-id="${esc(id)}" data-status="${esc(s.status)}">
        <h2>${esc(name(s.targetId ? s : d))} ${s.status ? statusBadge(s.status) : ''}</h2>
        <div class="facts">
          <div><label>${esc(t().actual)}</label><b class="actual">${fmt(s.actual)}</b> ${esc(s.unit || d.unit)}</div>
          <div><label>${esc(t().target)}</label><b>${fmt(s.targetValue)}</b> ${esc(s.unit || d.unit)}</div>
          <div><label>${esc(t().completion)}</label><b>${pct(s.completionRatio)}</b></div>
          ${ceilingNote(s) ? `<div><label>${esc(t().headroom)}</label><b class="ceiling-note">${esc(ceilingNote(s))}</b></div>` : ''}
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
               ${esc(t().deadline)}: ${esc(d.deadline || '')}</p>${revisionLine(d)}</div>
        </div>
      </div>`;
    window.BurnUp.render($('#burnup'), history, t(), state.lang, state.clock && state.clock.date);
  }

  /** Who revised the target, when and why (revision 2 on); revision 1 is the catalog as published. */
  function revisionLine(d) {
    if (!d.revision || d.revision < 2) return '';
    const when = d.revisedAt ? districtDate(d.revisedAt) : '—';
    return `<p class="muted revision" data-revision="${esc(d.revision)}">${esc(t().revision)} ${esc(d.revision)} ·
      ${esc(t().revisedBy)} ${esc(d.revisedBy || '—')} · ${esc(when)}${d.revisionNote ? ' · ' + esc(d.revisionNote) : ''}</p>`;
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
    const when = districtDate(a.firingSince || a.raisedAt);
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

  /**
   * When a change happened, by the district: the day it is as of (a standing's asOf, an alert's raisedAt: the
   * clock's day when it was made); on the wall clock also the time it reached this page, in Beijing time.
   */
  function activityWhen(e) {
    const day = e.asOf ? inDistrict(e.asOf) : null;
    const date = day ? t().shortDate(day.m, day.d) : '';
    const live = !state.clock || state.clock.mode === 'wall';
    return [date, live ? inDistrict(e.seen).time.slice(0, 5) : ''].filter(Boolean).join(' ');
  }

  function renderActivity() {
    $('#activity').innerHTML = state.activity.slice(0, 12).map(e =>
      `<li class="activity-${esc(e.type)}"><span class="when">${esc(activityWhen(e))}</span>
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
          state.activity.unshift({ type: 'standing', subject: s, asOf: s.asOf || clockIso(), seen: Date.now() });
        }
      });
      noteUpdated();
      applyStandings(data.full ? null : data.items);
    });
    source.addEventListener('alert', e => {
      const a = JSON.parse(e.data);
      if (a.state === 'FIRING') state.alerts.set(a.dedupKey, a); else state.alerts.delete(a.dedupKey);
      // a resolution comes as the alert that fired (its raisedAt is when it fired): it happened as of the clock's now
      const asOf = a.state === 'FIRING' ? a.raisedAt || clockIso() : clockIso() || a.raisedAt;
      state.activity.unshift({ type: 'alert', state: a.state, subject: a, asOf, seen: Date.now() });
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

  // ---- the district clock in the header
  function clockIso() {
    const now = districtNow();
    return now === null ? null : new Date(now).toISOString();
  }

  function renderClock() {
    const box = $('#district-clock');
    const c = state.clock;
    box.hidden = !c;
    if (!c) return;
    const [y, m, d] = String(c.date).split('-').map(Number);
    $('#clock-date').textContent = t().date(y, m, d);
    const simulated = c.mode === 'simulated';
    $('#clock-mode').hidden = !simulated;
    $('#clock-mode').textContent = simulated ? t().simulated : '';
    box.dataset.date = c.date;
    box.dataset.mode = c.mode;
    box.title = t().clockTitle;
  }

  /** Reads the clock now and again: often on a simulated clock; the line is hidden where there is no clock endpoint. */
  async function pollClock() {
    let next = CLOCK_POLL_MS.failed;
    try {
      const response = await fetch('/api/v1/clock', { headers: { Accept: 'application/json' } });
      if (response.status === 404) {
        state.clock = null;
        next = CLOCK_POLL_MS.missing;
      } else if (response.ok) {
        const before = state.clock && state.clock.date;
        state.clock = await response.json();
        state.clockReadAt = Date.now();
        next = CLOCK_POLL_MS[state.clock.mode] || CLOCK_POLL_MS.wall;
        // the burn-up marks today: draw it again when the district's day changed
        if (before && before !== state.clock.date && state.route && state.route.view === 'target') {
          renderTarget(state.route.id).catch(() => {});
        }
      }
    } catch (e) {
      // keep the last reading; try again soon
    }
    renderClock();
    setTimeout(pollClock, next);
  }

  // ---- language and routing
  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t().title;
    document.querySelectorAll('[data-i18n]').forEach(n => { n.textContent = t()[n.dataset.i18n]; });
    $('#lang-toggle').textContent = state.lang === 'zh' ? 'English' : '中文';
    const liveState = $('#live').dataset.state;
    $('#live-text').textContent = t()[liveState === 'open' ? 'live' : liveState];
    renderClock();
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
    pollClock();
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
