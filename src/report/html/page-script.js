// compliance.html's only script (inlined, allowed by its hash in the page's Content-Security-Policy).
// It marks each document's passages by the constraints that cite them (citation: document, section, quoted
// words), shows a selected passage's constraints and evidence, filters, and switches views by the URL's hash.
// Plain DOM, no library: the page must open from file:// with no network.
(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const constraints = data.constraints;
  const byId = new Map(constraints.map((c) => [c.id, c]));
  // Worst first; the order and the labels are verdict-order.ts's, handed over in the page's data.
  const rank = Object.fromEntries(data.verdictOrder.map((v, k) => [v, k]));
  const labels = data.verdictLabels;
  const changeLabels = { newly_failing: 'newly failing', new_warning: 'new warning', newly_passing: 'newly passing' };
  const blockTags = /^(P|LI|TD|TH|TR|DIV|PRE|UL|OL|TABLE|THEAD|TBODY|BR|H[1-6]|DT|DD|BLOCKQUOTE)$/;
  const blockSelector = 'tr, li, p, pre, h1, h2, h3, h4, h5, h6, dt, dd';
  /** Passage element → ids of the constraints resting on it. */
  const marks = new Map();
  /** Constraint id → its passage element (or its entry in the "not found" list). */
  const placeOf = new Map();
  const detail = document.getElementById('detail');
  const hint = detail.innerHTML;
  let selected = null;

  // Matching ignores white space, the ' | ' quotes put between table cells and the commas they put between list
  // items: documents break lines, join paragraphs and list items in ways a quote cannot reproduce
  // ("FusionCompute.For a data disk image"; "Uppercase letters, Lowercase letters" for a bulleted list).
  function norm(text) {
    return text
      .replace(/[\u00a0\s|,]+/g, '')
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2018\u2019]/g, "'")
      .trim()
      .toLowerCase();
  }

  // Text of an element with block boundaries as spaces, so "Normal" and "202" in two paragraphs read "normal 202".
  function textOf(el) {
    let out = '';
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) {
          out += child.nodeValue;
        } else if (child.nodeType === 1) {
          const block = blockTags.test(child.tagName);
          out += block ? ' ' : '';
          walk(child);
          out += block ? ' ' : '';
        }
      }
    };
    walk(el);
    return norm(out);
  }

  function candidates(blocks, quote) {
    const hits = blocks.filter((b) => b.text.includes(quote));
    // The innermost passages only; a cell's paragraph stands for its whole parameter row.
    const inner = hits.filter((h) => !hits.some((o) => o !== h && h.el.contains(o.el)));
    const out = [];
    for (const h of inner) {
      const el = h.el.tagName === 'TR' ? h.el : h.el.closest('tr') || h.el;
      if (!out.includes(el)) {
        out.push(el);
      }
    }
    return out;
  }

  function locate(blocks, citation) {
    const quote = norm(citation.quote);
    let found = quote === '' ? [] : candidates(blocks, quote);
    if (found.length === 0) {
      // A quote that elides words ("…") is found by its longest part.
      const parts = citation.quote
        .split(/\s*(?:\.\.\.|\u2026)\s*/)
        .map(norm)
        .filter((p) => p.length >= 8)
        .sort((a, b) => b.length - a.length);
      for (const part of parts) {
        found = candidates(blocks, part);
        if (found.length > 0) {
          break;
        }
      }
    }
    if (found.length <= 1) {
      return found[0] || null;
    }
    // Several places hold the words: take the first after the cited section's heading or caption.
    const section = norm(citation.section);
    const anchors = blocks.filter(
      (b) => b.text === section || (/^H[1-6]$/.test(b.el.tagName) && b.text.startsWith(section)),
    );
    for (const anchor of anchors) {
      const after = found.find((el) => anchor.el.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      if (after) {
        return after;
      }
    }
    return found[0];
  }

  function worst(ids) {
    return ids.map((id) => byId.get(id).verdict).sort((a, b) => (rank[a] ?? 9) - (rank[b] ?? 9))[0];
  }

  function annotate(article) {
    const name = article.dataset.doc;
    const blocks = [...article.querySelectorAll(`.doc-body :is(${blockSelector})`)].map((el) => ({
      el,
      text: textOf(el),
    }));
    const missing = [];
    const rest = (el, id) => {
      if (!marks.has(el)) {
        marks.set(el, []);
      }
      if (!marks.get(el).includes(id)) {
        marks.get(el).push(id);
      }
      if (!placeOf.has(id)) {
        placeOf.set(id, el);
      }
    };
    for (const c of constraints) {
      if (c.citation.doc !== name) {
        continue;
      }
      const el = locate(blocks, c.citation);
      if (el === null) {
        missing.push(c);
      } else {
        rest(el, c.id);
      }
    }
    // The coverage index (src/coverage) ties each row and sentence of a seed to the constraints resting on it,
    // including those cited through another of their readings; a normative unit with none is uncovered.
    const uncovered = new Map();
    for (const u of data.units || []) {
      if (u.doc !== name) {
        continue;
      }
      const el = locate(blocks, { quote: u.text, section: u.section });
      if (el === null) {
        continue;
      }
      if (u.ids.length > 0) {
        for (const id of u.ids) {
          rest(el, id);
        }
      } else if (!uncovered.has(el)) {
        uncovered.set(el, u.uncovered);
      }
    }
    const unplaced = missing.filter((c) => !placeOf.has(c.id));
    missing.length = 0;
    missing.push(...unplaced);
    for (const [el, ids] of marks) {
      if (!article.contains(el) || el.classList.contains('mark')) {
        continue;
      }
      const verdict = worst(ids);
      el.classList.add('mark', `v-${verdict}`);
      el.dataset.cids = ids.join(' ');
      el.dataset.verdictLabel = labels[verdict] || verdict;
      el.tabIndex = 0;
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', `${ids.length} constraint(s), worst verdict ${labels[verdict] || verdict}`);
      const change = ids.map((id) => byId.get(id).change).find((ch) => ch === 'newly_failing' || ch === 'new_warning');
      if (change) {
        el.classList.add('changed');
        el.dataset.changeLabel = changeLabels[change];
        const first = el.tagName === 'TR' ? el.firstElementChild : null;
        if (first) {
          first.classList.add('changed-cell');
          first.dataset.changeLabel = changeLabels[change];
        }
      }
    }
    if (data.units === null && article.dataset.kind === 'seed') {
      // Without the coverage index: a parameter row of a seed that no constraint's quote finds is uncovered.
      for (const row of article.querySelectorAll('.doc-body tbody tr')) {
        uncovered.set(row, null);
      }
    }
    for (const [el, reason] of uncovered) {
      if (el.classList.contains('mark') || el.querySelector('.mark')) {
        continue;
      }
      el.classList.add('uncovered');
      el.dataset.uncovered = reason || 'no constraint rests on it and no reason is recorded';
      el.dataset.verdictLabel = 'uncovered';
      el.title = `uncovered: ${el.dataset.uncovered}`;
      el.tabIndex = 0;
      el.setAttribute('role', 'button');
    }
    if (missing.length > 0) {
      const box = article.querySelector('.unlocated');
      box.hidden = false;
      // Folded: the document comes first; these are citations whose words this document does not hold.
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = `${missing.length} cited passage(s) not found word for word in this document`;
      const ul = document.createElement('ul');
      for (const c of missing) {
        const li = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.cids = c.id;
        button.className = `mark v-${c.verdict}`;
        button.dataset.verdictLabel = labels[c.verdict] || c.verdict;
        button.textContent = `${labels[c.verdict] || c.verdict}: ${c.id} — "${c.citation.quote}" (${c.citation.section})`;
        li.append(button);
        ul.append(li);
        placeOf.set(c.id, button);
      }
      details.append(summary, ul);
      box.append(details);
    }
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function card(c) {
    const box = el('article', null, `card v-${c.verdict}`);
    box.dataset.constraint = c.id;
    const h = el('h3');
    h.append(el('span', labels[c.verdict] || c.verdict, `badge v-${c.verdict}`), ' ', el('code', c.id));
    box.append(h, el('p', `${c.description} — ${c.cases} case(s), operation ${c.op}`));
    if (c.change) {
      box.append(el('p', `${changeLabels[c.change]} since run ${data.baseline}`, 'change'));
    }
    if (c.reason) {
      box.append(el('p', `Reason: ${c.reason}`, 'reason'));
    }
    if (c.erratum) {
      box.append(el('p', `Erratum: ${c.erratum}`, 'erratum'));
    }
    box.append(el('blockquote', c.citation.quote), el('p', `${c.citation.doc}, ${c.citation.section}`, 'cite'));
    if (c.evidence) {
      const dl = el('dl', null, 'evidence');
      const rows = [
        ['Received', c.evidence.received],
        ['Documented', c.evidence.documented],
        ['Request', c.evidence.request],
        ['Reproduce', c.evidence.command],
        ['curl', c.evidence.curl],
      ];
      for (const [term, value] of rows) {
        if (value) {
          const dd = el('dd');
          dd.append(el('pre', value));
          dl.append(el('dt', term), dd);
        }
      }
      box.append(dl);
    }
    return box;
  }

  function select(target) {
    if (selected) {
      selected.classList.remove('selected');
    }
    selected = target;
    detail.textContent = '';
    if (!target) {
      detail.innerHTML = hint;
      return;
    }
    target.classList.add('selected');
    if (target.dataset.uncovered !== undefined) {
      const box = el('article', null, 'card v-uncovered');
      const h = el('h3');
      h.append(el('span', 'uncovered', 'badge v-uncovered'), ' no constraint rests on this passage');
      box.append(h, el('p', `Reason: ${target.dataset.uncovered}`, 'reason'));
      detail.append(box);
      return;
    }
    const ids = target.dataset.cids.split(' ');
    ids.sort((a, b) => (rank[byId.get(a).verdict] ?? 9) - (rank[byId.get(b).verdict] ?? 9));
    detail.append(el('h2', `${ids.length} constraint(s) on this passage`));
    for (const id of ids) {
      detail.append(card(byId.get(id)));
    }
  }

  function filters() {
    const form = document.querySelector('form.filters');
    const verdicts = new Set([...form.querySelectorAll('input[name=verdict]:checked')].map((i) => i.value));
    return { verdicts, op: form.elements.operation.value };
  }

  function visible(c, f) {
    return f.verdicts.has(c.verdict) && (f.op === '' || c.op === f.op);
  }

  function applyFilters() {
    const f = filters();
    for (const node of document.querySelectorAll('[data-cids]')) {
      // A passage shows the worst verdict among the constraints the filters keep, or no mark when none is kept.
      const shown = node.dataset.cids.split(' ').filter((id) => visible(byId.get(id), f));
      node.classList.toggle('filtered', shown.length === 0);
      const verdict = worst(shown.length === 0 ? node.dataset.cids.split(' ') : shown);
      for (const v of Object.keys(rank)) {
        node.classList.toggle(`v-${v}`, v === verdict);
      }
      node.dataset.verdictLabel = labels[verdict] || verdict;
    }
    for (const node of document.querySelectorAll('.uncovered')) {
      node.classList.toggle('filtered', !f.verdicts.has('uncovered'));
    }
    for (const row of document.querySelectorAll('table.constraints tbody tr')) {
      row.hidden = !visible(byId.get(row.dataset.constraint), f);
    }
  }

  function fillConstraintsTable() {
    const body = document.querySelector('table.constraints tbody');
    const sorted = [...constraints].sort(
      (a, b) => (rank[a.verdict] ?? 9) - (rank[b.verdict] ?? 9) || (a.id < b.id ? -1 : 1),
    );
    for (const c of sorted) {
      const tr = el('tr');
      tr.dataset.constraint = c.id;
      const badge = el('td');
      badge.append(el('span', labels[c.verdict] || c.verdict, `badge v-${c.verdict}`));
      const idCell = el('td');
      const link = el('a', c.id);
      link.href = `#c=${encodeURIComponent(c.id)}`;
      idCell.append(link, el('div', c.description, 'hint'));
      tr.append(badge, idCell, el('td', String(c.cases)), el('td', `${c.citation.doc}, ${c.citation.section}`));
      body.append(tr);
    }
  }

  function show(view, docName) {
    for (const v of document.querySelectorAll('.view')) {
      v.hidden = !(v.dataset.view === view && (view !== 'doc' || v.dataset.doc === docName));
    }
    document.querySelector('.docs-filters').hidden = view === 'overview';
    for (const a of document.querySelectorAll('nav a')) {
      const current =
        (view === 'doc' && a.dataset.docLink === docName) || (view !== 'doc' && a.getAttribute('href') === `#${view}`);
      if (current) {
        a.setAttribute('aria-current', 'page');
      } else {
        a.removeAttribute('aria-current');
      }
    }
  }

  function route() {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.startsWith('doc=')) {
      show('doc', hash.slice(4));
      window.scrollTo(0, 0);
    } else if (hash.startsWith('c=')) {
      const place = placeOf.get(hash.slice(2));
      const article = place?.closest('article.doc');
      if (place && article) {
        show('doc', article.dataset.doc);
        select(place);
        place.scrollIntoView({ block: 'center' });
        place.focus({ preventScroll: true });
      } else {
        show('constraints');
      }
    } else if (hash === 'constraints') {
      show('constraints');
    } else {
      show('overview');
    }
  }

  for (const article of document.querySelectorAll('article.doc')) {
    annotate(article);
  }
  fillConstraintsTable();

  document.addEventListener('click', (event) => {
    const target = event.target.closest('[data-cids], [data-uncovered]');
    if (target && !event.target.closest('a')) {
      select(target);
    }
    const opLink = event.target.closest('[data-filter-op]');
    if (opLink) {
      document.querySelector('form.filters').elements.operation.value = opLink.dataset.filterOp;
      applyFilters();
    }
  });
  document.addEventListener('keydown', (event) => {
    const inField = event.target.closest('input, select, textarea');
    if (
      (event.key === 'Enter' || event.key === ' ') &&
      event.target.matches('[data-cids], [data-uncovered]') &&
      event.target.tagName !== 'BUTTON'
    ) {
      event.preventDefault();
      select(event.target);
    } else if (event.key === 'Escape') {
      select(null);
    } else if ((event.key === 'j' || event.key === 'k') && !inField) {
      const article = document.querySelector('article.doc:not([hidden])');
      if (!article) {
        return;
      }
      const list = [...article.querySelectorAll('.mark:not(.filtered):is(.v-fail, .v-warning, .v-differs)')];
      if (list.length === 0) {
        return;
      }
      const at = list.indexOf(document.activeElement);
      const next = list[(at + (event.key === 'j' ? 1 : list.length - 1)) % list.length] || list[0];
      next.focus();
      select(next);
    }
  });
  document.querySelector('form.filters').addEventListener('change', applyFilters);
  window.addEventListener('hashchange', route);
  applyFilters();
  route();
  document.body.dataset.ready = 'true';
})();
