// TwoWay workbench: the coding screen's script. It maps a selection in the page to UTF-16 offsets
// over the STORED text (each span carries its stored offset in data-s; line breaks, which the HTML
// parser turns into LF, carry their stored form in data-raw), sends codings to the server, which
// checks them again, and keeps undo/redo. Everything it writes into the page goes in as text.

const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf },
    body: JSON.stringify(body),
  });
  let data = null;
  try { data = await response.json(); } catch { /* not JSON */ }
  if (!response.ok) throw new Error(data?.error ?? `the workbench answered ${response.status}`);
  return data;
}

const box = document.getElementById('transcript');
if (box) codingScreen(box);

// Team server: follow the study's event log (server-sent events; the browser reconnects by itself
// and resumes after the last event it saw). A page that can bring itself up to date does so (the
// coding screen redraws the region another member changed); any other change is announced with a
// button to reload.
if (document.body.dataset.events && 'EventSource' in window) follow(Number(document.body.dataset.events));

function follow(after) {
  const me = document.body.dataset.me;
  const live = document.getElementById('live');
  const stream = new EventSource(`/api/events?after=${after}`);
  stream.addEventListener('change', e => {
    const change = JSON.parse(e.data);
    if (change.actor === me) return;
    const handled = !document.dispatchEvent(new CustomEvent('twoway:change', { detail: change, cancelable: true }));
    live.replaceChildren();
    const text = document.createElement('span');
    const what = { coding: 'changed a coding', codebook: 'changed the codebook', cases: 'changed the cases', members: 'changed the members', blind: 'changed blind coding' }[change.kind] ?? 'changed the study';
    text.textContent = `${change.actor} ${what}${handled ? ' (shown here)' : ''}. `;
    live.append(text);
    if (!handled) {
      const reload = document.createElement('button');
      reload.type = 'button';
      reload.textContent = 'Reload to see it';
      reload.addEventListener('click', () => location.reload());
      live.append(reload);
    }
    live.hidden = false;
  });
  window.addEventListener('pagehide', () => stream.close());
}

