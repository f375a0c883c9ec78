// Building DOM safely: every piece of text goes in as a text node, never as HTML, so data
// from the server (tickers, messages) can never become markup.

/**
 * `h('a', {href: '#/x', class: 'c'}, 'text', child)`. Props starting with `on` add event
 * listeners; `dataset` sets data-* attributes; false/null/undefined props are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** Replace everything inside `element`. */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/**
 * A table with a header row. `rows` are arrays of cells, or {class, cells}; a cell is text, a
 * node, or {text, value, key, class} (value and key become data-value and data-key).
 */
export function table(caption, headers, rows, options = {}) {
  const cell = (tag, content) => {
    if (content !== null && typeof content === 'object' && !(content instanceof Node) && 'text' in content) {
      const dataset = {};
      if (content.value !== undefined) dataset.value = String(content.value);
      if (content.key !== undefined) dataset.key = content.key;
      return h(tag, { class: content.class, dataset }, content.text);
    }
    return h(tag, {}, content);
  };
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: options.class },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((header) => h('th', { scope: 'col' }, header)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { class: row.class },
            (row.cells ?? row).map((content) => cell('td', content)),
          ),
        ),
      ),
    ),
  );
}
