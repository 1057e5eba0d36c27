// drwatch status page: reads the daemon's JSON every 2 s and redraws. No framework, no build,
// nothing loaded from anywhere but the daemon. Every value from the API goes in as text, never
// as HTML.
'use strict';

(function () {
  const EVERY_MS = 2000;
  const TIMEOUT_MS = 1800;
  const STALE_AFTER_MS = 6000;

  const CONDITIONS = {
    HEALTHY: { tone: 'ok', mark: '\u2713', text: 'RPO within its objective' },
    LAGGING: { tone: 'warn', mark: '\u25B2', text: 'RPO above its objective; the replica still applies' },
    STALLED: { tone: 'bad', mark: '\u2715', text: 'the primary advances, the replica does not' },
    BROKEN: { tone: 'bad', mark: '\u2715', text: 'the replica says replication stopped' },
    SOURCE_UNREACHABLE: { tone: 'bad', mark: '\u2715', text: 'the primary cannot be written; RPO holds its last value' },
    REPLICA_UNREACHABLE: { tone: 'bad', mark: '\u2715', text: 'the replica cannot be read' },
    UNPROTECTED: { tone: 'bad', mark: '\u2715', text: 'failed over: the promoted side has no replica (no DR)' },
    UNKNOWN: { tone: 'unknown', mark: '?', text: 'no data yet, or telemetry missing' }
  };
  const RUN_TONES = {
    PLANNED: 'unknown', RUNNING: 'warn', AWAITING_APPROVAL: 'warn', BLOCKED_DATA_LOSS: 'bad',
    SUCCEEDED: 'ok', FAILED: 'bad', CANCELLED: 'unknown'
  };
  const STEP_TONES = { PLANNED: 'unknown', STARTED: 'warn', FINISHED: 'ok', SKIPPED: 'ok', FAILED: 'bad' };
  const PHASE_TONES = { NO_OUTAGE: 'ok', PENDING: 'warn', DECLARED: 'bad', CLEARING: 'warn', FAILED_OVER: 'warn' };
  const TONE_MARK = { ok: '\u2713', warn: '\u25B2', bad: '\u2715', unknown: '?' };

  const state = { lastOk: 0, lastTry: 0, failure: null, headline: '', refreshes: 0 };

  // ---- DOM helpers -------------------------------------------------------------------------

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'width') el.style.width = v;
      else if (k === 'left') el.style.left = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  // A data table: its caption is for screen readers, its columns are headed in order.
  function grid(cls, caption, columns, rows) {
    return h('table', { class: cls },
      h('caption', { class: 'sr-only' }, caption),
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows));
  }

  function put(id, ...children) {
    document.getElementById(id).replaceChildren(...children.flat().filter(c => c));
  }

  function badge(tone, label, extra) {
    return h('span', { class: 'badge badge-' + tone + (extra ? ' ' + extra : '') },
      h('span', { class: 'mark', 'aria-hidden': 'true' }, TONE_MARK[tone] || '?'), ' ', label);
  }

  function words(name) {
    return String(name || 'UNKNOWN').replace(/_/g, ' ');
  }

  function conditionBadge(condition) {
    const c = CONDITIONS[condition] || CONDITIONS.UNKNOWN;
    return h('span', { class: 'badge badge-big badge-' + c.tone, title: c.text },
      h('span', { class: 'mark', 'aria-hidden': 'true' }, c.mark), ' ', words(condition));
  }

  function note(text, tone) {
    return h('p', { class: 'note' + (tone ? ' note-' + tone : '') }, text);
  }

  // ---- formatting --------------------------------------------------------------------------

  function secs(s) {
    if (s === null || s === undefined || Number.isNaN(s)) return 'unknown';
    if (s === Infinity) return '\u221E (unrecoverable)';
    const a = Math.abs(s);
    if (a < 10) return s.toFixed(2) + ' s';
    if (a < 60) return s.toFixed(1) + ' s';
    if (a < 3600) {
      const rest = Math.floor(a % 60);
      return Math.floor(a / 60) + ' min' + (rest ? ' ' + String(rest).padStart(2, '0') + ' s' : '');
    }
    const rest = Math.floor((a % 3600) / 60);
    return Math.floor(a / 3600) + ' h' + (rest ? ' ' + String(rest).padStart(2, '0') + ' min' : '');
  }

  function clock(iso) {
    if (!iso) return 'never';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return d.toISOString().slice(11, 19) + ' UTC';
  }

  function ago(iso) {
    if (!iso) return '';
    const ms = Date.now() - new Date(iso).getTime();
    if (Number.isNaN(ms)) return '';
    if (ms < 1000) return 'just now';
    return (ms < 60000 ? Math.round(ms / 1000) + ' s' : secs(ms / 1000)) + ' ago';
  }

  function when(iso) {
    if (!iso) return 'never';
    return h('time', { datetime: iso, title: iso }, clock(iso), h('span', { class: 'dim' }, ' (' + ago(iso) + ')'));
  }

  // A bar from 0 to twice the objective, with the objective marked halfway.
  function gauge(value, objective, label) {
    const known = value !== null && value !== undefined && !Number.isNaN(value);
    const hasObjective = objective !== null && objective !== undefined && objective > 0;
    let tone = 'unknown';
    let width = '100%';
    if (known && hasObjective) {
      const ratio = value / objective;
      tone = ratio <= 1 ? 'ok' : ratio <= 2 ? 'warn' : 'bad';
      width = Math.max(1, Math.min(100, ratio * 50)).toFixed(1) + '%';
    } else if (known) {
      tone = 'ok';
      width = '0%';
    }
    if (value === Infinity) {
      tone = 'bad';
      width = '100%';
    }
    return h('div', {
      class: 'gauge', role: 'img',
      'aria-label': label + ' ' + secs(value) + (hasObjective ? ', objective ' + secs(objective) : '')
    },
    h('div', { class: 'gauge-fill fill-' + tone + (known ? '' : ' fill-unknown'), width: width }),
    hasObjective ? h('div', { class: 'gauge-mark', left: '50%', title: 'objective ' + secs(objective) }) : null);
  }

  // ---- fetching ----------------------------------------------------------------------------

  async function get(path, as) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
    try {
      const res = await fetch(path, { cache: 'no-store', signal: ctl.signal, headers: { Accept: as === 'text' ? 'text/plain' : 'application/json' } });
      if (res.status === 404) return { missing: true };
      if (!res.ok) throw new Error(path + ' answered ' + res.status);
      return { body: as === 'text' ? await res.text() : await res.json() };
    } catch (e) {
      if (e.name === 'AbortError') throw new Error(path + ' did not answer within ' + TIMEOUT_MS + ' ms');
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  // The few RTO samples the page needs from the Prometheus text format.
  function parseMetrics(text) {
    const out = { total: null, objective: null, steps: {} };
    for (const line of text.split('\n')) {
      const m = /^(drwatch_rto_[a-z_]+)(\{[^}]*\})?\s+(\S+)/.exec(line);
      if (!m) continue;
      const v = m[3] === '+Inf' ? Infinity : m[3] === 'NaN' ? null : Number(m[3]);
      if (m[1] === 'drwatch_rto_projected_seconds') out.total = v;
      else if (m[1] === 'drwatch_rto_objective_seconds') out.objective = v;
      else if (m[1] === 'drwatch_rto_step_projected_seconds') {
        const step = /step="((?:[^"\\]|\\.)*)"/.exec(m[2] || '');
        if (step) out.steps[step[1]] = v;
      }
    }
    return out;
  }

  async function refresh() {
    state.lastTry = Date.now();
    try {
      const status = await get('/api/v1/status');
      if (status.missing) throw new Error('/api/v1/status answered 404');
      const runs = await get('/api/v1/runs');
      let rto = null;
      let metrics = null;
      if (!runs.missing) {
        const [r, m] = await Promise.all([get('/api/v1/rto'), get('/metrics', 'text')]);
        rto = r.missing ? null : r.body;
        metrics = m.missing ? null : parseMetrics(m.body);
      }
      state.lastOk = Date.now();
      state.failure = null;
      render(status.body, runs.missing ? null : runs.body.runs || [], rto, metrics);
    } catch (e) {
      state.failure = e.message || String(e);
    }
    connection();
  }

  // ---- rendering ---------------------------------------------------------------------------

  function connection() {
    const el = document.getElementById('conn');
    const main = document.getElementById('main');
    const stale = !state.lastOk || Date.now() - state.lastOk > STALE_AFTER_MS;
    if (state.failure) {
      el.className = 'conn conn-bad';
      el.textContent = 'Cannot reach the daemon: ' + state.failure
        + (state.lastOk ? '. Last good data at ' + clock(new Date(state.lastOk).toISOString()) : '');
    } else {
      el.className = 'conn conn-ok';
      el.textContent = 'Live \u00B7 updated ' + clock(new Date(state.lastOk).toISOString());
    }
    main.classList.toggle('stale', Boolean(state.failure) && stale);
    if (state.failure && stale) {
      const text = state.lastOk
        ? 'STALE: the daemon has not answered since ' + clock(new Date(state.lastOk).toISOString()) + '; the data below is old'
        : 'No data: the daemon does not answer';
      const line = document.getElementById('headline');
      line.className = 'banner banner-bad';
      if (state.headline !== text) {
        state.headline = text;
        line.textContent = text;
      }
    }
  }

  function render(status, runs, rto, metrics) {
    const det = status.detection || {};
    const channels = status.channels || [];
    const active = (runs || []).filter(r => ['RUNNING', 'AWAITING_APPROVAL', 'BLOCKED_DATA_LOSS'].includes(r.state));
    document.getElementById('observer').textContent = status.observer ? '\u00B7 observer ' + status.observer : '';
    exposureBanner(status.exposure);
    headline(status, det, channels, active);
    summary(status, det, runs, active, rto, metrics);
    put('channels', channelTable(channels));
    put('detection', detection(det));
    put('rto', rtoSection(runs, rto, metrics));
    put('runs', runsSection(runs));
    put('verdicts',
      verdictList('Channels', status.recentVerdicts),
      verdictList('Detection', det.recentVerdicts));
    const main = document.getElementById('main');
    main.setAttribute('aria-busy', 'false');
    state.refreshes += 1;
    main.dataset.refreshes = String(state.refreshes);
  }

  // Channels failed over with no replica: how long, and what ends it. Redrawn only on a change of
  // its words, so a screen reader hears it once, not every 2 s.
  function exposureBanner(exposure) {
    const el = document.getElementById('exposure');
    if (!exposure) {
      el.hidden = true;
      el.replaceChildren();
      delete el.dataset.text;
      return;
    }
    const took = exposure.seconds < 60 ? Math.round(exposure.seconds) + ' s'
      : secs(Math.floor(exposure.seconds / 60) * 60);
    const text = 'Running without DR since ' + clock(exposure.since).slice(0, 5) + ' UTC (' + took + '): ' + exposure.channels.join(', ') + ' \u2014 run ';
    el.hidden = false;
    el.dataset.channels = exposure.channels.join(' ');
    if (el.dataset.text === text) return;
    el.dataset.text = text;
    el.replaceChildren(h('strong', {}, text), h('code', {}, exposure.remedy), ' \u00B7 ',
      h('a', { href: '/api/v1/report?since=30d&format=html' }, 'audit report (30 d)'));
  }

  function headline(status, det, channels, active) {
    const bad = channels.filter(c => (CONDITIONS[c.condition] || CONDITIONS.UNKNOWN).tone === 'bad');
    const lagging = channels.filter(c => c.condition === 'LAGGING');
    const unknown = channels.filter(c => !CONDITIONS[c.condition] || c.condition === 'UNKNOWN');
    let tone = 'ok';
    let text;
    if (det.tilt && det.tilt.tilted) {
      tone = 'bad';
      text = 'TILT: detection distrusts its own view and will not declare an outage. ' + (det.tilt.reason || '');
    } else if (status.failover && status.failover.armed === false) {
      tone = 'warn';
      text = status.failover.latch;
    } else if (det.outageDeclared) {
      tone = 'bad';
      text = 'OUTAGE DECLARED' + (det.wouldFailover ? ': drwatch would fail over now' : '');
    } else if (active.length) {
      tone = 'warn';
      text = 'Failover run ' + active[0].id + ' (' + active[0].mode + ') is ' + words(active[0].state);
    } else if (bad.length) {
      tone = 'bad';
      text = bad.length + ' channel' + (bad.length > 1 ? 's' : '') + ' need attention: '
        + bad.map(c => c.name + ' ' + words(c.condition)).join(', ');
    } else if (lagging.length) {
      tone = 'warn';
      text = 'RPO above objective on ' + lagging.map(c => c.name).join(', ');
    } else if (!status.ready || unknown.length) {
      tone = 'unknown';
      text = unknown.length ? 'No data yet for ' + unknown.map(c => c.name).join(', ') : 'Waiting for the first probe round';
    } else {
      text = 'All ' + channels.length + ' channel' + (channels.length === 1 ? '' : 's')
        + ' healthy \u00B7 no outage declared';
    }
    const el = document.getElementById('headline');
    el.className = 'banner banner-' + tone;
    // Only a change is announced to screen readers.
    if (state.headline !== text) {
      state.headline = text;
      el.textContent = text;
    }
  }

  function tile(label, value, tone, detail, id) {
    return h('div', { class: 'tile tile-' + tone, id: id },
      h('div', { class: 'tile-label' }, label),
      h('div', { class: 'tile-value' }, h('span', { class: 'mark', 'aria-hidden': 'true' }, TONE_MARK[tone] || '?'), ' ', value),
      detail ? h('div', { class: 'tile-detail' }, detail) : null);
  }

  function summary(status, det, runs, active, rto, metrics) {
    const tiles = [];
    const objectives = (status.channels || []).map(c => c.rpoSeconds !== null && c.rpoObjectiveSeconds
      ? c.rpoSeconds / c.rpoObjectiveSeconds : null);
    const worst = objectives.some(r => r === null) ? null : Math.max(0, ...objectives);
    tiles.push(tile('Composite RPO', secs(status.rpoSeconds),
      status.rpoSeconds === null ? 'unknown' : worst !== null && worst > 1 ? 'warn' : 'ok',
      'skew ' + secs(status.rpoSkewSeconds), 'tile-rpo'));
    const hasDetection = det.at !== undefined;
    tiles.push(tile('Outage', !hasDetection ? 'no detection' : det.outageDeclared ? 'DECLARED' : 'none',
      !hasDetection ? 'unknown' : det.outageDeclared ? 'bad' : 'ok',
      hasDetection ? (det.targets || []).length + ' target(s) watched' : 'no detection tick yet', 'tile-outage'));
    tiles.push(tile('Would fail over', !hasDetection ? 'unknown' : det.wouldFailover ? 'YES' : 'no',
      !hasDetection ? 'unknown' : det.wouldFailover ? 'bad' : 'ok',
      hasDetection ? 'expected loss ' + secs(det.expectedLossSeconds) : null, 'tile-would'));
    const tilted = Boolean(det.tilt && det.tilt.tilted);
    tiles.push(tile('TILT', !hasDetection ? 'unknown' : tilted ? 'ON' : 'off',
      !hasDetection ? 'unknown' : tilted ? 'bad' : 'ok',
      tilted ? det.tilt.reason : null, 'tile-tilt'));
    if (runs) {
      const p = projection(rto, metrics);
      const tone = p.total === Infinity ? 'bad' : p.total === null ? 'unknown'
        : p.objective && p.total > p.objective ? 'bad' : 'ok';
      tiles.push(tile('Projected RTO', secs(p.total), tone,
        p.objective ? 'objective ' + secs(p.objective) : null, 'tile-rto'));
      const last = active[0] || runs[runs.length - 1];
      tiles.push(tile('Last run', last ? words(last.state) : 'none', last ? RUN_TONES[last.state] || 'unknown' : 'ok',
        last ? last.mode + ' \u00B7 ' + (last.endedAt ? 'ended ' + clock(last.endedAt) : 'started ' + clock(last.startedAt))
          : 'no failover or drill yet', 'tile-run'));
    } else {
      tiles.push(tile('Projected RTO', 'no runbook', 'unknown', null, 'tile-rto'));
    }
    put('summary', tiles);
  }

  function channelTable(channels) {
    if (!channels.length) return note('No channels configured.');
    const rows = channels.map(c => {
      const over = c.rpoSeconds !== null && c.rpoObjectiveSeconds && c.rpoSeconds > c.rpoObjectiveSeconds;
      return h('tr', { 'data-channel': c.name, 'data-condition': c.condition, class: 'channel' },
        h('th', { scope: 'row', class: 'name' }, h('div', { class: 'channel-name' }, c.name),
          h('div', { class: 'dim' }, c.kind)),
        h('td', { class: 'condition' }, conditionBadge(c.condition)),
        h('td', { class: 'rpo', 'data-rpo-seconds': c.rpoSeconds === null ? 'unknown' : c.rpoSeconds },
          h('div', { class: 'rpo-line' },
            h('span', { class: 'rpo-value' + (over ? ' over' : '') }, secs(c.rpoSeconds)),
            h('span', { class: 'dim' }, ' of ' + secs(c.rpoObjectiveSeconds) + ' objective')),
          gauge(c.rpoSeconds, c.rpoObjectiveSeconds, 'RPO'),
          h('div', { class: 'dim small' }, 'resolution \u00B1' + secs(c.rpoResolutionSeconds))),
        h('td', { class: 'age' }, h('span', { class: 'big-number' }, secs(c.replicaAgeSeconds)),
          h('div', { class: 'dim small' }, 'link ' + words(c.replicaLink))),
        h('td', { class: 'success' }, when(c.lastSuccess),
          h('div', { class: 'dim small' }, 'probe ' + secs(c.lastProbeSeconds) + ' \u00B7 round ' + c.rounds)),
        h('td', { class: 'verdict' }, c.lastVerdict || '',
          c.lastError ? h('div', { class: 'error' }, 'last error: ' + c.lastError) : null));
    });
    return grid('grid channels', 'Each replication channel: condition, RPO against its objective, replica age',
      ['Channel', 'Condition', 'RPO vs objective', 'Replica age', 'Last success', 'Last verdict'], rows);
  }

  function detection(det) {
    if (det.at === undefined) {
      return note('No detection tick yet, or no detection targets are configured.', 'unknown');
    }
    const head = h('p', { class: 'detection-head' },
      'Declared: ', badge(det.outageDeclared ? 'bad' : 'ok', det.outageDeclared ? 'YES' : 'no'),
      ' \u00B7 would fail over: ', badge(det.wouldFailover ? 'bad' : 'ok', det.wouldFailover ? 'YES' : 'no'),
      ' \u00B7 TILT: ', badge(det.tilt && det.tilt.tilted ? 'bad' : 'ok', det.tilt && det.tilt.tilted ? 'ON' : 'off'),
      h('span', { class: 'dim' }, ' \u00B7 evaluated ', when(det.at)));
    const shadow = det.shadow ? h('p', { class: 'shadow' }, det.shadow) : null;
    const targets = det.targets || [];
    if (!targets.length) return [head, shadow, note('No detection targets.')];
    const rows = targets.map(t => {
      const families = Object.entries(t.votes || {});
      const voted = families.map(([family, list]) => h('li', { class: list.length ? 'vote-yes' : 'vote-no' },
        h('strong', {}, family), ': ',
        list.length ? list.map(v => v.voter + (v.detail ? ' (' + v.detail + ')' : '')).join('; ') : 'no vote'));
      const observers = (t.observers || []).map(o => h('li', { class: o.suspected ? 'vote-yes' : 'vote-no' },
        h('strong', {}, o.observer), o.suspected ? ' suspects it' : ' sees it up',
        o.detail ? ' \u00B7 ' + o.detail : ''));
      return h('tr', { 'data-target': t.target },
        h('th', { scope: 'row' }, t.target),
        h('td', {}, badge(PHASE_TONES[t.phase] || 'unknown', words(t.phase))),
        h('td', { class: 'big-number' }, t.standing + ' of ' + t.needed),
        h('td', {}, families.length ? h('ul', { class: 'plain' }, voted) : 'none'),
        h('td', {}, (t.missing || []).length ? t.missing.join(', ') : 'none'),
        h('td', {}, observers.length ? h('ul', { class: 'plain' }, observers) : 'none'),
        h('td', { class: 'verdict' }, t.verdict || ''));
    });
    return [head, shadow, grid('grid', 'Outage votes per detection target',
      ['Target', 'Phase', 'Signals standing', 'Votes by signal', 'Missing signals', 'Observers', 'Verdict'], rows)];
  }

  // From GET /api/v1/rto when the daemon has it, else from the gauges in /metrics.
  function projection(rto, metrics) {
    const objective = metrics ? metrics.objective : null;
    if (rto) {
      return {
        source: 'api', objective: objective,
        total: rto.unrecoverable ? Infinity : rto.rtoSeconds,
        detection: rto.detectionSeconds,
        critical: rto.criticalPath || [],
        steps: (rto.steps || []).map(s => ({
          step: s.step, seconds: s.projectedSeconds, basis: s.basis, samples: s.samples, text: s.text
        })),
        reasons: rto.reasons || [], verdict: rto.verdict
      };
    }
    if (metrics) {
      return {
        source: 'metrics', objective: objective, total: metrics.total, detection: null, critical: [],
        steps: Object.entries(metrics.steps).map(([step, v]) => ({ step: step, seconds: v })),
        reasons: [], verdict: null
      };
    }
    return { source: 'none', objective: null, total: null, steps: [], critical: [], reasons: [] };
  }

  function rtoSection(runs, rto, metrics) {
    if (!runs) return note('No runbook configured: there is no failover to project.', 'unknown');
    const p = projection(rto, metrics);
    const over = p.total !== null && p.objective && p.total > p.objective;
    const head = h('div', { class: 'rto-head' },
      h('div', { class: 'rpo-line' },
        h('span', { class: 'rpo-value' + (over || p.total === Infinity ? ' over' : ''), id: 'rto-total' }, secs(p.total)),
        h('span', { class: 'dim' }, p.objective ? ' of ' + secs(p.objective) + ' objective' : ' (objective unknown)')),
      gauge(p.total, p.objective, 'Projected RTO'),
      p.detection !== null && p.detection !== undefined
        ? h('div', { class: 'dim small' }, 'includes detection ' + secs(p.detection)) : null);
    const rows = p.steps.map(s => h('tr', { 'data-step': s.step },
      h('th', { scope: 'row' }, s.step, p.critical.includes(s.step) ? h('span', { class: 'crit', title: 'on the critical path' }, ' \u2605 critical path') : null),
      h('td', { class: 'num' }, secs(s.seconds)),
      h('td', {}, basis(s)),
      h('td', { class: 'verdict' }, s.text || '')));
    return [head,
      rows.length ? grid('grid', 'Projected duration of each runbook step', ['Step', 'Projected', 'Basis', 'Detail'], rows)
        : note('No steps in the projection.'),
      p.reasons.length ? h('ul', { class: 'reasons' }, p.reasons.map(r => h('li', {}, r))) : null,
      p.verdict ? h('p', { class: 'verdict' }, p.verdict) : null,
      p.source === 'metrics' ? note('Step basis and critical path need GET /api/v1/rto, which this daemon does not serve; totals are from /metrics.') : null];
  }

  function basis(s) {
    if (!s.basis) return 'from /metrics';
    const n = s.samples || 0;
    if (s.basis === 'MEASURED') return 'p95 of ' + n + ' measured run' + (n === 1 ? '' : 's');
    return 'configured expected' + (n ? ' (' + n + ' measured, too few)' : ' (never measured)');
  }

  function runsSection(runs) {
    if (!runs) return note('No runbook configured.', 'unknown');
    if (!runs.length) return note('No failover runs or drills yet.');
    return runs.slice().reverse().slice(0, 5).map(r => {
      const steps = (r.steps || []).map(s => h('tr', { 'data-step': s.step },
        h('th', { scope: 'row' }, s.step),
        h('td', {}, badge(STEP_TONES[s.state] || 'unknown', words(s.state))),
        h('td', { class: 'num' }, s.attempt),
        h('td', { class: 'num' }, secs(s.seconds)),
        h('td', { class: 'verdict' }, s.message || '')));
      const took = r.startedAt && r.endedAt ? (new Date(r.endedAt) - new Date(r.startedAt)) / 1000 : null;
      return h('article', { class: 'run', 'data-run': r.id },
        h('h3', {}, badge(RUN_TONES[r.state] || 'unknown', words(r.state)), ' ', r.mode, ' ', h('code', {}, r.id)),
        h('p', { class: 'dim' }, 'started ', when(r.startedAt), r.endedAt ? [' \u00B7 ended ', when(r.endedAt)] : null,
          took !== null ? ' \u00B7 took ' + secs(took) : null,
          r.approvedBy ? ' \u00B7 approved by ' + r.approvedBy : null,
          r.dataLossAcceptedBy ? ' \u00B7 data loss accepted by ' + r.dataLossAcceptedBy : null),
        r.reason ? h('p', { class: 'verdict' }, r.reason) : null,
        steps.length ? grid('grid', 'Steps of run ' + r.id, ['Step', 'State', 'Attempt', 'Took', 'Message'], steps)
          : null);
    });
  }

  // Newest first; a verdict repeated tick after tick shows once, with its count and first time.
  function verdictList(title, list) {
    const groups = [];
    for (const line of (list || []).slice().reverse()) {
      const m = /^(\S+Z) (.*)$/s.exec(line);
      const at = m ? m[1] : null;
      const text = m ? m[2] : line;
      const last = groups[groups.length - 1];
      if (last && last.text === text) {
        last.count += 1;
        last.since = at;
      } else {
        groups.push({ at: at, since: at, text: text, count: 1 });
      }
    }
    const items = groups.slice(0, 10).map(g => h('li', {},
      g.at ? h('time', { datetime: g.at, title: g.at, class: 'stamp' }, clock(g.at)) : null,
      g.count > 1 ? h('span', { class: 'dim' }, ' (\u00D7' + g.count + ' since ' + clock(g.since) + ')') : null,
      h('div', {}, g.text)));
    return h('div', { class: 'col' }, h('h3', {}, title),
      items.length ? h('ol', { class: 'verdicts' }, items) : note('None yet.'));
  }

  // ---- loop --------------------------------------------------------------------------------

  async function loop() {
    await refresh();
    setTimeout(loop, EVERY_MS);
  }

  loop();
})();
