// The progress dashboard: reads the query API, then follows the live feed (Server-Sent Events) without reloads.
// Every date and time it shows is the district's (Asia/Shanghai), whatever the browser's zone, and "today" is the
// district clock's date (GET /api/v1/clock): a simulated clock (a replay, the demo year) stands where its last tick
// put it, the wall clock runs on.
// Every text is drawn from state by renderAll() (and the view's draw function), so a language switch redraws them all
// without fetching anything; until its data came, each board area shows a loading state.
(function () {
  'use strict';
  // the summary's order, worst first; a status not listed (a newer server's) follows these
  const STATUS_ORDER = ['BEHIND', 'BREACHED', 'OVERDUE', 'AT_RISK', 'NO_REPORT_YET', 'ON_TRACK', 'COMPLETED', 'NOT_STARTED',
    'PENDING_TARGET'];
  const ZONE = 'Asia/Shanghai';
  // How often the clock is read: a simulated day can pass in a second; the wall clock's date changes at midnight;
  // an instance without /api/v1/clock (an older version) is asked again now and then.
  const CLOCK_POLL_MS = { simulated: 1000, wall: 30000, missing: 30000, failed: 5000 };
  const state = {
    // ?lang=en or ?lang=zh (a link, a screenshot) wins over the language remembered in the browser
    lang: (new URLSearchParams(location.search).get('lang') || localStorage.getItem('lang')) === 'en' ? 'en' : 'zh',
    standings: new Map(),   // targetId -> standing
    alerts: new Map(),      // dedupKey -> firing alert
    activity: [],           // recent changes, newest first
    loaded: { standings: false, alerts: false }, // whether the first snapshot of each came (query API or feed)
    route: null,
    page: null,             // the fetched data of the view on screen (not the overview's): { key, data } or { key, error }
    banner: null,           // what the banner says: { key } (a text of I18N) or { text } (a server's message)
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
  const pct = r => (typeof r !== 'number' || isNaN(r)) ? '—' : (r * 100).toFixed(r !== 0 && Math.abs(r) < 0.1 ? 1 : 0) + '%';
  const humanize = key => String(key).charAt(0) + String(key).slice(1).toLowerCase().replace(/_/g, ' ');
  /**
   * A name from a table of I18N (status, alertKind, severity): this language's, else the other's, else the name
   * humanized (NO_REPORT: 'No report'), never the raw enum.
   */
  function label(table, key) {
    if (key === null || key === undefined || key === '') return '';
    const other = window.I18N[state.lang === 'zh' ? 'en' : 'zh'];
    return (t()[table] || {})[key] || (other[table] || {})[key] || humanize(key);
  }
  /** What stands in a board area until its data came: a line saying so over grey rows. */
  const skeleton = (rows = 6) => `<div class="skeleton" aria-busy="true"><p class="loading">${esc(t().loading)}</p>${
    '<div class="skeleton-row"></div>'.repeat(rows)}</div>`;

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
  /** 2020年7月2日 / 2 Jul 2020: a calendar day 'yyyy-MM-dd' as it is (no zone); '—' without one. */
  function calendarDate(day) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day || '');
    return m ? t().date(Number(m[1]), Number(m[2]), Number(m[3])) : '—';
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
        banner({ key: 'migrating' });
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
    renderStale();
  }

  function renderStale() {
    document.body.classList.toggle('stale', state.stale);
    $('#stale-note').hidden = !state.stale;
    $('#stale-note').textContent = state.stale ? '· ' + t().stale : '';
  }

  /** When this page last got data: real (wall-clock) time, shown in Beijing time. */
  function noteUpdated() {
    $('#updated').textContent = inDistrict(Date.now()).time;
  }

  /** Shows { key } (a text of I18N, redrawn in the other language on a switch) or { text }; null hides the banner. */
  function banner(message) {
    state.banner = message;
    renderBanner();
  }

  function renderBanner() {
    const b = $('#banner');
    const m = state.banner;
    b.hidden = !m;
    b.textContent = !m ? '' : m.key ? t()[m.key] : m.text;
  }

  // ---- rendering pieces
  function statusBadge(status) {
    return `<span class="badge status-${esc(status)}" data-status="${esc(status)}">${esc(label('status', status))}</span>`;
  }

  function bar(s) {
    // a breached zero ceiling has no share of zero to draw (completionRatio null): its bar is full
    const used = typeof s.completionRatio === 'number' ? s.completionRatio : s.status === 'BREACHED' ? 1 : 0;
    const done = Math.max(0, Math.min(1, used));
    const pace = Math.max(0, Math.min(1, s.expectedRatio || 0));
    return `<div class="bar status-${esc(s.status)}" title="${esc(t().completion)} ${pct(s.completionRatio)} · ${esc(t().expectedPace)} ${pct(s.expectedRatio)} (${esc(planShort(s))})">
      <div class="bar-fill" style="width:${(done * 100).toFixed(1)}%"></div>
      <div class="bar-pace" style="left:${(pace * 100).toFixed(1)}%"></div>
    </div>`;
  }

  /**
   * How a ceiling stands against its limit, in its unit: "超出 120 平方米", "500 people left", or for a zero
   * ceiling (零增长), which has no headroom to count down, "within ceiling". Empty for other targets.
   */
  function ceilingNote(s) {
    if (s.comparator !== 'AT_MOST' || typeof s.headroom !== 'number') return '';
    const amount = h => fmt(h) + ' ' + t().unit(s.unit, h);
    if (s.headroom < 0) return t().breachedBy(amount(-s.headroom));
    return s.targetValue === 0 ? t().withinCeiling : t().headroomLeft(amount(s.headroom));
  }

  function targetRow(s) {
    const value = s.targetValue === null || s.targetValue === undefined ? '—' : fmt(s.targetValue);
    const note = ceilingNote(s);
    return `<li class="target" data-target-id="${esc(s.targetId)}" data-status="${esc(s.status)}">
      <a class="target-name" href="#/target/${encodeURIComponent(s.targetId)}">${esc(name(s))}${s.planSource === 'DEPARTMENT'
        ? ` <span class="plan-tag" title="${esc(planShort(s))}">${esc(t().planTag)}</span>` : ''}</a>
      ${bar(s)}
      <span class="ratio">${pct(s.completionRatio)}</span>
      <span class="value"><span class="actual">${fmt(s.actual)}</span> / ${value} ${esc(t().unit(s.unit, s.targetValue))}${note
        ? `<span class="ceiling-note"> · ${esc(note)}</span>` : ''}</span>
      ${statusBadge(s.status)}
    </li>`;
  }

  // ---- the summary over every target, on every view
  function renderSummary() {
    if (!state.loaded.standings) {
      $('#summary').innerHTML = `<span class="loading" aria-busy="true">${esc(t().loading)}</span>`;
      return;
    }
    const items = [...state.standings.values()];
    const counts = {};
    items.forEach(s => { counts[s.status] = (counts[s.status] || 0) + 1; });
    $('#summary').innerHTML = `<span class="total">${esc(t().targetCount(items.length))}</span>` + statuses(counts)
      .map(st => `<span class="chip status-${esc(st)}" data-status="${esc(st)}">${esc(label('status', st))} <b>${counts[st]}</b></span>`).join('');
  }

  /** The statuses that have a count, in STATUS_ORDER, then any other (a status this page does not know yet). */
  function statuses(counts) {
    const present = Object.keys(counts || {}).filter(st => counts[st]);
    return STATUS_ORDER.filter(st => present.includes(st)).concat(present.filter(st => !STATUS_ORDER.includes(st)).sort());
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

  // ---- the views: each draws from data it is given, so a language switch draws it again without fetching

  function drawOverview(box) {
    if (!state.loaded.standings) {
      box.innerHTML = skeleton();
      return;
    }
    const items = [...state.standings.values()];
    if (!items.length) {
      box.innerHTML = `<p class="empty">${esc(t().noData)}</p>`;
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
    box.innerHTML = html;
  }

  async function loadTarget(id) {
    const [full, history, cases] = await Promise.all([
      api('/api/v1/targets/' + encodeURIComponent(id)),
      api('/api/v1/targets/' + encodeURIComponent(id) + '/history'),
      // an instance without supervision cases (an older version) leaves the timeline out
      api('/api/v1/targets/' + encodeURIComponent(id) + '/cases', 0).catch(() => null)]);
    return { full, history, cases };
  }

  /** A text written in both languages ("中文 / English", as the streams app and the demo write them): this language's half. */
  function bilingual(text) {
    const at = String(text || '').indexOf(' / ');
    if (at < 0) return text || '';
    return state.lang === 'zh' ? text.slice(0, at) : text.slice(at + 3);
  }

  /** The target's supervision cases (督办单), latest first, each with its timeline in district dates. */
  function caseTimeline(cases) {
    if (!cases) return '';
    const items = cases.items || [];
    const body = items.length === 0 ? `<p class="none">${esc(t().noCases)}</p>` : items.map(c => {
      const flags = [c.overdue ? `<span class="case-flag overdue">${esc(t().caseOverdue)}</span>` : '',
        c.returnedCount ? `<span class="case-flag">${esc(t().caseReturned(c.returnedCount))}</span>` : '',
        c.escalations ? `<span class="case-flag escalated">${esc(t().caseEscalated)}</span>` : ''].join('');
      const conditions = (c.conditions || []).map(k => label('caseCondition', k)).join('、');
      const steps = (c.events || []).map(e => `<li class="case-step step-${esc(e.type)}" data-type="${esc(e.type)}">
          <span class="when">${esc(districtDate(e.clockTime))}</span>
          <b>${esc(label('caseEvent', e.type))}</b>
          ${(e.conditions || []).length ? `<span class="muted">${esc(e.conditions.map(k => label('caseCondition', k)).join('、'))}</span>` : ''}
          <span class="by">${esc(t().caseBy(e.by || ''))}</span>
          ${e.answerDueBy ? `<span class="muted">${esc(t().caseDue)} ${esc(calendarDate(e.answerDueBy))}</span>` : ''}
          ${e.text ? `<div class="case-text">${esc(bilingual(e.text))}</div>` : ''}
          ${e.answer ? `<dl class="case-answer"><dt>${esc(t().caseReason)}</dt><dd>${esc(bilingual(e.answer.reason))}</dd>
            <dt>${esc(t().caseMeasures)}</dt><dd>${esc(bilingual(e.answer.measures))}</dd>
            <dt>${esc(t().caseCatchUp)}</dt><dd>${esc(calendarDate(e.answer.expectedCatchUp))}</dd>
            ${(e.answer.proposedPlan || []).length ? `<dt>${esc(t().casePlan)}</dt><dd>${e.answer.proposedPlan.map(p =>
              esc(calendarDate(p.date)) + ' → ' + fmt(p.expectedCumulative)).join('；')}</dd>` : ''}</dl>` : ''}
        </li>`).join('');
      return `<div class="case" data-case-id="${esc(c.caseId)}" data-stage="${esc(c.stage)}">
        <div class="case-head"><b>${esc(t().caseLabel)} ${esc(c.caseId)}</b>
          <span class="chip case-stage stage-${esc(c.stage)}">${esc(label('caseStage', c.stage))}</span>
          <span class="muted">${esc(conditions)} · ${esc(t().caseDue)} ${esc(calendarDate(c.answerDueBy))}</span>${flags}</div>
        <ol class="case-steps">${steps}</ol></div>`;
    }).join('');
    return `<h3>${esc(t().casesTitle)}</h3><div class="cases" id="case-timeline">${body}</div>`;
  }

  function drawTarget(box, { full, history, cases }, id) {
    const s = full.standing || {};
    const d = full.definition || {};
    const unit = n => esc(t().unit(s.unit || d.unit, n));
    const alerts = (full.firingAlerts || []).map(alertItem).join('') || `<li class="none">${esc(t().noAlerts)}</li>`;
    const section = state.lang === 'zh' ? d.sectionZh || s.sectionZh : d.sectionEn || s.sectionEn;
    const department = state.lang === 'zh' ? d.departmentZh || s.departmentZh : d.departmentEn || s.departmentEn;
    box.innerHTML = `
      <a class="back" href="#/">${esc(t().back)}</a>
      <div class="detail" data-target-id="${esc(id)}" data-status="${esc(s.status)}">
        <h2>${esc(name(s.targetId ? s : d))} ${s.status ? statusBadge(s.status) : ''}</h2>
        <div class="facts">
          <div><label>${esc(t().actual)}</label><b class="actual">${fmt(s.actual)}</b> ${unit(s.actual)}</div>
          <div><label>${esc(t().target)}</label><b>${fmt(s.targetValue)}</b> ${unit(s.targetValue)}</div>
          <div><label>${esc(t().completion)}</label><b>${pct(s.completionRatio)}</b></div>
          ${ceilingNote(s) ? `<div><label>${esc(t().headroom)}</label><b class="ceiling-note">${esc(ceilingNote(s))}</b></div>` : ''}
          <div><label>${esc(t().expectedPace)}</label><b>${pct(s.expectedRatio)}</b></div>
          <div class="plan-source" data-plan-source="${esc(s.planSource || 'LINEAR')}"><label>${esc(t().planLabel)}</label><b>${esc(planSource(s, department))}</b></div>
          <div><label>${esc(t().forecastYearEnd)}</label><b>${fmt(s.forecastYearEnd)}</b> ${typeof s.forecastYearEnd === 'number' ? unit(s.forecastYearEnd) : ''}</div>
          <div><label>${esc(t().forecastDate)}</label><b>${esc(calendarDate(s.forecastCompletionDate))}</b></div>
          <div><label>${esc(t().events)}</label><b>${fmt(s.eventCount)}</b></div>
          <div><label>${esc(t().lastReport)}</label><b>${esc(districtDate(s.lastEventTime))}</b></div>
        </div>
        ${s.targetId ? bar(s) : ''}
        <h3>${esc(t().history)}</h3>
        <div id="burnup" class="chart"></div>
        <div class="columns">
          <div><h3>${esc(t().firingAlerts)}</h3><ul class="alert-feed">${alerts}</ul></div>
          <div><h3>${esc(t().definition)}</h3>
            <p class="quote">${esc(d.sourcePhrase || '')}</p>
            <p class="muted">${esc(t().section)}: ${esc(section || '—')} ·
               ${esc(t().department)}: ${esc(department || '—')} ·
               ${esc(t().deadline)}: ${esc(calendarDate(d.deadline))}</p>${revisionLine(d)}</div>
        </div>
        ${caseTimeline(cases)}
      </div>`;
    window.BurnUp.render($('#burnup'), history, t(), state.lang, state.clock && state.clock.date);
  }

  /** The plan in a few words, for a bar's tooltip and a row's tag. */
  function planShort(s) {
    if (s.planSource === 'DEPARTMENT') return t().planShortDepartment(calendarDate(s.planApprovedOn));
    return s.planSource === 'CATALOG' ? t().planCatalog : t().planShortLinear;
  }

  /** Which plan the expectation comes from: 时序进度 by default, or the department's plan, when and by whom approved. */
  function planSource(s, department) {
    if (s.planSource === 'DEPARTMENT') return t().planDepartment(department || s.departmentId, calendarDate(s.planApprovedOn), s.planApprovedBy || '—');
    if (s.planSource === 'CATALOG') return t().planCatalog;
    return t().planLinear;
  }

  /** Who revised the target, when and why (revision 2 on); revision 1 is the catalog as published. */
  function revisionLine(d) {
    if (!d.revision || d.revision < 2) return '';
    const when = d.revisedAt ? districtDate(d.revisedAt) : '—';
    return `<p class="muted revision" data-revision="${esc(d.revision)}">${esc(t().revision)} ${esc(d.revision)} ·
      ${esc(t().revisedBy)} ${esc(d.revisedBy || '—')} · ${esc(when)}${d.revisionNote ? ' · ' + esc(d.revisionNote) : ''}</p>`;
  }

  /** '5 个目标 + 1 个子目标' / '5 targets + 1 sub-target' of a roll-up. */
  function targetCounts(r) {
    const sub = r.subTargets ? ' + ' + t().subTargetCount(r.subTargets) : '';
    return `<span class="target-count">${esc(t().topLevelCount(r.topLevelTargets || 0) + sub)}</span>`;
  }

  function drawDepartments(box, { departments: body, cases }) {
    const byDepartment = (cases && cases.byDepartment) || {};
    box.innerHTML = `<div class="cards">${body.items.map(d => {
      const c = byDepartment[d.id];
      const counts = statuses(d.countsByStatus)
        .map(st => `<span class="chip status-${esc(st)}" data-status="${esc(st)}">${esc(label('status', st))} <b>${d.countsByStatus[st]}</b></span>`).join('');
      return `<a class="card" href="#/department/${encodeURIComponent(d.id)}" data-department-id="${esc(d.id)}">
        <h3>${esc(name(d))}</h3>
        ${bar({ completionRatio: d.completion, expectedRatio: d.expected, status: worst(d.countsByStatus) })}
        <div class="muted">${esc(t().completion)} ${pct(d.completion)} · ${esc(t().expectedPace)} ${pct(d.expected)} ·
          ${targetCounts(d)}</div>
        <div class="chips">${counts}</div>
        ${c ? `<div class="card-cases${c.overdue ? ' overdue' : ''}" data-open="${c.open}" data-overdue="${c.overdue}">${
          esc(t().cardCases(c.open, c.overdue))}</div>` : ''}</a>`;
    }).join('')}</div>`;
  }

  function drawDepartment(box, body, id) {
    const r = body.rollup || { id, countsByStatus: {} };
    // a row the feed changed since the fetch shows the newer standing
    const rows = body.targets.map(s => state.standings.get(s.targetId) || s);
    box.innerHTML = `
      <a class="back" href="#/departments">${esc(t().backDepartments)}</a>
      <div class="department-view" data-department-id="${esc(id)}">
        <h2>${esc(name(r) || id)}</h2>
        ${bar({ completionRatio: r.completion, expectedRatio: r.expected, status: worst(r.countsByStatus) })}
        <div class="muted">${esc(t().completion)} ${pct(r.completion)} · ${esc(t().expectedPace)} ${pct(r.expected)} ·
          ${targetCounts(r)}</div>
        <ul class="targets">${rows.map(targetRow).join('')}</ul>
        <h3>${esc(t().firingAlerts)}</h3>
        <ul class="alert-feed">${[...state.alerts.values()].filter(a => a.departmentId === id).map(alertItem).join('')
          || `<li class="none">${esc(t().noAlerts)}</li>`}</ul>
      </div>`;
  }

  function worst(counts) {
    return statuses(counts)[0] || 'NOT_STARTED';
  }

  // the overview draws from the standings the feed keeps; the others fetch their data (load) and draw it (draw)
  const VIEWS = {
    overview: { draw: drawOverview },
    target: { load: loadTarget, draw: drawTarget },
    departments: { load: async () => {
      const [departments, cases] = await Promise.all([api('/api/v1/departments'), api('/api/v1/cases', 0).catch(() => null)]);
      return { departments, cases };
    }, draw: drawDepartments },
    department: { load: id => api('/api/v1/departments/' + encodeURIComponent(id)), draw: drawDepartment }
  };
  const routeKey = r => r.view + '/' + (r.id || '');

  /** Draws the view on screen from what is known: its fetched data, else a loading state. */
  function renderView() {
    const r = state.route;
    const box = $('#view-' + r.view);
    const page = state.page && state.page.key === routeKey(r) ? state.page : null;
    if (!VIEWS[r.view].load) {
      VIEWS[r.view].draw(box);
    } else if (!page) {
      box.innerHTML = skeleton();
    } else if (page.error) {
      box.innerHTML = `<p class="error">${esc(t().loadFailed)}: ${esc(page.error)}</p>`;
    } else {
      VIEWS[r.view].draw(box, page.data, r.id);
    }
  }

  /** Fetches the data of the view on screen and draws it; a failed reload keeps what was drawn and says why. */
  async function loadView() {
    const r = state.route;
    const key = routeKey(r);
    if (!VIEWS[r.view].load) return;
    let page;
    try {
      page = { key, data: await VIEWS[r.view].load(r.id) };
    } catch (e) {
      page = { key, error: e.message };
    }
    if (routeKey(state.route) !== key) return; // the reader moved on meanwhile
    if (page.error && state.page && state.page.key === key && !state.page.error) {
      banner({ text: page.error });
      return;
    }
    state.page = page;
    renderView();
  }

  // ---- alerts
  function alertItem(a) {
    const when = districtDate(a.firingSince || a.raisedAt);
    return `<li class="alert severity-${esc(a.severity)} state-${esc(a.state)}" data-dedup-key="${esc(a.dedupKey)}">
      <div class="alert-head"><span class="sev">${esc(label('severity', a.severity))}</span>
        <span class="kind">${esc(label('alertKind', a.kind))}</span><span class="when">${esc(when)}</span></div>
      <a href="#/target/${encodeURIComponent(a.targetId)}">${esc(name(a))}</a>
      <div class="msg">${esc(state.lang === 'zh' ? a.messageZh || a.messageEn : a.messageEn || a.messageZh)}</div></li>`;
  }

  function renderAlerts() {
    const list = [...state.alerts.values()].sort((x, y) =>
      (x.severity === 'CRITICAL' ? 0 : 1) - (y.severity === 'CRITICAL' ? 0 : 1) || String(y.raisedAt).localeCompare(String(x.raisedAt)));
    $('#alert-count').textContent = state.loaded.alerts ? list.length : '…';
    $('#alert-count').title = state.loaded.alerts ? t().alertCount(list.length) : t().loading;
    $('#alert-feed').innerHTML = !state.loaded.alerts ? `<li class="loading" aria-busy="true">${esc(t().loading)}</li>`
      : list.map(alertItem).join('') || `<li class="none">${esc(t().noAlerts)}</li>`;
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

  /** What a change was: a progress update, or an alert of its kind firing or resolved. */
  function activityWhat(e) {
    if (e.type === 'standing') return t().changed;
    return (e.state === 'RESOLVED' ? t().resolved : t().firing) + ' · ' + label('alertKind', e.subject.kind);
  }

  function renderActivity() {
    $('#activity').innerHTML = state.activity.slice(0, 12).map(e =>
      `<li class="activity-${esc(e.type)}"><span class="when">${esc(activityWhen(e))}</span>
        ${esc(activityWhat(e))} ·
        <a href="#/target/${encodeURIComponent(e.subject.targetId)}">${esc(name(e.subject))}</a>
        ${e.type === 'standing' ? statusBadge(e.subject.status) : ''}</li>`).join('')
      || `<li class="none">${esc(state.loaded.standings ? t().noActivity : t().loading)}</li>`;
  }

  // ---- live feed: pushed as the topology publishes; every event about the board carries the feed's version as its
  // id, so a reconnect (the browser's own, after a drop, or ours after the network came back) resumes from there:
  // what changed meanwhile comes once, nothing twice
  let source = null;
  let lastEventId = '';
  function connect() {
    if (source) source.close();
    source = new EventSource('/api/v1/stream' + (lastEventId ? '?lastEventId=' + encodeURIComponent(lastEventId) : ''));
    const live = mode => {
      $('#live').dataset.state = mode;
      renderLive();
    };
    const versioned = handler => e => {
      if (e.lastEventId) lastEventId = e.lastEventId;
      handler(e);
    };
    source.onopen = () => live('open');
    source.onerror = () => live('reconnecting');
    source.addEventListener('hello', e => { $('#instance').textContent = JSON.parse(e.data).instance || '—'; });
    source.addEventListener('feed', versioned(e => {
      const feed = JSON.parse(e.data);
      banner(feed.ok ? null : { key: 'feedDown' });
    }));
    source.addEventListener('standings', versioned(e => {
      const data = JSON.parse(e.data);
      if (data.full) {
        state.standings.clear();
        state.loaded.standings = true;
      }
      data.items.forEach(s => {
        const before = state.standings.get(s.targetId);
        state.standings.set(s.targetId, s);
        // the daily re-evaluation republishes every target: only a new actual or status is news
        if (!data.full && before && (before.actual !== s.actual || before.status !== s.status)) {
          state.activity.unshift({ type: 'standing', subject: s, asOf: s.asOf || clockIso(), seen: Date.now() });
        }
      });
      (data.removed || []).forEach(id => state.standings.delete(id));
      noteUpdated();
      applyStandings(data.full ? null : data.items);
    }));
    source.addEventListener('alerts', versioned(e => {
      const data = JSON.parse(e.data);
      state.alerts.clear();
      data.items.forEach(a => state.alerts.set(a.dedupKey, a));
      state.loaded.alerts = true;
      renderAlerts();
      if (state.route.view === 'department') renderView();
    }));
    source.addEventListener('alert', versioned(e => {
      const a = JSON.parse(e.data);
      if (a.state === 'FIRING') state.alerts.set(a.dedupKey, a); else state.alerts.delete(a.dedupKey);
      // a resolution comes as the alert that fired (its raisedAt is when it fired): it happened as of the district's
      // now, which is the later of the clock as last read (up to a poll behind) and its target's standing (the feed
      // sends the standings of a round before its alerts)
      const standing = state.standings.get(a.targetId);
      const asOf = a.state === 'FIRING' ? a.raisedAt || clockIso() : latest(clockIso(), standing && standing.asOf) || a.raisedAt;
      state.activity.unshift({ type: 'alert', state: a.state, subject: a, asOf, seen: Date.now() });
      renderAlerts();
      renderActivity();
      if (state.route.view === 'target' && state.route.id === a.targetId) loadView();
      if (state.route.view === 'department' && state.route.id === a.departmentId) renderView();
    }));
  }
  // without a network the feed is closed; back online it resumes from the last version it got
  window.addEventListener('offline', () => {
    if (source) source.close();
    source = null;
    $('#live').dataset.state = 'reconnecting';
    renderLive();
  });
  window.addEventListener('online', connect);

  // Update what is on screen in place: rows of changed targets flash; other views re-read their data.
  let reloadTimer = null;
  function applyStandings(changed) {
    renderSummary();
    renderActivity();
    const view = state.route.view;
    if (view === 'overview') renderView();
    (changed || []).forEach(s => {
      document.querySelectorAll(`li.target[data-target-id="${CSS.escape(s.targetId)}"]`).forEach(row => {
        if (view !== 'overview') row.outerHTML = targetRow(s);
      });
      document.querySelectorAll(`li.target[data-target-id="${CSS.escape(s.targetId)}"]`).forEach(row => {
        row.classList.add('flash');
        setTimeout(() => row.classList.remove('flash'), 1600);
      });
    });
    const mine = view === 'departments' || view === 'department'
      || view === 'target' && (changed || []).some(s => s.targetId === state.route.id);
    if (changed && mine) {
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(loadView, 300);
    }
  }

  // ---- the district clock in the header
  /** The later of two instants (ISO text), either may be missing. */
  const latest = (a, b) => !a ? b : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b;

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
        if (before && before !== state.clock.date && state.route.view === 'target') renderView();
      }
    } catch (e) {
      // keep the last reading; try again soon
    }
    renderClock();
    setTimeout(pollClock, next);
  }

  // ---- language and routing

  /** The page's own texts: language, title, the fixed labels, the header's live state and clock, banner, notes. */
  function renderChrome() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t().title;
    document.querySelectorAll('[data-i18n]').forEach(n => { n.textContent = t()[n.dataset.i18n]; });
    $('#lang-toggle').textContent = t().langToggle;
    $('#lang-toggle').title = t().langToggleTitle;
    $('#nav-bulletins').title = t().navBulletinsTitle;
    renderLive();
    renderClock();
    renderBanner();
    renderStale();
  }

  function renderLive() {
    const mode = $('#live').dataset.state;
    $('#live-text').textContent = t()[mode === 'open' ? 'live' : mode];
  }

  /** Everything on screen, in the current language, from what is known (nothing is fetched). */
  function renderAll() {
    renderChrome();
    renderSummary();
    renderAlerts();
    renderActivity();
    renderView();
  }

  function parseRoute() {
    const parts = (location.hash || '#/').slice(2).split('/').map(decodeURIComponent);
    if (parts[0] === 'target' && parts[1]) return { view: 'target', id: parts[1] };
    if (parts[0] === 'departments') return { view: 'departments' };
    if (parts[0] === 'department' && parts[1]) return { view: 'department', id: parts[1] };
    return { view: 'overview' };
  }

  /** Shows the view the address names: drawn at once (its data or a loading state), then its data fetched. */
  function route() {
    state.route = parseRoute();
    const view = state.route.view;
    Object.keys(VIEWS).forEach(v => { $('#view-' + v).hidden = v !== view; });
    $('#nav-overview').classList.toggle('active', view === 'overview' || view === 'target');
    $('#nav-departments').classList.toggle('active', view === 'departments' || view === 'department');
    renderView();
    return loadView();
  }

  /**
   * The first data straight from the query API, each part drawn as it comes; the live feed (connected alongside)
   * may have brought a newer full snapshot meanwhile, which then wins.
   */
  function loadSnapshot() {
    api('/api/v1/targets').then(body => {
      if (state.loaded.standings) return;
      body.items.forEach(s => state.standings.set(s.targetId, s));
      state.loaded.standings = true;
      applyStandings(null);
    }).catch(e => banner({ text: e.message }));
    api('/api/v1/alerts').then(body => {
      if (state.loaded.alerts) return; // the feed's own, newer, came first
      body.items.forEach(a => { if (!state.alerts.has(a.dedupKey)) state.alerts.set(a.dedupKey, a); });
    }).catch(e => banner({ text: e.message })).then(() => {
      state.loaded.alerts = true; // on failure: what the feed brings from now on
      renderAlerts();
    });
  }

  /** The link to the monitor's monthly bulletins, when this app was given one (--bulletins-url). */
  async function loadLinks() {
    try {
      const response = await fetch('/api/v1/dashboard/links', { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const links = await response.json();
      if (links.bulletinsUrl) {
        const a = $('#nav-bulletins');
        a.href = links.bulletinsUrl;
        a.hidden = false;
      }
    } catch (e) {
      // no link: the board works without it
    }
  }

  function start() {
    state.route = parseRoute();
    $('#lang-toggle').addEventListener('click', () => {
      state.lang = state.lang === 'zh' ? 'en' : 'zh';
      localStorage.setItem('lang', state.lang);
      renderAll();
    });
    window.addEventListener('hashchange', route);
    loadSnapshot();
    connect();
    pollClock();
    loadLinks();
    renderChrome();
    renderSummary();
    renderAlerts();
    renderActivity();
    route();
  }

  start();
})();