function codingScreen(box) {
  const source = box.dataset.source;
  const status = document.getElementById('status');
  const selectionView = document.getElementById('selection');
  const applyButton = document.getElementById('apply');
  const undoButton = document.getElementById('undo');
  const redoButton = document.getElementById('redo');
  const memo = document.getElementById('coding-memo');
  const filter = document.getElementById('code-filter');
  let current = null;
  const undo = [], redo = [];

  // ---- offsets ----
  const storedLength = span => span.dataset.raw === 'crlf' ? 2 : span.dataset.raw === 'cr' ? 1 : span.textContent.length;
  const rawText = span => span.dataset.raw === 'crlf' ? '\r\n' : span.dataset.raw === 'cr' ? '\r' : span.textContent;
  const pieceOf = node => (node.nodeType === Node.TEXT_NODE ? node.parentElement : node)?.closest?.('[data-s]') ?? null;

  function offsetOf(node, offset) {
    if (node === box) {
      const child = box.childNodes[offset];
      if (!child) return Number(box.dataset.length);
      const span = pieceOf(child);
      return span ? Number(span.dataset.s) : 0;
    }
    const span = pieceOf(node);
    if (!span || !box.contains(span)) return null;
    const start = Number(span.dataset.s);
    if (span.dataset.raw) return start + (offset > 0 ? storedLength(span) : 0);
    if (node.nodeType === Node.TEXT_NODE) return start + offset;
    return start + (offset > 0 ? span.textContent.length : 0);
  }

  function spanAt(offset) { // the piece holding offset (binary search over the pieces in order)
    const spans = box.children;
    let lo = 0, hi = spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (Number(spans[mid].dataset.s) <= offset) lo = mid; else hi = mid - 1;
    }
    return spans[lo];
  }

  function storedText(start, end) {
    let out = '';
    for (let span = spanAt(start); span; span = span.nextElementSibling) {
      const s = Number(span.dataset.s);
      if (s >= end) break;
      out += rawText(span).slice(Math.max(0, start - s), Math.min(storedLength(span), end - s));
    }
    return out;
  }

  function point(offset) {
    const span = spanAt(offset);
    if (!span) return [box, 0];
    const s = Number(span.dataset.s);
    if (span.dataset.raw) return [span, offset > s ? 1 : 0];
    return [span.firstChild ?? span, Math.min(offset - s, span.textContent.length)];
  }

  function selectRange(start, end) {
    const range = document.createRange();
    range.setStart(...point(start));
    range.setEnd(...point(end));
    const sel = document.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    (range.startContainer.parentElement ?? box).scrollIntoView({ block: 'center' });
  }

  // ---- selection ----
  function showSelection() {
    if (!current) {
      selectionView.textContent = 'Select a passage in the transcript.';
    } else {
      const shown = current.text.length > 240 ? current.text.slice(0, 240) + '…' : current.text;
      selectionView.textContent = `${current.start}–${current.end} (${current.end - current.start} characters): “${shown}”`;
    }
    applyButton.disabled = !current;
  }

  document.addEventListener('selectionchange', () => {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0) return;
    const range = sel.getRangeAt(0);
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return; // a click elsewhere keeps the selection
    const a = offsetOf(range.startContainer, range.startOffset);
    const b = offsetOf(range.endContainer, range.endOffset);
    current = a === null || b === null || a === b ? null : { start: Math.min(a, b), end: Math.max(a, b) };
    if (current) current.text = storedText(current.start, current.end);
    showSelection();
  });

  // The text is read-only: the box is editable only so a keyboard user has a caret (Shift+arrows select).
  box.addEventListener('beforeinput', e => e.preventDefault());
  for (const type of ['paste', 'drop', 'cut']) box.addEventListener(type, e => e.preventDefault());
  box.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); apply(); }
  });
  document.addEventListener('keydown', e => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (typing || !(e.ctrlKey || e.metaKey)) return;
    if (e.key === 'z' && !e.shiftKey) { e.preventDefault(); step(undo, redo, 'undo'); }
    else if (e.key === 'y' || (e.key === 'z' && e.shiftKey) || e.key === 'Z') { e.preventDefault(); step(redo, undo, 'redo'); }
  });

  // ---- messages, updates ----
  function say(text, bad = false) {
    status.textContent = text;
    status.classList.toggle('bad', bad);
  }

  // After a change, only the region of the text it touched and its codings' margin entries are
  // drawn again (a transcript may be 300,000 characters with thousands of codings). A change is
  // { ranges: [[start, end], …], ids: [coding ids] }; the server renders the region from scratch.
  const endOf = span => span.nextElementSibling ? Number(span.nextElementSibling.dataset.s) : Number(box.dataset.length);

  async function update(change) {
    removeHandles(); // the text is drawn again; the chosen coding's handles come back with it
    let from = Infinity, to = -Infinity;
    for (const [a, b] of change.ranges) {
      from = Math.min(from, Number(spanAt(a).dataset.s));
      to = Math.max(to, endOf(spanAt(Math.max(a, b - 1))));
    }
    const query = new URLSearchParams(location.search);
    query.set('from', from);
    query.set('to', to);
    query.set('ids', change.ids.join(','));
    const response = await fetch(`/api/transcripts/${source}/region?${query}`, { credentials: 'same-origin' });
    if (!response.ok) { location.reload(); return; }
    const data = await response.json();
    const old = [];
    for (let span = spanAt(from); span && Number(span.dataset.s) < to; span = span.nextElementSibling) old.push(span);
    const fresh = document.createElement('template');
    fresh.innerHTML = data.text; // server-rendered, every text HTML-encoded
    old[0].before(fresh.content);
    for (const span of old) span.remove();

    const margin = document.getElementById('margin');
    for (const id of change.ids) document.getElementById('c-' + id)?.remove();
    for (const item of data.items) {
      const li = document.createElement('template');
      li.innerHTML = item.html;
      const after = [...margin.children].find(x => Number(x.dataset.start) > item.start
        || (Number(x.dataset.start) === item.start && Number(x.dataset.end) > item.end));
      margin.insertBefore(li.content, after ?? null);
    }
    for (const li of document.querySelectorAll('#code-list li')) {
      const count = li.querySelector('.count');
      if (count && li.dataset.path in data.counts) count.textContent = data.counts[li.dataset.path];
    }
    document.querySelector('.shown').textContent = data.shown;
    document.querySelector('#margin + .empty')?.remove();
    current = null;
    showSelection();
  }

  // Another member's coding in this transcript: redraw the places it touched (its old place, known
  // from this margin, and its new one). Blind coders never receive other coders' changes.
  document.addEventListener('twoway:change', e => {
    const change = e.detail;
    if (change.kind !== 'coding' || change.source !== source || !change.detail) return;
    e.preventDefault();
    const ranges = [...change.detail.ranges];
    for (const id of change.detail.ids) {
      const li = document.getElementById('c-' + id);
      if (li) ranges.push([Number(li.dataset.start), Number(li.dataset.end)]);
    }
    update({ ranges, ids: change.detail.ids }).catch(() => location.reload());
  });

  function buttons() {
    undoButton.disabled = undo.length === 0;
    redoButton.disabled = redo.length === 0;
  }

  async function run(action, success) {
    try {
      await update(await action());
      if (success) say(success); // after the update: the page is then what the message describes
      return true;
    } catch (e) {
      say(e.message, true);
      return false;
    }
  }

  async function step(from, to, verb) {
    const entry = from.pop();
    if (!entry) return;
    const done = await run(() => entry[verb](), `${verb === 'undo' ? 'Undone' : 'Redone'}: ${entry.label}.`);
    if (done) to.push(entry); else from.push(entry);
    buttons();
  }

  function record(entry) {
    undo.push(entry);
    redo.length = 0;
    buttons();
  }

  // ---- coding ----
  // Each returns the change it made, for update().
  const span = sel => [sel.start, sel.end];
  const addCodings = async (sel, codes, memoText) =>
    (await post('/api/codings', { source, start: sel.start, end: sel.end, text: sel.text, codes, memo: memoText || null })).codings.map(c => c.codingId);
  async function removeCodings(ids, sel, version = null) {
    for (const id of ids) await post(`/api/codings/${id}/remove`, { version, force: false });
    return { ranges: [span(sel)], ids };
  }
  async function moveCoding(id, from, to, version = null) {
    await post(`/api/codings/${id}/edit`, { start: to.start, end: to.end, text: to.text, version });
    return { ranges: [span(from), span(to)], ids: [id] };
  }
  async function setMemo(id, sel, text, version = null) {
    await post(`/api/codings/${id}/edit`, { memo: text, version });
    return { ranges: [span(sel)], ids: [id] };
  }

  async function apply() {
    const codes = [...document.querySelectorAll('#code-list input[name=code]:checked')].map(i => i.value);
    if (!current) { say('Select a passage first.', true); return; }
    if (codes.length === 0) { say('Choose at least one code.', true); return; }
    const sel = { ...current };
    const memoText = memo.value.trim();
    const entry = { label: `${codes.length} coding${codes.length > 1 ? 's' : ''} at ${sel.start}–${sel.end}`, ids: [] };
    const add = async () => { entry.ids = await addCodings(sel, codes, memoText); return { ranges: [span(sel)], ids: entry.ids }; };
    entry.undo = () => removeCodings(entry.ids, sel);
    entry.redo = add;
    const done = await run(add, `Coded ${sel.start}–${sel.end} with ${codes.length} code${codes.length > 1 ? 's' : ''}.`);
    if (done) {
      record(entry);
      memo.value = '';
      for (const input of document.querySelectorAll('#code-list input[name=code]:checked')) input.checked = false;
    }
  }
  applyButton.addEventListener('click', apply);
  undoButton.addEventListener('click', () => step(undo, redo, 'undo'));
  redoButton.addEventListener('click', () => step(redo, undo, 'redo'));

  // Shows a coding: its pieces and margin entry flash; arriving from a link also selects it.
  function flash(id, select = false) {
    const mark = document.getElementById('c-' + id);
    const pieces = mark ? box.querySelectorAll(`[data-c~="${CSS.escape(mark.dataset.k)}"]`) : [];
    for (const el of [...pieces, mark].filter(Boolean)) {
      el.classList.add('flash');
      setTimeout(() => el.classList.remove('flash'), 2500);
    }
    if (mark && select) {
      selectRange(Number(mark.dataset.start), Number(mark.dataset.end));
      mark.scrollIntoView({ block: 'nearest' });
    } else if (pieces.length > 0) {
      pieces[0].scrollIntoView({ block: 'center' });
    }
  }

  // One set of action buttons, shown under the coding last chosen (a page may list thousands).
  function showActions(li) {
    for (const open of document.querySelectorAll('#margin .actions')) {
      open.closest('li')?.querySelector('[data-action=go]')?.setAttribute('aria-expanded', 'false');
      open.remove();
    }
    const bar = document.createElement('div');
    bar.className = 'buttons actions';
    for (const [action, label, title] of [
      ['reselect', 'Set to selection', "Move this coding's boundaries to the current selection"],
      ['memo', 'Memo…', 'Write or change the memo on this coding'],
      ['remove', 'Remove', 'Remove this coding (Undo brings it back)'],
    ]) {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.action = action;
      b.textContent = label;
      b.title = title;
      bar.append(b);
    }
    li.append(bar);
    li.querySelector('[data-action=go]').setAttribute('aria-expanded', 'true');
  }

  document.getElementById('margin').addEventListener('click', async e => {
    const button = e.target.closest('button[data-action]');
    if (!button) return;
    const li = button.closest('li.mark');
    const id = li.id.slice(2);
    const version = Number(li.dataset.version);
    const before = { start: Number(li.dataset.start), end: Number(li.dataset.end) };
    before.text = storedText(before.start, before.end);
    switch (button.dataset.action) {
      case 'go':
        flash(id);
        showActions(li);
        showHandles(li);
        break;
      case 'remove': {
        const entry = { label: `removing coding ${id.slice(0, 8)}` };
        const memoText = li.dataset.memo ?? '';
        entry.undo = async () => { [entry.restored] = await addCodings(before, [li.dataset.code], memoText); return { ranges: [span(before)], ids: [entry.restored] }; };
        entry.redo = () => removeCodings([entry.restored], before);
        if (await run(() => removeCodings([id], before, version), 'Coding removed.')) record(entry);
        break;
      }
      case 'reselect': {
        if (!current) { say('Select the passage the coding should cover, then press “Set to selection”.', true); return; }
        const after = { ...current };
        const entry = { label: `moving coding ${id.slice(0, 8)} to ${after.start}–${after.end}` };
        entry.undo = () => moveCoding(id, after, before);
        entry.redo = () => moveCoding(id, before, after);
        if (await run(() => moveCoding(id, before, after, version), `Coding now covers ${after.start}–${after.end}.`)) record(entry);
        break;
      }
      case 'memo': {
        if (li.querySelector('.memo-form')) return;
        const form = document.createElement('div');
        form.className = 'memo-form';
        const label = document.createElement('label');
        label.textContent = 'Memo on this coding';
        const area = document.createElement('textarea');
        area.rows = 3;
        area.dir = 'auto';
        area.value = li.dataset.memo ?? '';
        label.append(area);
        const save = document.createElement('button');
        save.type = 'button';
        save.textContent = 'Save memo';
        save.addEventListener('click', async () => {
          const old = li.dataset.memo ?? '';
          const text = area.value;
          const entry = { label: 'memo', undo: () => setMemo(id, before, old), redo: () => setMemo(id, before, text) };
          if (await run(() => setMemo(id, before, text, version), text.trim() ? 'Memo saved.' : 'Memo removed.')) record(entry);
        });
        form.append(label, save);
        li.append(form);
        area.focus();
        break;
      }
    }
  });

  // ---- moving a boundary by dragging ----
  // The coding chosen in the margin gets two handles, at its start and its end. Drag one (or focus
  // it and press ← →, then Enter) to move that boundary; the text shows the new extent as a
  // selection, and letting go stores it with the checks of every edit (Undo moves it back).
  const scroller = document.getElementById('transcript-scroll');
  let handles = null;

  function caretAt(offset) {
    const range = document.createRange();
    const [node, at] = point(offset);
    range.setStart(node, at);
    range.setEnd(node, at);
    const rects = range.getClientRects();
    if (rects.length > 0) return rects[0];
    const span = spanAt(offset); // an empty range on a line break has no box: use its piece's
    return span?.getBoundingClientRect() ?? box.getBoundingClientRect();
  }

  function place(handle, offset) {
    const r = caretAt(offset);
    const outer = scroller.getBoundingClientRect();
    handle.style.left = `${r.left - outer.left + scroller.scrollLeft}px`;
    handle.style.top = `${r.top - outer.top + scroller.scrollTop}px`;
    handle.style.height = `${Math.max(r.height, 16)}px`;
  }

  // A position between two stored characters that splits neither a surrogate pair nor a CRLF.
  function whole(offset, step) {
    const text = storedText(Math.max(0, offset - 1), Math.min(Number(box.dataset.length), offset + 1));
    const before = offset > 0 ? text[0] : '';
    const after = offset > 0 ? text[1] : text[0];
    if ((/[\uD800-\uDBFF]/.test(before) && /[\uDC00-\uDFFF]/.test(after ?? '')) || (before === '\r' && after === '\n')) return offset + step;
    return offset;
  }

  function removeHandles() {
    handles?.start.remove();
    handles?.end.remove();
    handles = null;
  }

  function showHandles(li) {
    removeHandles();
    const id = li.id.slice(2);
    const state = { id, li, start: Number(li.dataset.start), end: Number(li.dataset.end) };
    const make = which => {
      const h = document.createElement('button');
      h.type = 'button';
      h.className = `handle ${which}`;
      h.setAttribute('aria-label', `${which === 'start' ? 'Start' : 'End'} of coding ${id.slice(0, 8)}: drag, or press the arrow keys and Enter, to move it`);
      scroller.append(h);
      place(h, state[which]);
      h.addEventListener('pointerdown', e => {
        e.preventDefault();
        h.setPointerCapture(e.pointerId);
        h.dataset.dragging = '1';
      });
      h.addEventListener('pointermove', e => {
        if (!h.dataset.dragging) return;
        const caret = document.caretPositionFromPoint?.(e.clientX, e.clientY);
        const node = caret?.offsetNode ?? document.caretRangeFromPoint?.(e.clientX, e.clientY)?.startContainer;
        const at = caret?.offset ?? document.caretRangeFromPoint?.(e.clientX, e.clientY)?.startOffset;
        if (!node || !box.contains(node)) return;
        const offset = offsetOf(node, at);
        if (offset === null) return;
        preview(which, offset);
      });
      h.addEventListener('pointerup', async e => {
        if (!h.dataset.dragging) return;
        delete h.dataset.dragging;
        h.releasePointerCapture(e.pointerId);
        await commit();
      });
      h.addEventListener('keydown', async e => {
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          e.preventDefault();
          const step = e.key === 'ArrowLeft' ? -1 : 1;
          const from = state.pending?.[which] ?? state[which];
          preview(which, whole(from + step, step));
          h.focus({ preventScroll: true }); // showing the extent as a selection moved the focus into the text

        } else if (e.key === 'Enter') {
          e.preventDefault();
          await commit();
        } else if (e.key === 'Escape') {
          if (!state.pending) return;
          state.pending = null;
          place(handles.start, state.start);
          place(handles.end, state.end);
        }
      });
      return h;
    };
    handles = { start: make('start'), end: make('end'), state };
  }

  window.addEventListener('resize', () => {
    if (!handles) return;
    place(handles.start, handles.state.pending?.start ?? handles.state.start);
    place(handles.end, handles.state.pending?.end ?? handles.state.end);
  });

  function preview(which, offset) {
    const state = handles.state;
    const next = { start: state.pending?.start ?? state.start, end: state.pending?.end ?? state.end };
    next[which] = Math.max(0, Math.min(Number(box.dataset.length), offset));
    if (next.end <= next.start) return; // a boundary never passes the other
    state.pending = next;
    place(handles[which], next[which]);
    selectRange(next.start, next.end);
  }

  async function commit() {
    const state = handles?.state;
    if (!state?.pending || (state.pending.start === state.start && state.pending.end === state.end)) return;
    const before = { start: state.start, end: state.end, text: storedText(state.start, state.end) };
    const after = { ...state.pending, text: storedText(state.pending.start, state.pending.end) };
    const id = state.id;
    const version = Number(state.li.dataset.version);
    const entry = { label: `moving coding ${id.slice(0, 8)} to ${after.start}–${after.end}` };
    entry.undo = () => moveCoding(id, after, before);
    entry.redo = () => moveCoding(id, before, after);
    removeHandles();
    if (await run(() => moveCoding(id, before, after, version), `Coding now covers ${after.start}–${after.end}.`)) {
      record(entry);
      const li = document.getElementById('c-' + id);
      if (li) { showActions(li); showHandles(li); }
    }
  }

  // ---- the code tree's search: case-insensitive in every script ----
  const fold = s => s.normalize('NFC').toLocaleLowerCase();
  filter?.addEventListener('input', () => {
    const q = fold(filter.value.trim());
    for (const li of document.querySelectorAll('#code-list li')) li.hidden = q !== '' && !fold(li.dataset.path).includes(q);
  });

  // ---- arriving at a place: #c-CODING (a quotation) or #at-START-END (a search hit) ----
  const hash = decodeURIComponent(location.hash.slice(1));
  const at = /^at-(\d+)-(\d+)$/.exec(hash);
  if (hash.startsWith('c-')) flash(hash.slice(2), true);
  else if (at) selectRange(Number(at[1]), Number(at[2]));
  showSelection();
}
