(target) => {
  // Called as page.evaluate(script, {}) it lists the page's visible interactive elements, labelled values
  // and tables, keeping references in window.__roteLooks under the look's name (the latest also in
  // window.__roteElements); called on an element handle it describes
  // that one element. Nothing in the DOM is changed. Names and roles follow Playwright's own rules, so
  // the locators it proposes resolve with get_by_role / get_by_label / get_by_text exactly.
  const MAX_TEXT = 200;
  // Bounds on one snapshot of a huge page: what is listed stays small enough to send and read at once.
  // Full table rows are read separately, in chunks (snapshot.py read_table_rows).
  const MAX_ELEMENTS = 2000;
  const MAX_VALUES = 2000;
  const MAX_VALUE_SCAN = 20000;
  const MAX_TABLES = 50;
  const MAX_SNAPSHOT_ROWS = 500;
  // How many looks' numberings a page keeps (an agent step takes one or two; a number older than this names nothing).
  const KEPT_LOOKS = 8;
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  // Lists of records that are not tables (cards, result lists): read as tables (card_lists.js).
  const cards = __CARD_LISTS__;
  const cut = (s) => norm(s).slice(0, MAX_TEXT);
  const INTERACTIVE = [
    'input:not([type=hidden])', 'select', 'textarea', 'button', 'a[href]', '[role=button]', '[role=link]',
    '[role=checkbox]', '[role=radio]', '[role=switch]', '[role=textbox]', '[role=combobox]', '[role=tab]',
    '[role=menuitem]', '[contenteditable=true]', '[role=option]', '[role=listbox]', '[role=spinbutton]',
    '[role=slider]', 'details > summary',
  ].join(', ');
  // A control styled as a button without being one: a <div> or <span> with a pointer cursor of its own (not
  // inherited from a control it sits in), a short text and nothing interactive inside. Listed only on request
  // (``pointers``), when a page offers no real control for what was entered.
  const pointerButton = (el) => {
    if (el.matches(INTERACTIVE) || el.closest('label') || el.closest(INTERACTIVE)) return false;
    if (getComputedStyle(el).cursor !== 'pointer') return false;
    const up = el.parentElement;
    if (up && getComputedStyle(up).cursor === 'pointer') return false; // inherited: the outer element is the control
    if (el.querySelector(INTERACTIVE)) return false;
    const text = norm(el.innerText);
    return !!text && text.length <= 40 && text.split(' ').length <= 5;
  };
  // Form fields, for telling one field's caption from another's (nearby-text labels).
  const FIELDS = 'input:not([type=hidden]), select, textarea, [role=textbox], [role=combobox], [role=listbox]';
  const CLICKABLE_ROLES = new Set(['button', 'link', 'tab', 'menuitem', 'checkbox', 'radio', 'switch', 'option']);
  const INPUT_ROLES = {
    button: 'button', checkbox: 'checkbox', image: 'button', number: 'spinbutton', radio: 'radio',
    range: 'slider', reset: 'button', submit: 'button', file: 'button',
  };

  const isVisible = (el) => {
    // Playwright's notion: a non-empty box and not visibility:hidden.
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible') return false;
    // The content of a closed <details> keeps its box but is not rendered (content-visibility skips it).
    if (el.checkVisibility && !el.checkVisibility()) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };

  // Hashes, long digit runs and CSS-in-JS names change on every build; never build selectors on them.
  const generated = (s) => {
    if (!s) return true;
    if (s.length > 40 || /\d{3,}/.test(s) || /^(css|sc|jsx|emotion|svelte|ember)-/i.test(s) || /^:r/.test(s)) {
      return true;
    }
    return s.split(/[-_:.]/).some((part) => part.length >= 5 && (part.match(/\d/g) || []).length >= 2);
  };
  const unique = (selector) => {
    try {
      return document.querySelectorAll(selector).length === 1;
    } catch (e) {
      return false;
    }
  };
  const stableId = (el) => !!el.id && !generated(el.id) && unique('#' + CSS.escape(el.id));

  const implicitRole = (el) => {
    const tag = el.tagName;
    if (tag === 'A' || tag === 'AREA') return el.hasAttribute('href') ? 'link' : '';
    if (tag === 'BUTTON') return 'button';
    if (tag === 'INPUT') {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      if (type === 'search') return el.hasAttribute('list') ? 'combobox' : 'searchbox';
      if (['email', 'tel', 'text', 'url', ''].includes(type)) return el.hasAttribute('list') ? 'combobox' : 'textbox';
      if (type === 'hidden') return '';
      return INPUT_ROLES[type] || 'textbox';
    }
    if (tag === 'SELECT') return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    if (tag === 'TEXTAREA') return 'textbox';
    if (tag === 'TABLE') return 'table';
    if (/^H[1-6]$/.test(tag)) return 'heading';
    if (tag === 'OUTPUT') return 'status';
    return '';
  };
  const roleOf = (el) => (el.getAttribute('role') || '').trim().split(/\s+/)[0] || implicitRole(el);

  const byId = (el, id) => {
    const root = el.getRootNode();
    return (root && root.getElementById ? root.getElementById(id) : null) || document.getElementById(id);
  };
  // Texts of the element's labels, as Playwright's get_by_label sees them.
  const labelsOf = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const refs = ids.map((id) => byId(el, id)).filter(Boolean);
    if (refs.length) return refs.map((r) => norm(r.textContent));
    const aria = el.getAttribute('aria-label');
    if (aria && aria.trim()) return [norm(aria)];
    if (el.labels) return Array.from(el.labels).map((l) => norm(l.textContent)).filter(Boolean);
    return [];
  };

  const isFormControl = (el) =>
    el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' ||
    (el.tagName === 'INPUT' && !['button', 'submit', 'reset', 'image'].includes((el.type || '').toLowerCase()));

  // A label's text as Playwright's role names read it: a child laid out other than inline (a block, a <br>) is set
  // apart by spaces, inline ones run on, hidden ones and form controls are not read. textContent runs every child
  // on: "<b>Okafor Plumbing</b><br><small>53-64-38</small>" read "Okafor Plumbing53-64-38", a name that neither
  // finds the control by its role again nor names the payee the run chose.
  const nameText = (node) => {
    let out = '';
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        out += child.textContent;
      } else if (child.nodeType === 1) {
        if (child.tagName === 'BR') { out += ' '; continue; }
        if (['INPUT', 'SELECT', 'TEXTAREA', 'SCRIPT', 'STYLE'].includes(child.tagName)) continue;
        const display = getComputedStyle(child).display;
        if (display === 'none') continue;
        const text = nameText(child);
        out += display === 'inline' ? text : ' ' + text + ' ';
      }
    }
    return out;
  };

  const accessibleName = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const refs = ids.map((id) => byId(el, id)).filter(Boolean);
    if (refs.length) return norm(refs.map((r) => nameText(r)).join(' '));
    const aria = el.getAttribute('aria-label');
    if (aria && aria.trim()) return norm(aria);
    if (el.tagName === 'INPUT' && ['submit', 'reset', 'button'].includes(el.type)) {
      return norm(el.value) || (el.type === 'submit' ? 'Submit' : el.type === 'reset' ? 'Reset' : '');
    }
    if (el.tagName === 'INPUT' && el.type === 'image') return norm(el.alt || el.value);
    if (isFormControl(el)) {
      const labels = el.labels ? Array.from(el.labels).map((l) => nameText(l)).join(' ') : '';
      return norm(labels) || norm(el.title) || norm(el.getAttribute('placeholder'));
    }
    if (el.tagName === 'TABLE') {
      const caption = el.querySelector('caption');
      return caption ? norm(caption.textContent) : norm(el.title);
    }
    const role = roleOf(el);
    if (CLICKABLE_ROLES.has(role) || role === 'heading' || el.tagName === 'SUMMARY') {
      return norm(el.innerText || el.textContent);
    }
    return norm(el.title);
  };

  const cssPath = (el) => {
    if (stableId(el)) return '#' + CSS.escape(el.id);
    const tag = el.tagName.toLowerCase();
    const name = el.getAttribute('name');
    if (name && !generated(name)) {
      let selector = `${tag}[name="${CSS.escape(name)}"]`;
      if (['radio', 'checkbox'].includes(el.type) && el.getAttribute('value')) {
        selector += `[value="${CSS.escape(el.getAttribute('value'))}"]`;
      }
      if (unique(selector)) return selector;
    }
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1 && node !== document.documentElement) {
      if (node !== el && stableId(node)) {
        parts.unshift('#' + CSS.escape(node.id));
        break;
      }
      if (node === document.body) {
        parts.unshift('body');
        break;
      }
      let part = node.tagName.toLowerCase();
      const parent = node.parentElement;
      const same = parent ? Array.from(parent.children).filter((c) => c.tagName === node.tagName) : [];
      if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      parts.unshift(part);
      if (unique(parts.join(' > '))) return parts.join(' > ');
      node = parent;
    }
    return parts.join(' > ');
  };

  const xpathOf = (el) => {
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1) {
      if (stableId(node) && !node.id.includes('"')) {
        parts.unshift(`//*[@id="${node.id}"]`);
        return parts.join('/');
      }
      const tag = node.tagName.toLowerCase();
      const parent = node.parentElement;
      const same = parent ? Array.from(parent.children).filter((c) => c.tagName === node.tagName) : [];
      parts.unshift(same.length > 1 ? `${tag}[${same.indexOf(node) + 1}]` : tag);
      node = parent;
    }
    return '/' + parts.join('/');
  };

  const formOf = (el) => el.form || el.closest('form');
  // Outside a form, the region an element sits in (a view of an app, a dialog, the header's navigation)
  // groups fields with the button that sends them: numbered -2, -3, ... (-1: no region at all).
  const REGIONS = 'main, [role=main], aside, nav, header, footer, dialog, [role=dialog], [role=form], ' +
    '[role=navigation], [role=banner], [role=search], [role=complementary], [role=contentinfo]';
  const regions = [];
  const regionIndex = (el) => {
    const region = el.closest ? el.closest(REGIONS) : null;
    if (!region) return -1;
    if (!regions.includes(region)) regions.push(region);
    return -2 - regions.indexOf(region);
  };
  // Forms of iframes and shadow roots are numbered after the document's own.
  const formIndex = (form) => {
    const own = Array.from(document.forms).indexOf(form);
    if (own >= 0) return own;
    window.__roteForms = window.__roteForms || [];
    if (!window.__roteForms.includes(form)) window.__roteForms.push(form);
    return 1000 + window.__roteForms.indexOf(form);
  };

  // What a person reads beside a field when it has no label of its own: the caption before it, its row and
  // column headers, its group's legend or label, its description. First the most specific.
  const ownText = (n) => (n.nodeType === 3 ? norm(n.textContent) : isVisible(n) ? norm(n.innerText) : '');
  // A box with no label of its own is named by the text right after it ("<input type=radio> Small"), as people
  // read it: up to the next control, line break or block.
  const BOX = 'input[type=radio], input[type=checkbox]';
  const STOPS = /^(BR|DIV|P|LI|UL|OL|TR|TD|TH|TABLE|FORM|FIELDSET|LABEL|H[1-6]|SELECT|TEXTAREA|INPUT|BUTTON)$/;
  const trailingText = (el) => {
    let text = '';
    for (let next = el.nextSibling; next && text.length <= 120; next = next.nextSibling) {
      if (next.nodeType === 1 && next.tagName === 'LABEL' && !norm(text) && !next.htmlFor && !next.control) {
        return ownText(next).slice(0, 120); // "<input type=radio><label>Daily</label>": a label tied to nothing
      }
      if (next.nodeType === 1 && (STOPS.test(next.tagName) || next.matches(INTERACTIVE) || next.querySelector(INTERACTIVE))) {
        break;
      }
      if (next.nodeType === 1 || next.nodeType === 3) text += ' ' + ownText(next);
    }
    return norm(text).slice(0, 120);
  };
  // Whether a caption node is the text right after a box, so that box's own name.
  const afterBox = (node) => {
    let before = node.previousSibling;
    while (before && before.nodeType === 3 && !norm(before.textContent)) before = before.previousSibling;
    return !!before && before.nodeType === 1 && before.matches(BOX);
  };
  const contextOf = (el) => {
    const out = [];
    const cell = el.closest('td');
    if (cell && cell.parentElement) {
      const row = cell.parentElement;
      const th = row.querySelector('th');
      if (th) out.push(norm(th.textContent));
      const table = cell.closest('table');
      const header = table && (table.querySelector('thead tr') || (table.querySelector('tr th') || {}).parentElement);
      const at = Array.from(row.children).indexOf(cell);
      if (header && header !== row && header.children[at]) out.push(norm(header.children[at].textContent));
      if (!th && isFormControl(el)) {
        // A layout table captions a field with a plain text cell before the field's own ("Town" | [input]).
        for (let prev = cell.previousElementSibling; prev; prev = prev.previousElementSibling) {
          if (prev.matches(FIELDS) || prev.querySelector(FIELDS)) break; // another field's cell: not a caption
          const t = norm(prev.textContent);
          if (t) {
            out.push(t.slice(0, 120));
            break;
          }
        }
      }
    }
    let node = el;
    for (let depth = 0; depth < 4 && node && node !== document.body; depth++) {
      let prev = node.previousSibling;
      let found = '';
      while (prev) {
        if (prev.nodeType === 1 && (prev.matches(FIELDS) || prev.querySelector(FIELDS))) {
          found = null; // the text before is another field's: this field's caption is not there
          break;
        }
        if (prev.nodeType === 1 || prev.nodeType === 3) {
          const t = ownText(prev);
          if (t && depth === 0 && el.matches(BOX) && afterBox(prev)) {
            found = null; // the box before this one is named by that text: this box's caption is not there
            break;
          }
          if (t) {
            found = t;
            break;
          }
        }
        prev = prev.previousSibling;
      }
      if (found) out.push(found.slice(0, 120));
      if (found || found === null) break;
      node = node.parentElement;
      if (!node || node.matches('form, fieldset, [role=group], [role=radiogroup], [role=dialog], td, li')) break;
    }
    const group = groupOf(el);
    if (group !== null) out.push(group);
    const described = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    for (const id of described) {
      const ref = byId(el, id);
      if (ref) out.push(norm(ref.textContent).slice(0, 120));
    }
    if (el.title) out.push(norm(el.title));
    // A button or link in a row, list item or card: the container's text says which row it acts on (last).
    if (!isFormControl(el)) {
      const box = el.closest('tr, li, [role=row], article');
      if (box) out.push(cut(box.innerText));
    }
    return out.filter(Boolean);
  };

  // The text of the row, list item or card a button or link sits in (the recorder's and replay's ROWS).
  const ROWS = 'tr, [role=row], li, [role=listitem], article, [role=article]';
  // The modal dialog open over the page (aria-modal, or a <dialog> shown modally), the last shown if several: what
  // lies outside it cannot be reached until it closes. Inert content is out of reach alike.
  const openModal = Array.from(document.querySelectorAll('[aria-modal=true], dialog[open]'))
    .filter((d) => isVisible(d) && (d.tagName !== 'DIALOG' || d.matches(':modal'))).pop() || null;
  // Inside, across shadow roots and frames: up through hosts and frame elements.
  const inside = (box, el) => {
    for (let n = el; n; n = n.parentNode || n.host || (n.defaultView && n.defaultView.frameElement) || null) {
      if (n === box) return true;
    }
    return false;
  };
  const behindModal = (el) => (openModal !== null && !inside(openModal, el)) || !!(el.closest && el.closest('[inert]'));
  // The group a field sits in: its fieldset's legend, else the group's label (null: no group, or an unnamed one).
  const groupOf = (el) => {
    const group = el.closest('fieldset, [role=group], [role=radiogroup]');
    if (!group) return null;
    const legend = group.tagName === 'FIELDSET' ? group.querySelector('legend') : null;
    if (legend) return norm(legend.textContent);
    const named = labelsOf(group);
    return named.length ? named[0] : null;
  };
  // The column header over an unnamed box in a table cell: the answer it stands for in a grid of questions
  // ("Disagree" in the row "Delivery was on time").
  const columnOf = (el) => {
    const cell = el.closest('td');
    const table = cell && cell.closest('table');
    if (!table || !cell.parentElement) return '';
    const header = table.querySelector('thead tr') || (table.querySelector('tr th') || {}).parentElement;
    const at = Array.from(cell.parentElement.children).indexOf(cell);
    return header && header !== cell.parentElement && header.children[at] ? norm(header.children[at].textContent) : '';
  };
  const rowOf = (el) => {
    const box = el.closest(ROWS);
    return box ? norm(box.innerText).slice(0, 400) : '';
  };

  // kind: 'control' (something to act on), 'value' (a labelled value to read) or 'table'.
  const describe = (el, kind, valueLabel) => {
    const tag = el.tagName.toLowerCase();
    const type = tag === 'input' ? (el.getAttribute('type') || 'text').toLowerCase() : '';
    const role = roleOf(el);
    let labels = valueLabel ? [valueLabel] : labelsOf(el);
    const name = accessibleName(el);
    if (!labels.some(Boolean) && !name && (type === 'radio' || type === 'checkbox')) {
      const after = trailingText(el);
      if (after) labels = [after];
    }
    const pointer = kind === 'control' && pointerButton(el);
    const clickable = kind === 'control' && (CLICKABLE_ROLES.has(role) || tag === 'button' || pointer) &&
      !isFormControl(el);
    const text = clickable ? cut(el.textContent) : '';
    const form = formOf(el);
    const submits = (tag === 'button' && (el.getAttribute('type') || 'submit').toLowerCase() === 'submit' && !!form) ||
      (tag === 'input' && ['submit', 'image'].includes(type));
    const locators = [];
    const testId = el.getAttribute('data-testid');
    if (testId) locators.push({ kind: 'test_id', value: testId });
    // Values and tables are named after their content or caption, which may change run to run: no role locator.
    if (kind === 'control' && role && name) locators.push({ kind: 'role', value: role, name });
    const ariaLabels = labelsOf(el);
    if (ariaLabels.length && ariaLabels[0]) locators.push({ kind: 'label', value: ariaLabels[0] });
    const placeholder = norm(el.getAttribute('placeholder'));
    if (placeholder) locators.push({ kind: 'placeholder', value: placeholder });
    if (clickable && text) locators.push({ kind: 'text', value: text });
    if (el.id) locators.push({ kind: 'id', value: el.id });
    locators.push({ kind: 'css', value: cssPath(el) });
    locators.push({ kind: 'xpath', value: xpathOf(el) });
    return {
      kind, tag, type, role, name, labels, placeholder, text,
      attr_name: el.getAttribute('name') || '',
      id: el.id || '',
      classes: Array.from(el.classList),
      test_id: testId || '',
      href: tag === 'a' ? el.getAttribute('href') || '' : '',
      value: kind === 'value' ? cut(el.innerText) : ('value' in el && tag !== 'button' ? String(el.value ?? '') : ''),
      checked: !!el.checked || el.getAttribute('aria-checked') === 'true',
      disabled: !!el.disabled,
      options: tag === 'select'
        ? Array.from(el.options).map((o) => ({ value: o.value, text: norm(o.textContent), selected: o.selected }))
        : [],
      form: form ? formIndex(form) : regionIndex(el),
      form_method: form ? (form.getAttribute('method') || 'get').toLowerCase() : '',
      context: kind === 'control' ? contextOf(el) : [],
      row: kind === 'control' && !isFormControl(el) ? rowOf(el) : '',
      column: kind === 'control' && ['radio', 'checkbox'].includes(type) && !name ? columnOf(el) : '',
      multiple: tag === 'select' && !!el.multiple,
      input_mode: el.getAttribute('inputmode') || '',
      // A <details> summary says whether its section is open as aria-expanded would.
      expanded: el.tagName === 'SUMMARY' ? String(!!(el.parentElement && el.parentElement.open))
        : el.getAttribute('aria-expanded') || '',
      pattern: el.getAttribute('pattern') || '',
      max_length: el.maxLength > 0 ? el.maxLength : 0,
      readonly: !!el.readOnly || el.getAttribute('aria-readonly') === 'true',
      required: !!el.required || el.getAttribute('aria-required') === 'true',
      haspopup: el.getAttribute('aria-haspopup') || '',
      // A combobox's list (aria-controls / aria-owns), and the list an option belongs to, to pair them.
      controls: el.getAttribute('aria-controls') || el.getAttribute('aria-owns') || '',
      owner: role === 'option' && el.closest('[role=listbox]') ? el.closest('[role=listbox]').id : '',
      // A search box: its type or role says so, or it sits in a search landmark or a form that searches.
      search: type === 'search' || role === 'searchbox' ||
        !!(el.closest && el.closest('[role=search], form[action*=search i]')),
      // The group a field sits in ("Billing address" of its fieldset) and its autocomplete hint ("shipping
      // address-line1"): which of two like fields it is, when their labels are the same ("City").
      group: kind === 'control' ? (groupOf(el) || '').slice(0, 120) : '',
      autocomplete: el.getAttribute('autocomplete') || '',
      behind_modal: kind === 'control' && behindModal(el),
      submits,
      locators,
      ...(pointer ? { pointer } : {}), // only on elements listed as styled buttons
    };
  };

  // The label of a value element: its aria label, the dt before a dd, the th of its row, a "Label:" sibling.
  const valueLabel = (el) => {
    const own = labelsOf(el);
    if (own.length && own[0]) return own[0];
    if (el.tagName === 'DD') {
      let prev = el.previousElementSibling;
      while (prev && prev.tagName !== 'DT') prev = prev.previousElementSibling;
      return prev ? norm(prev.textContent) : '';
    }
    if (el.tagName === 'TD') {
      const row = el.parentElement;
      const th = row ? row.querySelector('th') : null;
      return th && row.querySelectorAll('td').length === 1 ? norm(th.textContent) : '';
    }
    const prev = el.previousElementSibling;
    if (prev && /:\s*$/.test(prev.textContent || '')) return norm(prev.textContent).replace(/:\s*$/, '');
    return '';
  };

  // nodeType, not instanceof: an element of an iframe belongs to another realm's Element.
  if (target && target.nodeType === 1) {
    // An element a pointers request listed is described as the control it was pressed as (its recorded click
    // finds it again by its text); any other element styled so stays what it was.
    const pressed = window.__rotePointers && window.__rotePointers.has(target);
    const kind = target.tagName === 'TABLE' ? 'table' : target.matches(INTERACTIVE) || pressed ? 'control'
      : cards.isList(target) ? 'table' : 'value';
    return describe(target, kind, kind === 'value' ? valueLabel(target) : '');
  }

  const registry = [];
  const add = (el, info) => {
    info.index = registry.length;
    registry.push(el);
    return info;
  };
  // Open shadow roots and same-origin iframes hold forms too: search them like the document.
  const innerWindows = [];
  const everywhere = (selector) => {
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll(selector)) found.push(el);
      for (const host of root.querySelectorAll('*')) {
        if (host.shadowRoot) walk(host.shadowRoot);
        if (host.tagName === 'IFRAME') {
          let inner = null;
          try {
            inner = host.contentDocument;
          } catch (e) {
            inner = null; // another origin: out of reach
          }
          if (inner && inner.documentElement && isVisible(host)) {
            innerWindows.push(inner.defaultView);
            walk(inner);
          }
        }
      }
    };
    walk(document);
    return found;
  };
  if (target && typeof target.pointers === 'string') {
    // Elements styled as buttons (pointerButton), numbered on in the look named, so one is clicked and recorded
    // like any control that look listed.
    const listed = window.__roteLooks && window.__roteLooks.get(target.pointers);
    if (!listed) return [];
    const found = [];
    const pointers = window.__rotePointers || new WeakSet();
    window.__rotePointers = pointers;
    for (const el of everywhere('a, div, span, li, p, td, img, svg')) {
      if (found.length >= 50) break;
      if (!isVisible(el) || !pointerButton(el)) continue;
      const info = describe(el, 'control', '');
      info.index = listed.length;
      listed.push(el);
      pointers.add(el);
      found.push(info);
    }
    return found;
  }
  const elements = [];
  for (const el of everywhere(INTERACTIVE)) {
    if (elements.length >= MAX_ELEMENTS) break;
    // A visually hidden checkbox behind a styled label still counts: its label is what users click.
    const shown = isVisible(el) || (el.labels && Array.from(el.labels).some(isVisible));
    if (shown) elements.push(add(el, describe(el, 'control', '')));
  }
  const values = [];
  const seen = new Set();
  let scanned = 0;
  for (const el of document.querySelectorAll('dd, td, output, [aria-labelledby], [aria-label], span, strong, p, div')) {
    // A td is a labelled value only beside a th in its row: skip the cells of data tables cheaply.
    if (el.tagName === 'TD' && !(el.parentElement && el.parentElement.querySelector('th'))) continue;
    if (values.length >= MAX_VALUES || ++scanned > MAX_VALUE_SCAN) break;
    if (seen.has(el) || el.matches(INTERACTIVE) || el.tagName === 'TABLE' || !isVisible(el)) continue;
    if (el.querySelector('input, select, textarea, button, table, dd, dt')) continue;
    const label = valueLabel(el);
    if (!label || !norm(el.innerText)) continue;
    seen.add(el);
    values.push(add(el, describe(el, 'value', label)));
  }
  const tables = [];
  for (const table of document.querySelectorAll('table')) {
    if (tables.length >= MAX_TABLES) break;
    if (!isVisible(table)) continue;
    const rows = table.querySelectorAll('tr');
    const headerRow = table.querySelector('thead tr') || rows[0];
    const headers = headerRow ? Array.from(headerRow.children).map((c) => norm(c.innerText)) : [];
    const body = [];
    let count = 0;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === headerRow || !rows[i].querySelector('td')) continue;
      count += 1;
      if (body.length < MAX_SNAPSHOT_ROWS) body.push(rows[i]);
    }
    const info = describe(table, 'table', '');
    info.headers = headers;
    info.rows = body.map((r) => Array.from(r.children).map((c) => norm(c.innerText)));
    // Rows beyond the first MAX_SNAPSHOT_ROWS are counted, not read.
    info.row_count = count;
    tables.push(add(table, info));
  }
  for (const list of cards.lists(document, MAX_TABLES - tables.length)) {
    const read = cards.read(list, 0, MAX_SNAPSHOT_ROWS);
    const info = describe(list, 'table', '');
    info.headers = read.headers;
    info.rows = read.rows;
    info.row_count = read.count;
    tables.push(add(list, info));
  }
  // Each look keeps its own numbering (the last KEPT_LOOKS of them), so a number read from one look names the
  // element that look listed even after another look renumbered the page.
  // A look's name is new in every document too: a number of the page before a navigation names nothing after it.
  const look = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const keep = (win) => {
    const looks = win.__roteLooks || new Map();
    looks.set(look, registry);
    for (const old of looks.keys()) {
      if (looks.size <= KEPT_LOOKS) break;
      looks.delete(old); // a Map keeps its keys in the order they came: the oldest goes first
    }
    win.__roteLooks = looks;
    win.__roteElements = registry;
  };
  keep(window);
  // Each same-origin iframe's window sees the same lists, so a handle can be taken in the element's own frame.
  for (const win of innerWindows) {
    try {
      keep(win);
    } catch (e) {
      // a frame that navigated away meanwhile
    }
  }
  const heading = document.querySelector('h1') || document.querySelector('h2') || document.querySelector('[role=heading]');
  return { url: location.href, title: document.title, heading: heading ? cut(heading.innerText) : '', look, elements, values, tables };
}
