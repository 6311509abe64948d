(() => {
  // Lists of records that are not tables (a directory of people as cards, search results, products): each item's
  // values named by what the page says of them, so a list reads as a table of headers and rows.
  // Names, in order: a dt for its dd ("Email" | "a@b.c", visually hidden or not); "Label: value" in one element,
  // or a short "Label:" element before its value; the item's first heading is its "Name" (a heading made of
  // separate pieces, a name then a status badge, is named by its first piece); a mailto: link is "Email" and a
  // tel: link "Phone"; text that is always one of the options of a labelled select (a filter) takes its label.
  // Any other text is a column too, "Text 1", "Text 2"..., told apart by where it sits in its item, so the same
  // place in every item is the same column.
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const SKIP = 'button, input, select, textarea, svg, img, picture, video, script, style, template, noscript, ' +
    '[aria-hidden=true], [hidden], [role=button]';
  const HEADING = 'h1, h2, h3, h4, h5, h6, [role=heading]';
  const MAX_ITEMS_SCAN = 100000;
  const shown = (el) => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility !== 'visible') return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const ownText = (el) => Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
  const headingText = (h) => {
    if (!ownText(h)) {
      const pieces = Array.from(h.children).filter((c) => !c.matches(SKIP) && norm(c.innerText));
      if (pieces.length >= 2) return norm(pieces[0].innerText);
    }
    return norm(h.innerText);
  };
  // Where an element sits in its item: the tags and first class names from the item down.
  const place = (item, el) => {
    const steps = [];
    for (let n = el; n && n !== item; n = n.parentElement) steps.push(n.tagName + '.' + (n.classList[0] || ''));
    return steps.reverse().join('>');
  };
  const LABEL = /^([^:]{1,40}):\s+(\S.*)$/;
  const shortLabel = (text) => text.split(' ').length <= 4;

  // [key, header, value] for each value of one item; header '' for text the page does not name.
  const fieldsOf = (item) => {
    const out = [];
    const used = new Set();
    const inUsed = (el) => {
      for (let n = el; n; n = n === item ? null : n.parentElement) if (used.has(n)) return true;
      return false;
    };
    const seen = {};
    const push = (key, header, value) => {
      seen[key] = (seen[key] || 0) + 1;  // the same key twice in one item: two columns
      out.push([seen[key] > 1 ? `${key}#${seen[key]}` : key, header && seen[key] > 1 ? `${header} ${seen[key]}` : header, value]);
    };
    for (const dt of item.querySelectorAll('dt')) {
      const label = norm(dt.textContent).replace(/:\s*$/, '');
      const parts = [];
      used.add(dt);
      for (let dd = dt.nextElementSibling; dd && dd.tagName === 'DD'; dd = dd.nextElementSibling) {
        used.add(dd);
        if (shown(dd) && norm(dd.innerText)) parts.push(norm(dd.innerText));
      }
      if (label && parts.length) push(label.toLowerCase(), label, parts.join(', '));
    }
    let named = false;
    for (const h of item.querySelectorAll(HEADING)) {
      if (inUsed(h)) continue;
      used.add(h);
      const text = shown(h) ? headingText(h) : '';
      if (!text) continue;
      if (!named) push('name', 'Name', text);
      else push(place(item, h), '', text);
      named = true;
    }
    for (const a of item.querySelectorAll('a[href^="mailto:" i], a[href^="tel:" i]')) {
      if (inUsed(a) || !shown(a)) continue;
      used.add(a);
      const href = a.getAttribute('href') || '';
      const mail = /^mailto:/i.test(href);
      let address = href.replace(/^(mailto|tel):/i, '').split('?')[0];
      try { address = decodeURIComponent(address); } catch (e) { /* kept as written */ }
      const text = norm(a.innerText);
      const value = mail ? (text.includes('@') ? text : address) : (/\d/.test(text) ? text : address);
      if (value) push(mail ? 'email' : 'phone', mail ? 'Email' : 'Phone', value);
    }
    let pending = '';  // a "Label:" element names the next value
    for (const el of [item, ...item.querySelectorAll('*')]) {
      if (inUsed(el)) continue;
      if (el.matches(SKIP)) { used.add(el); continue; }
      if (!ownText(el)) continue;
      used.add(el);
      const text = shown(el) ? norm(el.innerText) : '';
      if (!text) continue;
      if (/:$/.test(text) && shortLabel(text)) { pending = text.slice(0, -1).trim(); continue; }
      const labelled = LABEL.exec(text);
      if (labelled && shortLabel(labelled[1])) push(labelled[1].toLowerCase(), labelled[1], labelled[2]);
      else if (pending) push(pending.toLowerCase(), pending, text);
      else push(place(item, el), '', text);
      pending = '';
    }
    return out;
  };

  // The items of a list: its element children of the tag most of them have, shown.
  const itemsOf = (list) => {
    const children = Array.from(list.children).slice(0, MAX_ITEMS_SCAN);
    const counts = {};
    for (const c of children) counts[c.tagName] = (counts[c.tagName] || 0) + 1;
    const tag = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
    return children.filter((c) => c.tagName === tag && !c.matches(SKIP) && shown(c));
  };

  // Headers over every item (labelled ones by their words, the others "Text n" in order of first appearance),
  // and each item's values under them.
  const table = (items) => {
    const keys = [];
    const headers = {};
    const all = items.map((item) => {
      const values = {};
      for (const [key, header, value] of fieldsOf(item)) {
        if (!(key in headers)) { keys.push(key); headers[key] = header; }
        values[key] = value;
      }
      return values;
    });
    const rows = all.map((values) => keys.map((k) => values[k] || ''));
    const choices = filters(items.length ? items[0].ownerDocument : null);
    let unnamed = 0;
    const names = keys.map((k, i) => {
      if (headers[k]) return headers[k];
      // Text that is always one of a filter's options ("Finance" of a "Department" select) is that filter's.
      const cells = rows.map((row) => row[i].toLowerCase()).filter(Boolean);
      const filter = cells.length && choices.find(([, options]) => cells.every((c) => options.has(c)));
      if (filter && !keys.some((other) => headers[other] === filter[0])) return (headers[k] = filter[0]);
      return `Text ${++unnamed}`;
    });
    return { keys, names, rows };
  };

  // [label, option texts] of each labelled select of the document: the values a list may be filtered by.
  const filters = (doc) => {
    const out = [];
    for (const select of doc ? doc.querySelectorAll('select') : []) {
      const label = norm(select.getAttribute('aria-label') ||
        (select.labels && select.labels.length ? select.labels[0].textContent : ''));
      if (label) out.push([label, new Set(Array.from(select.options).map((o) => norm(o.textContent).toLowerCase()))]);
    }
    return out;
  };

  const RECORDS_MIN = 2;
  // Whether an element is a list of records: two items or more, each with two values or more.
  const isList = (el) => {
    if (!el || el.tagName === 'TABLE' || el.closest('table, nav, [role=navigation], [role=menu], [role=menubar], ' +
        '[role=tablist], [role=listbox], [role=tree]')) return false;
    const items = itemsOf(el);
    if (items.length < RECORDS_MIN) return false;
    let records = 0;
    for (const item of items.slice(0, 20)) {
      // An item of one element or none (a menu's link) holds one value at most: not worth reading.
      if (item.getElementsByTagName('*').length < 2) continue;
      if (fieldsOf(item).length >= 2 && ++records >= RECORDS_MIN) return true;
    }
    return false;
  };

  // The lists of records of a document: list markup, or the parent of alike siblings that each hold a heading
  // of the same level (a grid of cards made of divs).
  const lists = (root, limit) => {
    const found = new Set(root.querySelectorAll('ul, ol, [role=list], [role=feed]'));
    let scanned = 0;
    for (const h of root.querySelectorAll('h2, h3, h4, h5, h6')) {
      if (++scanned > 2000) break;
      // From the heading's wrapper up (headings side by side are a document's sections, not its records).
      let item = h.parentElement;
      for (let depth = 0; depth < 6 && item && item.parentElement && item.parentElement !== root.body; depth++) {
        const parent = item.parentElement;
        const tag = item.tagName;
        const alike = Array.from(parent.children).filter((c) => c.tagName === tag && c.querySelector(h.tagName));
        if (alike.length >= RECORDS_MIN) { found.add(parent); break; }
        item = parent;
      }
    }
    const out = [];
    for (const el of found) {
      if (out.length >= limit) break;
      if (shown(el) && isList(el)) out.push(el);
    }
    // A list inside another list's item is one of its values, not a list of its own.
    return out.filter((el) => !out.some((other) => other !== el && other.contains(el)));
  };

  // Rows [from, from + count) of a list, with the headers of its items up to there (a column first seen in a
  // later item is added at the end, so the names of the earlier ones never change).
  const read = (list, from, count) => {
    const items = itemsOf(list);
    const end = Math.min(items.length, from + count);
    const { names, rows } = table(items.slice(0, end));
    return { headers: names, rows: rows.slice(from, end), next: end, done: end >= items.length, count: items.length };
  };

  return { lists, read, isList };
})()
