// The dip page: choose an image and a task, paint an inpainting mask, start a job, follow it live (server-sent events).
'use strict';
(function () {
  const $ = id => document.getElementById(id);
  let config = null;          // /api/config: each task's defaults per recipe, the nets, the limits
  let imageFile = null;       // the image chosen or dropped
  let maskDirty = false;      // painted since the image was loaded
  let tool = 'brush';
  const undoStack = [];
  let events = null;          // the EventSource of the job shown
  let curve = [];             // rows [iteration, loss, psnr output, psnr average]
  let updates = 0;            // progress events received (the browser test counts them)

  function showError(el, message) {
    el.textContent = message;
    el.hidden = !message;
  }

  // ---- the form -------------------------------------------------------------------------------------------------
  function taskDefaults() { return config.recipes[$('recipe').value][$('task').value]; }

  function applyDefaults() {
    const d = taskDefaults();
    $('iterations').value = d.iterations;
    $('stop').value = d.stop;
    $('preset').value = d.preset;
    const inpaint = $('task').value === 'inpaint';
    $('mask-tools').hidden = !inpaint;
    $('mask').style.display = inpaint ? '' : 'none';
  }

  function chooseImage(file) {
    showError($('error'), '');
    if (!file) { return; }
    if (config && file.size > config.limits.maxUploadBytes) {
      showError($('error'), 'the image is ' + (file.size / 1e6).toFixed(1) + ' MB: this server takes at most '
        + (config.limits.maxUploadBytes / 1e6).toFixed(1) + ' MB per file');
      return;
    }
    imageFile = file;
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      const w = img.naturalWidth, h = img.naturalHeight;
      for (const c of [$('image-canvas'), $('mask')]) { c.width = w; c.height = h; }
      $('image-canvas').getContext('2d').drawImage(img, 0, 0);
      undoStack.length = 0;
      maskDirty = false;
      $('stage').hidden = false;
      applyZoom();
      URL.revokeObjectURL(url);
    };
    img.onerror = () => {
      // The browser cannot show it (TIFF, or not an image at all): the server will read it, or say why it cannot.
      $('stage').hidden = true;
      URL.revokeObjectURL(url);
    };
    img.src = url;
  }

  function applyZoom() {
    const c = $('image-canvas');
    let z = Number($('zoom').value);
    if (!z) { z = Math.max(1, Math.min(16, Math.floor(512 / Math.max(c.width, c.height)))); }
    for (const el of [$('image-canvas'), $('mask')]) {
      el.style.width = (c.width * z) + 'px';
      el.style.height = (c.height * z) + 'px';
    }
  }

  // ---- painting the mask ----------------------------------------------------------------------------------------
  function setupPainting() {
    const m = $('mask');
    const ctx = m.getContext('2d');
    let last = null;
    const point = e => {
      const r = m.getBoundingClientRect();
      return [(e.clientX - r.left) * m.width / r.width, (e.clientY - r.top) * m.height / r.height];
    };
    const stroke = (a, b) => {
      ctx.globalCompositeOperation = tool === 'eraser' ? 'destination-out' : 'source-over';
      ctx.strokeStyle = '#ff0000';
      ctx.fillStyle = '#ff0000';
      ctx.lineWidth = Number($('brush-size').value);
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.beginPath();
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      ctx.stroke();
      if (a[0] === b[0] && a[1] === b[1]) {
        ctx.beginPath();
        ctx.arc(a[0], a[1], ctx.lineWidth / 2, 0, 2 * Math.PI);
        ctx.fill();
      }
    };
    m.addEventListener('pointerdown', e => {
      if (e.button !== 0) { return; }
      undoStack.push(ctx.getImageData(0, 0, m.width, m.height));
      if (undoStack.length > 50) { undoStack.shift(); }
      m.setPointerCapture(e.pointerId);
      last = point(e);
      stroke(last, last);
      maskDirty = true;
      e.preventDefault();
    });
    m.addEventListener('pointermove', e => {
      if (!last) { return; }
      const p = point(e);
      stroke(last, p);
      last = p;
    });
    const end = () => { last = null; };
    m.addEventListener('pointerup', end);
    m.addEventListener('pointercancel', end);
    $('undo').addEventListener('click', () => {
      const d = undoStack.pop();
      if (d) { ctx.putImageData(d, 0, 0); }
    });
    $('clear').addEventListener('click', () => {
      undoStack.push(ctx.getImageData(0, 0, m.width, m.height));
      ctx.clearRect(0, 0, m.width, m.height);
    });
    for (const t of ['brush', 'eraser']) {
      $('tool-' + t).addEventListener('click', () => {
        tool = t;
        $('tool-brush').classList.toggle('active', t === 'brush');
        $('tool-eraser').classList.toggle('active', t === 'eraser');
      });
    }
    $('brush-size').addEventListener('input', () => { $('brush-size-value').textContent = $('brush-size').value; });
    $('zoom').addEventListener('change', applyZoom);
    $('mask-file').addEventListener('change', () => {
      const f = $('mask-file').files[0];
      if (!f) { return; }
      const url = URL.createObjectURL(f);
      const img = new Image();
      img.onload = () => {
        if (img.naturalWidth !== m.width || img.naturalHeight !== m.height) {
          showError($('error'), 'the mask is ' + img.naturalWidth + '×' + img.naturalHeight + ' but the image is '
            + m.width + '×' + m.height);
        } else {
          // Shown as paint so that it can be corrected: dark pixels (≤ 127) are holes.
          const t = document.createElement('canvas');
          t.width = m.width; t.height = m.height;
          const tc = t.getContext('2d');
          tc.drawImage(img, 0, 0);
          const src = tc.getImageData(0, 0, m.width, m.height).data;
          const out = ctx.createImageData(m.width, m.height);
          for (let i = 0; i < src.length; i += 4) {
            if ((src[i] + src[i + 1] + src[i + 2]) / 3 <= 127) { out.data[i] = 255; out.data[i + 3] = 255; }
          }
          undoStack.push(ctx.getImageData(0, 0, m.width, m.height));
          ctx.putImageData(out, 0, 0);
          maskDirty = true;
        }
        URL.revokeObjectURL(url);
      };
      img.onerror = () => { showError($('error'), 'the browser cannot read this mask file'); URL.revokeObjectURL(url); };
      img.src = url;
    });
  }

  /** The painted mask as a PNG: white = known, black = hole (painted). */
  function maskBlob() {
    const m = $('mask');
    const painted = m.getContext('2d').getImageData(0, 0, m.width, m.height).data;
    const c = document.createElement('canvas');
    c.width = m.width; c.height = m.height;
    const cc = c.getContext('2d');
    const out = cc.createImageData(m.width, m.height);
    for (let i = 0; i < painted.length; i += 4) {
      const v = painted[i + 3] > 0 ? 0 : 255;
      out.data[i] = v; out.data[i + 1] = v; out.data[i + 2] = v; out.data[i + 3] = 255;
    }
    cc.putImageData(out, 0, 0);
    return new Promise(resolve => c.toBlob(resolve, 'image/png'));
  }

  async function start() {
    showError($('error'), '');
    if (!imageFile) { showError($('error'), 'choose an image first'); return; }
    const form = new FormData();
    form.append('image', imageFile, imageFile.name);
    const task = $('task').value;
    if (task.startsWith('super-resolve-')) {
      form.append('task', 'super-resolve');
      form.append('scale', task.substring('super-resolve-'.length));
    } else {
      form.append('task', task);
    }
    form.append('recipe', $('recipe').value);
    form.append('iterations', $('iterations').value);
    form.append('stop', $('stop').value);
    form.append('preset', $('preset').value);
    form.append('seed', $('seed').value);
    if ($('channels').value) { form.append('channels', $('channels').value); }
    const ref = $('reference').files[0];
    if (ref) { form.append('reference', ref, ref.name); }
    if (task === 'inpaint' && !$('stage').hidden) {
      form.append('mask', await maskBlob(), 'mask.png');
    } else if (task === 'inpaint' && $('mask-file').files[0]) {
      form.append('mask', $('mask-file').files[0], $('mask-file').files[0].name);
    }
    $('start').disabled = true;
    try {
      const res = await fetch('/api/jobs', { method: 'POST', body: form });
      const body = await res.json().catch(() => ({ error: 'the server answered ' + res.status }));
      if (!res.ok) { showError($('error'), body.error || ('the server answered ' + res.status)); return; }
      history.pushState(null, '', body.url);
      openJob(body.id);
      $('job').scrollIntoView();
      loadJobs();
    } catch (e) {
      showError($('error'), 'cannot reach the server: ' + e.message);
    } finally {
      $('start').disabled = false;
    }
  }

  // ---- a job ----------------------------------------------------------------------------------------------------
  function openJob(id) {
    if (events) { events.close(); }
    curve = [];
    $('job').hidden = false;
    $('job-id').textContent = id;
    $('view-input').src = '/api/jobs/' + id + '/images/input.png';
    $('view-output').removeAttribute('src');
    $('view-average').removeAttribute('src');
    $('downloads').hidden = true;
    showError($('job-error'), '');
    events = new EventSource('/api/jobs/' + id + '/events');
    events.addEventListener('state', e => {
      const job = JSON.parse(e.data);
      if (job.curve) { curve = job.curve; }
      renderJob(job);
      if (['done', 'stopped', 'failed', 'cancelled'].includes(job.state)) {
        events.close();
        loadJobs();
      }
    });
    events.addEventListener('progress', e => {
      const p = JSON.parse(e.data);
      const last = curve.length ? curve[curve.length - 1][0] : 0;
      for (const r of p.rows) { if (r[0] > last) { curve.push(r); } }
      renderProgress(id, p);
      updates++;
      $('updates').dataset.count = String(updates);
      $('updates').textContent = updates + ' progress updates received';
    });
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED) { return; }
    };
    $('stop-job').onclick = () => fetch('/api/jobs/' + id + '/stop', { method: 'POST' });
    fetch('/api/jobs/' + id).then(r => r.json().then(b => {
      if (!r.ok) { showError($('job-error'), b.error); $('job-state').textContent = 'unknown'; events.close(); }
    }));
  }

  function renderJob(job) {
    $('job-state').textContent = job.state + (job.position ? ' (position ' + job.position + ' in the queue)' : '');
    $('job-state').className = 'state ' + job.state;
    const o = job.options || {};
    $('job-summary').textContent = (job.label || job.task || '') + ' of ' + (job.input || '') + ', ' + job.width + '×' + job.height
      + (job.outputWidth && job.outputWidth !== job.width ? ' → ' + job.outputWidth + '×' + job.outputHeight : '')
      + (o.recipe ? ' · recipe ' + o.recipe : '') + ' · ' + o.iterations + ' iterations' + (o.stop === 'auto' ? ' at most (automatic stop)' : '') + ' · net ' + o.preset
      + ' · seed ' + o.seed;
    renderProgress(job.id, job);
    const finished = ['done', 'stopped', 'failed', 'cancelled'].includes(job.state);
    $('stop-job').hidden = finished;
    if (job.error) { showError($('job-error'), job.error); }
    if (finished && (job.files || []).includes('output.png')) {
      const base = '/api/jobs/' + job.id + '/files/';
      $('view-output').src = base + 'output.png?view=inline';
      $('view-average').src = base + 'average.png?view=inline';
      $('dl-output').href = base + 'output.png';
      $('dl-average').href = base + 'average.png';
      $('dl-report').href = base + 'report.html';
      $('dl-json').href = base + 'output.json';
      $('downloads').hidden = false;
    }
    if (job.result && job.result.psnrOutput !== undefined) {
      $('job-summary').textContent += ' · PSNR output ' + job.result.psnrOutput.toFixed(2) + ' dB, average '
        + job.result.psnrAverage.toFixed(2) + ' dB';
    }
    drawCurve();
  }

  function renderProgress(id, p) {
    const k = p.iteration || 0, n = p.iterations || 1;
    $('job-bar').max = n;
    $('job-bar').value = k;
    let text = 'iteration ' + k + ' / ' + n;
    const ended = p.state && p.state !== 'running' && p.state !== 'queued';
    if (p.eta !== undefined && p.eta !== null && !ended) { text += ' · ETA ' + duration(p.eta); }
    if (p.seconds) { text += ' · ' + duration(p.seconds) + (ended ? ' in all' : ' so far'); }
    $('job-progress').textContent = text;
    if (p.preview && p.preview !== renderProgress.shown) {
      renderProgress.shown = p.preview;
      $('view-output').src = '/api/jobs/' + id + '/live/output.png?v=' + p.preview;
      $('view-average').src = '/api/jobs/' + id + '/live/average.png?v=' + p.preview;
    }
    drawCurve();
  }

  function duration(s) {
    s = Math.round(s);
    return s >= 3600 ? Math.floor(s / 3600) + ' h ' + Math.floor(s % 3600 / 60) + ' min'
      : s >= 60 ? Math.floor(s / 60) + ' min ' + (s % 60) + ' s' : s + ' s';
  }

  /** Loss (log scale, blue) and, with a reference, PSNR of output and average (right axis, red and orange). */
  function drawCurve() {
    const c = $('curve'), g = c.getContext('2d');
    const W = c.width, H = c.height, L = 60, R = 60, T = 12, B = 28;
    g.clearRect(0, 0, W, H);
    g.font = '11px sans-serif';
    g.strokeStyle = '#ccc';
    g.strokeRect(L, T, W - L - R, H - T - B);
    if (curve.length === 0) { return; }
    const n = curve[curve.length - 1][0] || 1;
    const x = it => L + (W - L - R) * it / n;
    const losses = curve.map(r => r[1]).filter(v => v > 0);
    if (losses.length) {
      const lo = Math.log10(Math.min(...losses)), hi = Math.log10(Math.max(...losses)) + 1e-9;
      const y = v => T + (H - T - B) * (1 - (Math.log10(v) - lo) / (hi - lo || 1));
      line(g, curve.filter(r => r[1] > 0).map(r => [x(r[0]), y(r[1])]), '#1f77b4');
      g.fillStyle = '#1f77b4';
      g.fillText(Math.pow(10, hi).toExponential(1), 4, T + 8);
      g.fillText(Math.pow(10, lo).toExponential(1), 4, H - B);
      g.fillText('loss', 4, H / 2);
    }
    const ps = curve.flatMap(r => [r[2], r[3]]).filter(v => v !== null && v !== undefined);
    if (ps.length) {
      const lo = Math.min(...ps), hi = Math.max(...ps) + 1e-9;
      const y = v => T + (H - T - B) * (1 - (v - lo) / (hi - lo || 1));
      line(g, curve.filter(r => r[2] !== null).map(r => [x(r[0]), y(r[2])]), '#d62728');
      line(g, curve.filter(r => r[3] !== null).map(r => [x(r[0]), y(r[3])]), '#ff7f0e');
      g.fillStyle = '#d62728';
      g.fillText(hi.toFixed(1) + ' dB', W - R + 4, T + 8);
      g.fillText(lo.toFixed(1) + ' dB', W - R + 4, H - B);
      g.fillText('PSNR', W - R + 4, H / 2);
    }
    g.fillStyle = '#444';
    g.fillText('iteration ' + n, W - R - 70, H - 8);
  }

  function line(g, pts, colour) {
    if (!pts.length) { return; }
    g.strokeStyle = colour;
    g.lineWidth = 1.5;
    g.beginPath();
    pts.forEach((p, i) => (i ? g.lineTo(p[0], p[1]) : g.moveTo(p[0], p[1])));
    g.stroke();
  }

  async function loadJobs() {
    const res = await fetch('/api/jobs');
    if (!res.ok) { return; }
    const list = await res.json();
    const ul = $('jobs');
    ul.textContent = '';
    for (const j of list.slice(0, 30)) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = j.url;
      a.textContent = (j.label || j.task) + ' of ' + j.input;
      a.addEventListener('click', e => { e.preventDefault(); history.pushState(null, '', j.url); openJob(j.id); });
      li.append(a, ' — ' + j.state + (j.position ? ' (position ' + j.position + ')' : '') + ', ' + new Date(j.created).toLocaleString());
      ul.append(li);
    }
  }

  function route() {
    const m = location.pathname.match(/^\/jobs\/([A-Za-z0-9_-]+)$/);
    if (m) { openJob(m[1]); } else { $('job').hidden = true; if (events) { events.close(); } }
  }

  async function init() {
    config = await (await fetch('/api/config')).json();
    for (const p of config.presets) {
      const o = document.createElement('option');
      o.value = p; o.textContent = p;
      $('preset').append(o);
    }
    $('task').addEventListener('change', applyDefaults);
    $('recipe').addEventListener('change', applyDefaults);
    applyDefaults();
    $('image').addEventListener('change', () => chooseImage($('image').files[0]));
    const drop = $('drop');
    drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', e => {
      e.preventDefault();
      drop.classList.remove('over');
      if (e.dataTransfer.files[0]) { chooseImage(e.dataTransfer.files[0]); }
    });
    setupPainting();
    $('start').addEventListener('click', start);
    window.addEventListener('popstate', route);
    route();
    loadJobs();
    document.body.dataset.ready = 'true';
  }

  init();
})();
