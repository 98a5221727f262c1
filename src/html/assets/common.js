// slimage HTML report: what the three views share: reading the embedded documents, sizes and
// names as the text output writes them, DOM building, tables and the zoomable treemap.
// Every text from the image is set with textContent or as an attribute value, never as HTML,
// so a file named like a closing script tag stays a name (docs/html-report.md, "Escaping").
'use strict';

const Slimage = (() => {
  const SVG = 'http://www.w3.org/2000/svg';

  function data(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  // util/size.cc FormatSize: "999 B", "1.0 kB", "12.3 MB" (SI, one decimal, integer rounding).
  function formatSize(bytes) {
    const value = Math.abs(Number(bytes) || 0);
    if (value < 1000) return `${value} B`;
    const names = ['kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
    let divisor = 1000;
    let index = 0;
    while (index + 1 < names.length && Math.floor(value / divisor) >= 1000) {
      divisor *= 1000;
      index += 1;
    }
    let tenths = Math.floor((value * 10 + divisor / 2) / divisor);
    if (tenths >= 10000 && index + 1 < names.length) {
      divisor *= 1000;
      index += 1;
      tenths = Math.floor((value * 10 + divisor / 2) / divisor);
    }
    return `${Math.floor(tenths / 10)}.${tenths % 10} ${names[index]}`;
  }

  function formatDelta(bytes) {
    const value = Number(bytes) || 0;
    if (value === 0) return '±0 B';
    return (value > 0 ? '+' : '−') + formatSize(Math.abs(value));
  }

  function formatPercent(fraction) {
    return `${(100 * (Number(fraction) || 0)).toFixed(2)}%`;
  }

  // Control characters, bidi controls and invalid bytes shown as escapes, as util/display_escape
  // does for the terminal: a newline in a name must not start a forged line here either.
  function escapeText(text) {
    let out = '';
    for (const ch of String(text)) {
      const code = ch.codePointAt(0);
      if (ch === '\n') out += '\\n';
      else if (ch === '\t') out += '\\t';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\\') out += '\\\\';
      else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
      else if ((code >= 0x80 && code <= 0x9f) || code === 0x61c || code === 0x200e || code === 0x200f ||
               (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
        out += '\\u' + code.toString(16).padStart(4, '0');
      } else out += ch;
    }
    return out;
  }

  // The exact bytes of a name that is not UTF-8 (its "<key>_base64" sibling), invalid bytes as \xNN.
  function escapeBytes(base64) {
    const binary = atob(base64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let out = '';
    let i = 0;
    while (i < bytes.length) {
      const lead = bytes[i];
      const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3
        : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
      let text = null;
      if (length > 0 && i + length <= bytes.length) {
        try { text = decoder.decode(bytes.subarray(i, i + length)); } catch (e) { text = null; }
      }
      if (text === null) {
        out += '\\x' + lead.toString(16).padStart(2, '0');
        i += 1;
      } else {
        out += escapeText(text);
        i += length;
      }
    }
    return out;
  }

  // A text field of the JSON documents shown safely: the exact bytes when they are not UTF-8.
  function show(object, key) {
    if (!object) return '';
    const base64 = object[key + '_base64'];
    if (typeof base64 === 'string') return escapeBytes(base64);
    const value = object[key];
    return value === undefined || value === null ? '' : escapeText(value);
  }

  // el('td', {class: 'num', title: '…'}, 'text', child…): text children become text nodes.
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    setAttributes(element, attributes);
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  function svg(tag, attributes) {
    const element = document.createElementNS(SVG, tag);
    setAttributes(element, attributes);
    return element;
  }

  function setAttributes(element, attributes) {
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? '' : String(value));
    }
  }

  function section(title, id, ...children) {
    return el('section', { id, 'aria-labelledby': `${id}-title` }, el('h2', { id: `${id}-title` }, title), ...children);
  }

  // A size cell: the human figure, the exact byte count in its title and data-value.
  function sizeCell(bytes, delta) {
    return el('td', { class: 'num', title: `${bytes} bytes`, 'data-value': bytes },
      delta ? formatDelta(bytes) : formatSize(bytes));
  }

  // columns: [{title, num}]; rows: arrays of cells (Nodes or texts).
  function table(caption, columns, rows, attributes) {
    const head = el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null }, c.title)));
    const body = rows.map((cells) => {
      const row = cells.row || {};
      return el('tr', row, cells.map((cell) => (cell instanceof Node && cell.tagName === 'TD' ? cell : el('td', {}, cell))));
    });
    return el('div', { class: 'table-wrap' },
      el('table', attributes || {}, caption ? el('caption', {}, caption) : null, el('thead', {}, head), el('tbody', {}, body)));
  }

  function totals(items) {
    return el('dl', { class: 'totals' }, items.map((item) => el('div', { class: 'total' },
      el('dt', {}, item.label),
      el('dd', { 'data-total': item.key, 'data-value': String(item.value), title: item.title || null }, item.text))));
  }

  // Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies; layers
  // past eight repeat it, with the layer number in every tooltip and the selection to tell.
  const kPalette = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];
  function layerColour(index) { return kPalette[((index % kPalette.length) + kPalette.length) % kPalette.length]; }

  function nodeName(node) {
    if (node.k !== undefined) return `${node.k} small file${node.k === 1 ? '' : 's'}`;
    return show(node, 'n');
  }

  function ancestorsOf(node) {
    return node.ancestors().reverse();
  }

  // The path of a hierarchy node: names from the root, "/" for the root itself.
  function pathOf(node) {
    const names = ancestorsOf(node).slice(1).map((n) => nodeName(n.data));
    return '/' + names.join('/');
  }

  // A treemap of payload.root (tree_json.h): d3.treemap lays out every file beneath the zoomed
  // directory without padding, so each file's area is its share of the directory's bytes; the
  // directories directly beneath are outlined, labelled, focusable and zoom in on click or Enter.
  class Treemap {
    constructor(container, payload, options) {
      this.options = options;
      this.root = d3.hierarchy(payload.root, (d) => d.c).sum((d) => (d.c ? 0 : d.s));
      this.focus = this.root;
      this.highlight = null;
      this.crumbs = el('nav', { class: 'breadcrumbs', 'aria-label': 'treemap path' });
      this.tooltip = el('div', { class: 'tooltip', role: 'status', hidden: true });
      this.svg = svg('svg', { class: 'treemap', role: 'group', tabindex: -1, 'aria-label': `${options.label}: Tab to a directory, Enter zooms in, Escape zooms out` });
      this.frame = el('div', { class: 'treemap-frame' }, this.svg, this.tooltip);
      container.append(this.crumbs, this.frame);
      this.frame.addEventListener('keydown', (event) => {
        if ((event.key === 'Escape' || event.key === 'Backspace') && this.focus.parent) {
          event.preventDefault();
          this.zoom(this.focus.parent, true);
        }
      });
      this.frame.addEventListener('mouseleave', () => { this.tooltip.hidden = true; });
      this.draw();
    }

    zoom(node, keyboard) {
      this.focus = node;
      this.draw();
      if (keyboard) {
        // the first directory, or the map itself, so that Escape keeps working
        (this.svg.querySelector('.dir') || this.svg).focus();
      }
    }

    setHighlight(predicate) {
      this.highlight = predicate;
      for (const rect of this.svg.querySelectorAll('rect.leaf')) this.applyHighlight(rect, rect.__node);
    }

    applyHighlight(rect, node) {
      rect.classList.toggle('hl', !!this.highlight && this.highlight(node.data));
      rect.classList.toggle('dim', !!this.highlight && !this.highlight(node.data));
    }

    draw() {
      const width = Math.max(320, Math.floor(this.frame.clientWidth || 960));
      const height = Math.max(300, Math.min(620, Math.round(width * 0.5)));
      this.width = width;
      this.height = height;
      this.svg.replaceChildren();
      this.svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
      this.svg.setAttribute('width', width);
      this.svg.setAttribute('height', height);
      this.svg.append(this.options.defs ? this.options.defs() : svg('defs', {}));
      const focus = d3.hierarchy(this.focus.data, (d) => d.c).sum((d) => (d.c ? 0 : d.s));
      d3.treemap().tile(d3.treemapSquarify).size([width, height]).round(false)(focus);
      const leaves = svg('g', { class: 'leaves' });
      const fileLabels = [];
      for (const leaf of focus.leaves()) {
        if (leaf === focus) continue;  // an empty directory: nothing to draw
        const rect = svg('rect', {
          class: 'leaf' + (leaf.data.k !== undefined ? ' aggregate' : ''),
          x: leaf.x0, y: leaf.y0, width: leaf.x1 - leaf.x0, height: leaf.y1 - leaf.y0,
          fill: this.options.colour(leaf.data), 'data-bytes': leaf.data.s, 'data-group': leaf.data.g,
        });
        rect.__node = leaf;
        this.applyHighlight(rect, leaf);
        rect.addEventListener('mousemove', (event) => this.showTip(leaf, event));
        rect.addEventListener('click', () => {
          const child = leaf.ancestors().find((n) => n.depth === 1);
          if (child && child.data.c) this.zoom(this.match(child), false);
        });
        leaves.append(rect);
        // big files are named at their bottom edge (the directory labels sit at the top)
        const w = leaf.x1 - leaf.x0;
        const h = leaf.y1 - leaf.y0;
        if (w > 90 && h > 40) {
          const text = svg('text', { x: leaf.x0 + 4, y: leaf.y1 - 6, class: 'label file-label' });
          text.textContent = `${nodeName(leaf.data)} ${formatSize(leaf.value)}`;
          fileLabels.push({ text, box: [leaf.x0, leaf.y0, w, h] });
        }
      }
      const outlines = svg('g', { class: 'outlines' });
      for (const child of focus.children || []) {
        const w = child.x1 - child.x0;
        const h = child.y1 - child.y0;
        const name = nodeName(child.data);
        if (child.data.c) {
          const label = `${name}/, ${formatSize(child.value)}, ${child.data.f} files: Enter zooms in`;
          const outline = svg('rect', {
            class: 'dir', x: child.x0, y: child.y0, width: w, height: h, tabindex: 0, role: 'button',
            'aria-label': label, 'data-name': name,
          });
          outline.addEventListener('click', () => this.zoom(this.match(child), false));
          outline.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              this.zoom(this.match(child), true);
            }
          });
          outline.addEventListener('focus', () => this.showTip(child, null));
          outline.addEventListener('blur', () => { this.tooltip.hidden = true; });
          outlines.append(outline);
        }
        if (w > 48 && h > 16) {
          const text = svg('text', { x: child.x0 + 4, y: child.y0 + 13, class: 'label' });
          text.textContent = `${name}${child.data.c ? '/' : ''} ${formatSize(child.value)}`;
          const clip = svg('clipPath', { id: `clip-${outlines.childElementCount}-${child.x0 | 0}-${child.y0 | 0}` });
          clip.append(svg('rect', { x: child.x0, y: child.y0, width: w, height: h }));
          outlines.append(clip);
          text.setAttribute('clip-path', `url(#${clip.id})`);
          outlines.append(text);
        }
      }
      const names = svg('g', { class: 'file-labels' });
      fileLabels.forEach(({ text, box }, i) => {
        const clip = svg('clipPath', { id: `file-clip-${i}` });
        clip.append(svg('rect', { x: box[0], y: box[1], width: box[2], height: box[3] }));
        text.setAttribute('clip-path', `url(#${clip.id})`);
        names.append(clip, text);
      });
      this.svg.append(leaves, names, outlines);
      this.drawCrumbs();
      if (this.options.onZoom) this.options.onZoom(this.focus);
    }

    // The node of the full tree that a node of the zoomed layout stands for.
    match(layoutNode) {
      return this.focus.children.find((c) => c.data === layoutNode.data) || this.focus;
    }

    drawCrumbs() {
      const path = ancestorsOf(this.focus);
      const items = path.map((node, i) => {
        const name = i === 0 ? '/' : nodeName(node.data);
        if (node === this.focus) return el('span', { class: 'crumb', 'aria-current': 'location' }, name);
        return el('button', { class: 'crumb', type: 'button', onclick: () => this.zoom(node, true) }, name);
      });
      const parts = [];
      items.forEach((item, i) => {
        if (i > 0) parts.push(el('span', { class: 'sep', 'aria-hidden': 'true' }, '›'));
        parts.push(item);
      });
      this.crumbs.replaceChildren(...parts, el('span', { class: 'crumb-size' }, ` ${formatSize(this.focus.value)}`));
    }

    showTip(node, event) {
      const lines = [pathOf(this.focus) === '/' ? pathOf(node) : pathOf(this.focus) + pathOf(node)];
      lines.push(...this.options.describe(node.data, node));
      this.tooltip.replaceChildren(...lines.map((line, i) => el('div', { class: i === 0 ? 'tip-path' : null }, line)));
      this.tooltip.hidden = false;
      const box = this.frame.getBoundingClientRect();
      const x = event ? event.clientX - box.left : (node.x0 + node.x1) / 2;
      const y = event ? event.clientY - box.top : (node.y0 + node.y1) / 2;
      this.tooltip.style.left = `${Math.min(x + 14, Math.max(0, box.width - 320))}px`;
      this.tooltip.style.top = `${y + 14}px`;
    }
  }

  function legend(items) {
    return el('ul', { class: 'legend' }, items.map((item) => el('li', {},
      el('span', { class: 'swatch' + (item.ghost ? ' ghost' : ''), 'aria-hidden': 'true', 'data-colour': item.colour }),
      item.label)));
  }

  // Swatch colours through the CSSOM: the page's CSP allows no inline style attribute.
  function paintSwatches(root) {
    for (const swatch of root.querySelectorAll('[data-colour]')) swatch.style.backgroundColor = swatch.dataset.colour;
  }

  function fail(message) {
    document.getElementById('app').replaceChildren(el('p', { class: 'error' }, message));
  }

  return {
    data, formatSize, formatDelta, formatPercent, escapeText, escapeBytes, show, el, svg, section, sizeCell,
    table, totals, layerColour, Treemap, legend, paintSwatches, pathOf, nodeName, fail,
  };
})();
