// slimage measure --format html: the image size after each step (the Dockerfile as written,
// then one fix more per step) as a bar chart, the steps' table, what was left undone and the
// diff of the step that saved the most.
'use strict';

(() => {
  const S = Slimage;
  const { el } = S;
  const report = S.data('slimage-report');
  if (!report || !Array.isArray(report.steps)) return S.fail('This report has no measure data.');
  document.title = `slimage measure: ${S.escapeText(report.dockerfile || '')}`;
  const steps = report.steps;
  const total = report.total || {};

  const stepName = (step) => (step.rules && step.rules.length ? `+${step.rules.map(S.escapeText).join(', ')}` : 'as written');

  // Bars of the size per step; the compressed size as a narrower bar inside; a failed smoke
  // run hatched and named, so it does not rest on colour alone.
  function chart() {
    const width = 960;
    const height = 320;
    const margin = { top: 24, right: 16, bottom: 56, left: 80 };
    const plotW = width - margin.left - margin.right;
    const plotH = height - margin.top - margin.bottom;
    const max = Math.max(1, ...steps.map((s) => Number(s.size) || 0));
    const root = S.svg('svg', { class: 'bars', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
      'aria-label': `image size per step, from ${S.formatSize(total.size_before)} to ${S.formatSize(total.size_after)}` });
    const defs = S.svg('defs', {});
    const hatch = S.svg('pattern', { id: 'failed', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    hatch.append(S.svg('rect', { width: 6, height: 6, fill: '#D55E00' }), S.svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#ffffff', 'stroke-width': 2 }));
    defs.append(hatch);
    root.append(defs);
    for (let i = 0; i <= 4; i += 1) {
      const y = margin.top + plotH - (plotH * i) / 4;
      root.append(S.svg('line', { x1: margin.left, x2: width - margin.right, y1: y, y2: y, class: 'grid' }));
      const label = S.svg('text', { x: margin.left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' });
      label.textContent = S.formatSize(Math.round((max * i) / 4));
      root.append(label);
    }
    const slot = plotW / Math.max(1, steps.length);
    const barW = Math.min(80, slot * 0.7);
    steps.forEach((step, i) => {
      const x = margin.left + slot * i + (slot - barW) / 2;
      const h = (plotH * (Number(step.size) || 0)) / max;
      const failed = step.smoke === 'failed';
      const bar = S.svg('rect', { class: 'bar' + (failed ? ' failed' : ''), x, y: margin.top + plotH - h, width: barW, height: h,
        fill: failed ? 'url(#failed)' : '#0072B2', 'data-step': step.step, 'data-value': step.size, tabindex: 0 });
      const title = S.svg('title', {});
      title.textContent = `step ${step.step} (${stepName(step)}): ${S.formatSize(step.size)}, ${S.formatSize(step.compressed_size)} compressed, ` +
        `${step.layers} layers, ${S.formatDelta(step.delta)}; smoke ${step.smoke}`;
      bar.append(title);
      const ch = (plotH * (Number(step.compressed_size) || 0)) / max;
      const inner = S.svg('rect', { class: 'bar-compressed', x: x + barW * 0.3, y: margin.top + plotH - ch, width: barW * 0.4, height: ch, fill: '#56B4E9' });
      const value = S.svg('text', { x: x + barW / 2, y: margin.top + plotH - h - 6, class: 'value', 'text-anchor': 'middle' });
      value.textContent = S.formatSize(step.size);
      const label = S.svg('text', { x: x + barW / 2, y: height - margin.bottom + 16, class: 'axis', 'text-anchor': 'middle' });
      label.textContent = `#${step.step}${failed ? ' smoke failed' : ''}`;
      const rules = S.svg('text', { x: x + barW / 2, y: height - margin.bottom + 32, class: 'axis', 'text-anchor': 'middle' });
      rules.textContent = stepName(step).slice(0, 24);
      root.append(bar, inner, value, label, rules);
    });
    return root;
  }

  const header = el('header', {},
    el('h1', {}, 'slimage measure ', el('span', { class: 'source' }, S.escapeText(report.dockerfile || ''))),
    el('p', { class: 'meta' }, `builder ${S.escapeText(report.builder || '-')}, smoke ${report.smoke ? S.escapeText(report.smoke) : "the image's own command"}`),
    S.totals([
      { key: 'size_before', label: 'as written', value: total.size_before, text: S.formatSize(total.size_before), title: `${total.size_before} bytes` },
      { key: 'size_after', label: 'after the fixes', value: total.size_after, text: S.formatSize(total.size_after), title: `${total.size_after} bytes` },
      { key: 'saved', label: 'saved', value: total.saved, text: S.formatSize(total.saved), title: `${total.saved} bytes` },
      { key: 'saved_percent', label: 'saved %', value: total.saved_percent, text: `${(Number(total.saved_percent) || 0).toFixed(1)}%` },
    ]));

  const table = S.table(null, [{ title: 'step' }, { title: 'fix' }, { title: 'size', num: true }, { title: 'compressed', num: true },
    { title: 'layers', num: true }, { title: 'delta', num: true }, { title: 'smoke' }, { title: 'image' }], steps.map((step) => {
    const cells = [`#${step.step}`, stepName(step), S.sizeCell(step.size), S.sizeCell(step.compressed_size),
      el('td', { class: 'num' }, String(step.layers)), S.sizeCell(step.delta, true),
      el('td', { class: `smoke ${step.smoke}`, title: S.escapeText(step.smoke_output || '') }, step.smoke),
      el('td', { class: 'digest' }, S.escapeText(step.image || '').slice(0, 19))];
    cells.row = { 'data-step': step.step, class: step.smoke === 'failed' ? 'failed' : null };
    return cells;
  }), { class: 'steps' });

  const notApplied = report.not_applied || [];
  const undone = notApplied.length === 0 ? el('p', {}, 'Nothing left that a fix could not do.') : S.table(null,
    [{ title: 'rule' }, { title: 'what' }, { title: 'bytes in the last image', num: true }],
    notApplied.map((row) => [row.rule, el('td', { class: 'message' }, S.escapeText(row.message || '')), S.sizeCell(row.bytes || 0)]));

  const parts = [header, S.section('Size per step', 'chart', chart(),
    S.legend([{ colour: '#0072B2', label: 'size' }, { colour: '#56B4E9', label: 'compressed' }, { colour: '#D55E00', label: 'smoke run failed (hatched)' }])),
  S.section('Steps', 'steps', table), S.section('Not applied', 'not-applied', undone)];
  const largest = report.largest_step_diff;
  if (largest && largest.delta) {
    const paths = (largest.paths || []).map((row) => [el('td', { class: 'path' }, S.escapeText(row.path)), row.kind || row.status,
      S.sizeCell(row.a_size), S.sizeCell(row.b_size), S.sizeCell(row.delta, true)]);
    parts.push(S.section('The step that saved the most', 'largest',
      el('p', {}, `size ${S.formatDelta(largest.delta.size)}, compressed ${S.formatDelta(largest.delta.compressed_size)}, files ${largest.delta.files}`),
      paths.length ? S.table(null, [{ title: 'path' }, { title: 'change' }, { title: 'before', num: true }, { title: 'after', num: true }, { title: 'delta', num: true }], paths) : null));
  }
  const app = document.getElementById('app');
  app.replaceChildren(...parts);
  S.paintSwatches(app);
})();
