// slimage analyze --format html: totals, treemap of the final filesystem by layer, the layer
// list (selecting one highlights what it added and lists what of it was wasted), the wasted
// paths and the findings, each linked to its layers.
'use strict';

(() => {
  const S = Slimage;
  const { el } = S;
  const report = S.data('slimage-report');
  const tree = S.data('slimage-tree');
  if (!report || !tree) return S.fail('This report has no data.');
  const image = report.image;
  const history = report.layers;  // every history entry; the tree's groups are their indexes
  const breakdown = new Map(tree.layers.map((layer) => [layer.index, layer]));
  document.title = `slimage analyze: ${S.show(image, 'source')}`;

  let treemap = null;
  let selected = null;
  const layerButtons = new Map();
  const detail = el('div', { class: 'layer-detail', id: 'layer-detail', 'aria-live': 'polite' });

  function instruction(index) {
    const entry = history[index];
    return entry ? S.show(entry, 'created_by') : '';
  }

  // A button that selects layer `index` (from the findings and the wasted paths).
  function layerLink(index) {
    if (index === undefined || index === null) return '';
    return el('button', { type: 'button', class: 'layer-link', 'data-layer': index, title: instruction(index),
      onclick: () => select(index, true) },
    el('span', { class: 'swatch', 'aria-hidden': 'true', 'data-colour': S.layerColour(index) }), `#${index}`);
  }

  function select(index, scroll) {
    selected = selected === index ? null : index;
    for (const [i, button] of layerButtons) button.setAttribute('aria-pressed', String(i === selected));
    treemap.setHighlight(selected === null ? null : (node) => node.g === selected);
    drawDetail();
    if (scroll && selected !== null) layerButtons.get(selected).scrollIntoView({ block: 'nearest' });
  }

  function wastedTable(paths, caption) {
    return S.table(caption, [{ title: 'path' }, { title: 'wasted', num: true }, { title: 'written by' },
      { title: 'how' }, { title: 'hidden by' }], paths.map((p) => [
      el('td', { class: 'path' }, S.show(p, 'path') + (p.directory ? '/' : '')), S.sizeCell(p.bytes),
      el('td', {}, layerLink(p.written_by)), p.how, el('td', {}, layerLink(p.hidden_by))]));
  }

  function drawDetail() {
    if (selected === null) {
      detail.replaceChildren(el('p', { class: 'hint' }, 'Select a layer to highlight the files it wrote that are still in the image, and to list what it wrote that a later layer hid.'));
      return;
    }
    const layer = breakdown.get(selected);
    const parts = [el('h3', {}, `Layer #${selected}`), el('p', { class: 'instruction' }, instruction(selected))];
    parts.push(el('p', {}, `Still visible: ${layer.visible_files} files, ${S.formatSize(layer.visible_bytes)} (highlighted in the treemap). ` +
      `Wasted: ${layer.wasted_files} files, ${S.formatSize(layer.wasted_bytes)} overwritten or deleted later.`));
    if (layer.wasted.length) parts.push(wastedTable(layer.wasted, `largest wasted paths written by #${selected}`));
    detail.replaceChildren(...parts);
    S.paintSwatches(detail);
  }

  function describe(node) {
    const lines = [];
    if (node.c) lines.push(`${S.formatSize(node.s)} in ${node.f} files`);
    else {
      lines.push(S.formatSize(node.s) + (node.k !== undefined ? ` in ${node.k} files below ${S.formatSize(tree.threshold)}` : ''));
      lines.push(`layer #${node.g}: ${instruction(node.g)}`);
    }
    return lines;
  }

  const header = el('header', {},
    el('h1', {}, 'slimage analyze ', el('span', { class: 'source' }, S.show(image, 'source'))),
    el('p', { class: 'meta' }, `${S.show(image, 'digest')} ${S.show(image, 'os')}/${S.show(image, 'architecture')}`),
    S.totals([
      { key: 'size', label: 'size', value: image.size, text: S.formatSize(image.size), title: `${image.size} bytes` },
      { key: 'compressed_size', label: 'compressed', value: image.compressed_size, text: S.formatSize(image.compressed_size), title: `${image.compressed_size} bytes` },
      { key: 'final_size', label: 'final filesystem', value: image.final_size, text: S.formatSize(image.final_size), title: `${image.final_size} bytes` },
      { key: 'wasted', label: 'wasted', value: image.wasted, text: S.formatSize(image.wasted), title: `${image.wasted} bytes` },
      { key: 'efficiency', label: 'efficiency', value: image.efficiency, text: S.formatPercent(image.efficiency) },
      { key: 'files', label: 'files', value: image.files, text: String(image.files) },
      { key: 'has_shell', label: 'shell', value: image.has_shell, text: image.has_shell ? 'yes (/bin/sh)' : 'none' },
    ]));

  const severityOrder = { error: 0, warning: 1, info: 2, style: 3 };
  const findings = [...report.findings].sort((a, b) => (severityOrder[a.severity] ?? 9) - (severityOrder[b.severity] ?? 9));
  const findingList = findings.length === 0 ? el('p', {}, 'No findings.') : el('ul', { class: 'findings' },
    findings.map((f) => el('li', { class: `finding ${f.severity}` },
      el('span', { class: `severity ${f.severity}` }, f.severity), ' ', el('strong', {}, f.rule), ' ',
      f.layer !== undefined ? layerLink(f.layer) : null, ' ',
      el('span', { class: 'message' }, S.show(f, 'message')),
      f.bytes > 0 ? el('span', { class: 'bytes', title: `${f.bytes} bytes` }, ` (${S.formatSize(f.bytes)})`) : null,
      f.details && f.details.length ? el('ul', { class: 'details' }, f.details.map((d, i) => el('li', {},
        f.details_base64 ? S.escapeBytes(f.details_base64[i]) : S.escapeText(d)))) : null)));

  const layerRows = history.map((entry) => {
    const index = entry.index;
    const info = breakdown.get(index);
    let first;
    if (entry.empty_layer) {
      first = el('td', {}, el('span', { class: 'empty-layer' }, `#${index}`));
    } else {
      const button = el('button', { type: 'button', class: 'layer-button', 'aria-pressed': 'false', 'data-layer': index,
        onclick: () => select(index, false) },
      el('span', { class: 'swatch', 'aria-hidden': 'true', 'data-colour': S.layerColour(index) }), `#${index}`);
      layerButtons.set(index, button);
      first = el('td', {}, button);
    }
    const none = () => el('td', { class: 'num' }, '-');
    const cells = [first, S.sizeCell(entry.size), entry.empty_layer ? none() : S.sizeCell(entry.compressed_size),
      entry.empty_layer ? none() : S.sizeCell(entry.wasted), info ? el('td', { class: 'num' }, String(info.visible_files)) : none(),
      el('td', { class: 'instruction', title: S.show(entry, 'created_by') }, S.show(entry, 'created_by'))];
    cells.row = { class: entry.empty_layer ? 'empty' : null, 'data-layer': index };
    return cells;
  });

  const app = document.getElementById('app');
  const mapSection = S.section('Final filesystem', 'treemap',
    el('p', { class: 'hint' }, `Area is bytes, colour the layer that wrote the file. Click a directory (or Tab to it and press Enter) to zoom in; the path above or Escape zooms out. Files below ${S.formatSize(tree.threshold)} are drawn as one "N small files" block per directory and layer.`));
  app.replaceChildren(header, mapSection,
    S.section('Layers', 'layers', S.table(null, [{ title: 'layer' }, { title: 'size', num: true },
      { title: 'compressed', num: true }, { title: 'wasted', num: true }, { title: 'files left', num: true },
      { title: 'created by' }], layerRows, { class: 'layers' }), detail),
    S.section('Wasted paths', 'wasted', tree.top_wasted.length ? wastedTable(tree.top_wasted, null) : el('p', {}, 'Nothing wasted.')),
    S.section(`Findings (${report.findings.length})`, 'findings', findingList));
  treemap = new S.Treemap(mapSection, tree, {
    label: 'treemap of the final filesystem',
    colour: (node) => S.layerColour(node.g),
    describe,
  });
  drawDetail();
  S.paintSwatches(app);
})();
