// slimage diff --format html: totals of both images, a treemap of b coloured by how each file
// changed (files only a had drawn as hatched ghosts), the layers, paths, packages and findings.
'use strict';

(() => {
  const S = Slimage;
  const { el } = S;
  const report = S.data('slimage-report');
  const tree = S.data('slimage-tree');
  if (!report || !tree) return S.fail('This report has no data.');
  document.title = `slimage diff: ${S.show(report.a, 'source')} → ${S.show(report.b, 'source')}`;

  // The groups of diff/delta_tree.h (DeltaKind), each with a colour-blind-safe colour and a word.
  const kinds = [
    { name: 'same', label: 'unchanged', colour: '#D9D9D9' },
    { name: 'added', label: 'added', colour: '#0072B2' },
    { name: 'grown', label: 'grown', colour: '#E69F00' },
    { name: 'shrunk', label: 'shrunk', colour: '#009E73' },
    { name: 'modified', label: 'same size, other bytes', colour: '#CC79A7' },
    { name: 'removed', label: 'removed (only in a: a ghost)', colour: 'url(#ghost)', ghost: true },
  ];

  function defs() {
    const d = S.svg('defs', {});
    const pattern = S.svg('pattern', { id: 'ghost', width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    pattern.append(S.svg('rect', { width: 8, height: 8, fill: '#ffffff' }), S.svg('line', { x1: 0, y1: 0, x2: 0, y2: 8, stroke: '#9a9a9a', 'stroke-width': 3 }));
    d.append(pattern);
    return d;
  }

  function describe(node) {
    const kind = kinds[node.g];
    const lines = [];
    if (node.c) lines.push(`${S.formatSize(node.s)} drawn, ${node.f} files, net ${S.formatDelta(node.d)}`);
    else {
      const count = node.k !== undefined ? ` (${node.k} files below ${S.formatSize(tree.threshold)})` : '';
      if (kind.name === 'removed') lines.push(`removed: ${S.formatSize(node.s)} in a${count}`);
      else lines.push(`${S.formatSize(node.s)}${count}, ${kind.label} ${node.d ? S.formatDelta(node.d) : ''}`);
    }
    return lines;
  }

  function change(key, label, delta) {
    const a = report.a[key];
    const b = report.b[key];
    const isSize = key !== 'files' && key !== 'efficiency';
    const format = key === 'efficiency' ? S.formatPercent : isSize ? S.formatSize : String;
    const deltaText = key === 'efficiency' ? `${delta >= 0 ? '+' : '−'}${(100 * Math.abs(delta)).toFixed(2)} pt`
      : isSize ? S.formatDelta(delta) : `${delta >= 0 ? '+' : '−'}${Math.abs(delta)}`;
    return { key, label, value: delta, text: `${format(a)} → ${format(b)} (${deltaText})` };
  }

  const header = el('header', {},
    el('h1', {}, 'slimage diff'),
    el('p', { class: 'meta' }, el('strong', {}, 'a '), el('span', { class: 'source' }, S.show(report.a, 'source')),
      el('strong', {}, '  b '), el('span', { class: 'source' }, S.show(report.b, 'source'))),
    S.totals([
      change('size', 'size', report.delta.size), change('compressed_size', 'compressed', report.delta.compressed_size),
      change('final_size', 'final filesystem', report.delta.final_size), change('wasted', 'wasted', report.delta.wasted),
      change('efficiency', 'efficiency', report.delta.efficiency), change('files', 'files', report.delta.files),
    ]));

  const indexText = (i) => (i === null || i === undefined ? '-' : `#${i}`);
  const layers = S.table(null, [{ title: 'status' }, { title: 'a' }, { title: 'b' }, { title: 'size', num: true },
    { title: 'delta', num: true }, { title: 'created by' }], report.layers.map((row) => {
    const cells = [el('td', { class: `status ${row.status}` }, row.status), indexText(row.a_index), indexText(row.b_index),
      S.sizeCell(row.size), S.sizeCell(row.delta, true), el('td', { class: 'instruction' }, S.escapeText(row.created_by))];
    cells.row = { class: row.status };
    return cells;
  }), { class: 'layers' });

  const paths = report.paths.length === 0 ? el('p', {}, 'No path changed.') : S.table(null, [{ title: 'path' },
    { title: 'change' }, { title: 'a', num: true }, { title: 'b', num: true }, { title: 'delta', num: true }],
  report.paths.map((row) => [el('td', { class: 'path' }, S.escapeText(row.path)), row.kind, S.sizeCell(row.a_size),
    S.sizeCell(row.b_size), S.sizeCell(row.delta, true)]));

  const version = (v) => (v === null || v === undefined ? '-' : S.escapeText(v));
  const packages = report.packages.length === 0 ? el('p', {}, 'No package changed.') : S.table(null, [
    { title: 'manager' }, { title: 'package' }, { title: 'status' }, { title: 'a version' }, { title: 'b version' },
    { title: 'a size', num: true }, { title: 'b size', num: true }], report.packages.map((row) => [
    row.manager, S.escapeText(row.name), el('td', { class: `status ${row.status}` }, row.status), version(row.a_version),
    version(row.b_version), S.sizeCell(row.a_size), S.sizeCell(row.b_size)]), { class: 'packages' });

  function findingList(list, side) {
    if (list.length === 0) return el('p', {}, `None ${side}.`);
    return el('ul', { class: 'findings' }, list.map((f) => el('li', { class: `finding ${f.severity}` },
      el('span', { class: `severity ${f.severity}` }, f.severity), ' ', el('strong', {}, f.rule), ' ',
      f.layer !== undefined ? `layer #${f.layer} ` : '', el('span', { class: 'message' }, S.show(f, 'message')))));
  }

  const app = document.getElementById('app');
  const mapSection = S.section('Image b, by change', 'treemap',
    el('p', { class: 'hint' }, `Area is bytes (b's size; a's for removed files), colour how the file changed. Click a directory (or Tab and Enter) to zoom in; the path above or Escape zooms out. Files below ${S.formatSize(tree.threshold)} are one "N small files" block per directory and kind of change.`),
    S.legend(kinds.map((k) => ({ colour: k.ghost ? '#ffffff' : k.colour, label: k.label, ghost: k.ghost }))));
  app.replaceChildren(header, mapSection,
    S.section('Layers', 'layers', layers),
    S.section('Largest path changes', 'paths', paths),
    S.section('Packages', 'packages', packages),
    S.section('Findings', 'findings', el('h3', {}, 'appeared in b'), findingList(report.findings.added, 'appeared'),
      el('h3', {}, 'gone from a'), findingList(report.findings.removed, 'went away')));
  new S.Treemap(mapSection, tree, {
    label: 'treemap of image b by change',
    colour: (node) => kinds[node.g].colour,
    describe,
    defs,
  });
  S.paintSwatches(app);
})();
