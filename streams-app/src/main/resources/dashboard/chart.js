// A small burn-up chart in inline SVG: actual, plan (pace), forecast and the target line over the year, and the
// district clock's today. The x axis is the district's calendar (Asia/Shanghai): a day 'yyyy-MM-dd' sits at its UTC
// midnight, and an instant at its Shanghai wall time, whatever the browser's zone.
window.BurnUp = (function () {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 760, H = 320, M = { top: 34, right: 24, bottom: 36, left: 64 };
  const SHANGHAI = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', year: 'numeric',
    month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // 'yyyy-MM-dd' or 'yyyy-MM' (a monthly bucket stands for its last day) to epoch millis.
  function day(text) {
    if (!text) return null;
    if (/^\d{4}-\d{2}$/.test(text)) {
      const [y, m] = text.split('-').map(Number);
      return Date.UTC(y, m, 0);
    }
    return Date.parse(text.length === 10 ? text + 'T00:00:00Z' : text);
  }

  // An instant (ISO text) at its Asia/Shanghai wall time, on the same axis as the days.
  function districtWallTime(text) {
    const p = {};
    SHANGHAI.formatToParts(new Date(Date.parse(text))).forEach(part => { p[part.type] = part.value; });
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const f of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (f * p >= v) return f * p;
    return 10 * p;
  }

  function fmt(v) {
    if (v === null || v === undefined || isNaN(v)) return '—';
    const abs = Math.abs(v);
    return v.toLocaleString(undefined, { maximumFractionDigits: abs >= 100 ? 0 : abs >= 1 ? 1 : 3 });
  }

  /**
   * Draws into container; data is the /history answer, t the texts of the current language, today the district
   * clock's date ('yyyy-MM-dd', marked on the axis) or nothing.
   */
  function render(container, data, t, lang, today) {
    container.innerHTML = '';
    const points = (data.points || []).map(p => ({ x: day(p.bucket), y: p.actual })).filter(p => p.x !== null);
    const f = data.forecast || {};
    // the current standing is the newest point: buckets are only closed when their day (or month) ends
    const now = f.asOf ? districtWallTime(f.asOf) : null;
    if (now && typeof f.actual === 'number' && (!points.length || now > points[points.length - 1].x)) {
      points.push({ x: now, y: f.actual });
    }
    const plan = (data.plan || []).map(p => ({ x: day(p.date), y: p.expectedValue }));
    const target = data.targetValue;
    const deadline = day(data.deadline) || (plan.length ? plan[plan.length - 1].x : null);
    const year = deadline ? new Date(deadline).getUTCFullYear() : (points.length ? new Date(points[0].x).getUTCFullYear() : 2020);
    const x0 = Date.UTC(year, 0, 1);
    const x1 = Math.max(deadline || Date.UTC(year, 11, 31), ...points.map(p => p.x));
    const last = points.length ? points[points.length - 1] : null;
    const forecast = last && f.forecastYearEnd !== null && f.forecastYearEnd !== undefined
      ? [{ x: last.x, y: last.y }, { x: x1, y: f.forecastYearEnd }] : [];
    const ys = [target, ...points.map(p => p.y), ...plan.map(p => p.y), ...forecast.map(p => p.y)].filter(v => typeof v === 'number');
    const yMax = niceMax(Math.max(...ys, 0) * 1.08);
    const sx = x => M.left + (x - x0) / (x1 - x0) * (W - M.left - M.right);
    const sy = y => H - M.bottom - (y / yMax) * (H - M.top - M.bottom);

    const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'burnup', role: 'img', 'aria-label': t.history });
    // grid and y axis
    for (let i = 0; i <= 5; i++) {
      const v = yMax * i / 5;
      svg.appendChild(el('line', { x1: M.left, x2: W - M.right, y1: sy(v), y2: sy(v), class: 'grid' }));
      svg.appendChild(el('text', { x: M.left - 8, y: sy(v) + 4, class: 'tick', 'text-anchor': 'end' }, fmt(v)));
    }
    // months on the x axis
    for (let m = 0; m < 12; m++) {
      const x = Date.UTC(year, m, 1);
      if (x > x1) break;
      svg.appendChild(el('line', { x1: sx(x), x2: sx(x), y1: H - M.bottom, y2: H - M.bottom + 4, class: 'axis' }));
      svg.appendChild(el('text', { x: sx(x) + 2, y: H - M.bottom + 18, class: 'tick' },
        lang === 'zh' ? (m + 1) + '月' : new Date(x).toLocaleString('en', { month: 'short', timeZone: 'UTC' })));
    }
    svg.appendChild(el('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'axis' }));
    // the unit over the y axis, from the left edge: an English one (× 100 million yuan) is longer than the margin
    svg.appendChild(el('text', { x: 8, y: M.top - 14, class: 'tick unit' }, t.unit(data.unit)));

    const path = (pts, cls) => {
      if (pts.length < 1) return;
      const d = pts.map((p, i) => (i ? 'L' : 'M') + sx(p.x).toFixed(1) + ' ' + sy(p.y).toFixed(1)).join(' ');
      svg.appendChild(el('path', { d, class: cls }));
    };
    if (typeof target === 'number') {
      svg.appendChild(el('line', { x1: M.left, x2: W - M.right, y1: sy(target), y2: sy(target), class: 'series-target' }));
      svg.appendChild(el('text', { x: W - M.right, y: sy(target) - 6, class: 'label-target', 'text-anchor': 'end' },
        t.target + ' ' + fmt(target)));
    }
    const todayX = day(today);
    if (todayX !== null && todayX >= x0 && todayX <= x1) {
      svg.appendChild(el('line', { x1: sx(todayX), x2: sx(todayX), y1: M.top, y2: H - M.bottom, class: 'today' }));
      svg.appendChild(el('text', { x: sx(todayX) + 4, y: M.top + 10, class: 'label-today' }, t.today));
    }
    path(plan, 'series-plan');
    path(forecast, 'series-forecast');
    path(points, 'series-actual');
    // a dot where the actual moved (a report), not on every day of a day-by-day history
    points.filter((p, i) => p.y !== (i ? points[i - 1].y : 0))
      .forEach(p => svg.appendChild(el('circle', { cx: sx(p.x), cy: sy(p.y), r: 3.5, class: 'dot-actual' })));
    if (forecast.length) {
      const end = forecast[1];
      svg.appendChild(el('circle', { cx: sx(end.x), cy: sy(end.y), r: 3.5, class: 'dot-forecast' }));
    }
    // legend
    const legend = [['series-actual', t.actual], ['series-plan', t.plan], ['series-forecast', t.forecast], ['series-target', t.target]];
    legend.forEach(([cls, label], i) => {
      const x = M.left + 120 + i * 120; // clear of the unit over the y axis
      svg.appendChild(el('line', { x1: x, x2: x + 26, y1: 14, y2: 14, class: cls }));
      svg.appendChild(el('text', { x: x + 32, y: 18, class: 'legend' }, label));
    });
    container.appendChild(svg);
  }

  return { render, fmt };
})();
