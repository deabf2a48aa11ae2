/**
 * The report's inline CSS and JavaScript. They are strings because the report is one file that
 * works offline under a strict Content-Security-Policy; nothing in them depends on page text.
 */

export const auditStyle = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--card:#fff;--err:#cf222e;--warn:#9a6700;--info:#0969da;--ok:#1a7f37}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
code,.src,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
header.top{background:#24292f;color:#fff;padding:14px 24px 0}
header.top h1{margin:0;font-size:20px}
header.top .sub{margin:2px 0 10px;color:#c9d1d9}
header.top nav{display:flex;gap:4px;flex-wrap:wrap}
header.top nav a{color:#fff;padding:6px 12px;border-radius:6px 6px 0 0}
header.top nav a:hover{background:#32383f;text-decoration:none}
main{max-width:1500px;margin:0 auto;padding:8px 24px 24px}
section{margin:18px 0 28px}
h2{font-size:20px;margin:0 0 8px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:14px 0 6px}
.lead{color:var(--muted);max-width:980px;margin:4px 0 10px}
.empty{color:var(--muted);font-style:italic}.empty.ok{color:var(--ok)}
.badge{display:inline-block;min-width:1.6em;padding:0 6px;border-radius:999px;background:#e1e4e8;color:var(--fg);font-size:12px;text-align:center;font-weight:600}
.badge.bad{background:var(--err);color:#fff}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:10px 0 16px}
.card{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--muted);border-radius:8px;padding:10px 16px;min-width:140px}
.card .n{display:block;font-size:28px;font-weight:700;line-height:1.1}
.card .l{color:var(--muted)}
.c-error{border-left-color:var(--err)}.c-error .n{color:var(--err)}
.c-warning{border-left-color:#d4a72c}.c-warning .n{color:var(--warn)}
.c-info{border-left-color:var(--info)}.c-ok{border-left-color:var(--ok)}.c-ok .n{color:var(--ok)}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:14px;align-items:start}
.panel.wide{grid-column:1/-1}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:4px 14px 12px;overflow:auto}
table.totals{border-collapse:collapse;width:100%}
table.totals th,table.totals td{padding:4px 6px;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
table.totals thead th{font-size:12px;color:var(--muted);font-weight:600}
table.totals .num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.totals td.e{color:var(--err);font-weight:600}table.totals td.w{color:var(--warn)}
table.totals .desc{display:block;color:var(--muted);font-weight:400;font-size:12px}
table.totals .bar{display:block;height:4px;background:#d0d7de;border-radius:2px;margin:2px 0}
table.pages th a{overflow-wrap:anywhere;font-weight:400}
details.more{margin-top:8px}details.more summary{cursor:pointer;color:#0969da}
.legend{margin:0 0 8px}
.chip-demo{background:#ffebe9;outline:2px solid var(--err);padding:0 4px;border-radius:3px}
.controls{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px;margin:8px 0}
.controls label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:2px}
.controls label.wide{flex:1 1 240px}
.matrix-controls label{flex-direction:row;align-items:center;gap:6px;font-size:14px;color:var(--fg)}
.controls select,.controls input{font:inherit;padding:4px 6px;border:1px solid var(--line);border-radius:6px;background:#fff;max-width:100%}
.controls button{font:inherit;padding:4px 10px;border:1px solid var(--line);border-radius:6px;background:#f6f8fa;cursor:pointer}
.controls output{margin-left:auto;font-weight:600}
.matrix-index{display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;list-style:none;margin:6px 0 12px}
.matrix-index .group,details.matrix summary .group{color:var(--muted)}
details.matrix{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:10px 0}
details.matrix.has-diff{border-color:#ff8182}
details.matrix>summary{cursor:pointer;padding:8px 12px;font-weight:600}
details.matrix>summary .meta{color:var(--muted);font-weight:400;font-size:12px;margin-left:8px}
details.matrix .desc{margin:0 12px 6px;color:var(--muted)}
.scroll{overflow:auto;padding:0 12px 12px}
table.mx{border-collapse:separate;border-spacing:0;font-size:13px}
table.mx th,table.mx td{border-bottom:1px solid #eaeef2;border-right:1px solid #eaeef2;padding:4px 6px;text-align:left;vertical-align:top}
table.mx thead th{position:sticky;top:0;background:#f6f8fa;z-index:1;white-space:nowrap}
table.mx th.rk{background:#fbfcfd;min-width:140px;max-width:260px}
table.mx th.sub{font-weight:400;color:var(--muted);min-width:120px;max-width:240px}
table.mx tbody.rg{border-top:2px solid var(--line)}
table.mx tbody.rg>tr:first-child>*{border-top:2px solid #d8dee4}
td.cell{min-width:72px;max-width:360px}
td.cell.none{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f6f8fa 4px,#f6f8fa 8px)}
td.cell.disagree{background:#ffebe9;outline:2px solid var(--err);outline-offset:-2px}
.chips{display:flex;flex-wrap:wrap;gap:3px}
.chip{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;line-height:18px;border:1px solid transparent;max-width:320px;overflow-wrap:anywhere;white-space:normal}
.k-supported{background:#dafbe1;color:#116329;border-color:#aceebb}
.k-unsupported{background:#f6f8fa;color:#59636e;border-color:#d1d9e0}
.k-preview{background:#fbefff;color:#8250df;border-color:#ecd8ff}
.k-version{background:#ddf4ff;color:#0550ae;border-color:#b6e3ff}
.k-text{background:#fff8c5;color:#6f4e00;border-color:#f2e08f}
.why{color:var(--err);font-size:12px;font-weight:600;margin:4px 0 2px}
ul.sources{list-style:none;margin:2px 0 0;padding:0;font-size:12px}
ul.sources li{margin:2px 0;overflow-wrap:anywhere}
ul.sources li.other{opacity:.85}
ul.sources .note{color:var(--muted)}
.loc-tag{display:inline-block;font-size:11px;padding:0 5px;border-radius:4px;background:#eaeef2;color:var(--muted);text-transform:uppercase}
.only-diff tbody.rg:not(.has-diff),.only-diff details.matrix:not(.has-diff),.only-diff .matrix-index li:not(.has-diff){display:none}
ol.drift-list,ol.findings{list-style:none;padding:0;margin:6px 0}
ul.translation-pages{list-style:none;padding:0;margin:4px 0 12px}
ul.translation-pages>li>details>summary{cursor:pointer;padding:4px 0}
.state{display:inline-block;font-size:12px;padding:0 6px;border-radius:4px;background:#eaeef2;color:var(--muted)}
.state-stale,.state-mistranslated{background:var(--err);color:#fff}
.state-base-missing{background:var(--warn);color:#fff}
ol.drift-list>li,ol.findings>li{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:6px;padding:6px 10px;margin:6px 0}
ol.drift-list>li{content-visibility:auto;contain-intrinsic-size:auto 5em}
.pager{display:flex;gap:10px;align-items:center;justify-content:center;margin:8px 0}
.pager button{font:inherit;padding:4px 12px;border:1px solid var(--line);border-radius:6px;background:#f6f8fa;cursor:pointer}.pager button:disabled{opacity:.5;cursor:default}
li.sev-error{border-left-color:var(--err)!important}li.sev-warning{border-left-color:#d4a72c!important}li.sev-info{border-left-color:var(--info)!important}
.head{display:flex;flex-wrap:wrap;gap:6px;align-items:baseline}
.sev{font-size:11px;font-weight:700;text-transform:uppercase;padding:0 6px;border-radius:4px}
.s-error{background:#ffebe9;color:var(--err)}.s-warning{background:#fff8c5;color:var(--warn)}.s-info{background:#ddf4ff;color:var(--info)}
.rule{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;color:var(--muted)}
.src{overflow-wrap:anywhere}
p.msg{margin:3px 0;overflow-wrap:anywhere;white-space:pre-wrap}
ul.related{list-style:none;margin:2px 0 0 8px;padding:0;font-size:12px;color:var(--muted)}
ul.related li{overflow-wrap:anywhere}
footer{color:var(--muted);font-size:12px;text-align:center;padding:16px}
`;

/**
 * Filters, search, sort and paging for the findings list; a toggle for the matrix. The script
 * reads the embedded data once and only ever builds one page of rows (with `textContent`, never
 * markup from data), so opening and filtering cost the same for ten findings or a hundred thousand.
 */
export const auditScript = `
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.classList.add('js');
  Array.prototype.forEach.call(doc.querySelectorAll('.controls'), function (el) { el.hidden = false; });
  function byId(id) { return doc.getElementById(id); }

  var matrix = byId('matrix');
  var only = byId('only-disagreements');
  if (only && matrix) only.addEventListener('change', function () { matrix.classList.toggle('only-diff', only.checked); });
  function setOpen(open) { Array.prototype.forEach.call(doc.querySelectorAll('details.matrix'), function (d) { d.open = open; }); }
  if (byId('expand-all')) byId('expand-all').addEventListener('click', function () { setOpen(true); });
  if (byId('collapse-all')) byId('collapse-all').addEventListener('click', function () { setOpen(false); });

  var list = byId('findings-list');
  var data = byId('audit-data');
  var form = byId('filters');
  if (!list || !data || !form) return;
  var d = JSON.parse(data.textContent);
  var rows = d.findings;
  var n = rows.length;
  var texts = null;
  var severity = byId('filter-severity'), rule = byId('filter-rule'), locale = byId('filter-locale');
  var pageSelect = byId('filter-page'), search = byId('filter-search'), sort = byId('sort');
  var count = byId('shown-count'), none = byId('no-match'), pager = byId('pager');
  var prev = byId('page-prev'), next = byId('page-next'), pageOf = byId('page-of');
  var matching = [];
  var current = 0;
  list.hidden = false;

  function fmt(x) { return String(x).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ','); }
  // -1: no filter; -2: a value no finding has.
  function pick(select, values) { if (select.value === '') return -1; var i = values.indexOf(select.value === '-' ? '' : select.value); return i === -1 ? -2 : i; }
  function cmp(x, y) { return x < y ? -1 : x > y ? 1 : 0; }
  function searchText(r) {
    var t = [d.files[r[0]] + ':' + r[4] + ':' + r[5], d.rules[r[1]], d.severities[r[2]], d.locales[r[3]], r[6]];
    for (var k = 0; k < r[8].length; k++) t.push(d.files[r[8][k][0]] + ':' + r[8][k][1], r[8][k][3]);
    return t.join('\\n').toLowerCase();
  }

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function location(file, line, column, href) {
    var a = el(href ? 'a' : 'span', 'src', d.files[file] + ':' + line + ':' + column);
    if (href) a.href = href;
    return a;
  }
  function item(i) {
    var r = rows[i], sev = d.severities[r[2]], loc = d.locales[r[3]];
    var li = el('li', 'f sev-' + sev);
    li.setAttribute('data-i', String(i));
    var head = el('div', 'head');
    head.append(el('span', 'sev s-' + sev, sev), ' ', el('span', 'rule', d.rules[r[1]]), ' ', location(r[0], r[4], r[5], r[7]));
    if (loc) head.append(' ', el('span', 'loc-tag', loc));
    li.append(head, el('p', 'msg', r[6]));
    if (r[8].length) {
      var ul = el('ul', 'related');
      for (var k = 0; k < r[8].length; k++) {
        var x = r[8][k], rel = el('li');
        rel.append('\\u21b3 ', location(x[0], x[1], x[2], x[4]), ' ', el('span', 'rmsg', x[3]));
        ul.append(rel);
      }
      li.append(ul);
    }
    return li;
  }

  function show() {
    var pages = Math.max(1, Math.ceil(matching.length / d.pageSize));
    if (current >= pages) current = pages - 1;
    var frag = doc.createDocumentFragment();
    var end = Math.min(matching.length, (current + 1) * d.pageSize);
    for (var i = current * d.pageSize; i < end; i++) frag.append(item(matching[i]));
    list.replaceChildren(frag);
    count.value = fmt(matching.length) + ' of ' + fmt(n) + ' findings';
    none.hidden = matching.length !== 0;
    pager.hidden = pages < 2;
    prev.disabled = current === 0;
    next.disabled = current >= pages - 1;
    pageOf.textContent = 'Page ' + fmt(current + 1) + ' of ' + fmt(pages) + ' (' + fmt(current * d.pageSize + 1) + '\\u2013' + fmt(end) + ')';
  }

  function apply() {
    var f = pick(pageSelect, d.files), r = pick(rule, d.rules), s = pick(severity, d.severities), l = pick(locale, d.locales);
    var terms = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    if (terms.length && !texts) texts = rows.map(searchText);
    matching = [];
    for (var i = 0; i < n; i++) {
      var row = rows[i];
      var ok = (f === -1 || row[0] === f) && (r === -1 || row[1] === r) && (s === -1 || row[2] === s) && (l === -1 || row[3] === l);
      for (var t = 0; ok && t < terms.length; t++) if (texts[i].indexOf(terms[t]) === -1) ok = false;
      if (ok) matching.push(i);
    }
    // The engine's order (file, line, column) breaks every tie, so sorting is deterministic.
    if (sort.value === 'rule') matching.sort(function (a, b) { return cmp(d.rules[rows[a][1]], d.rules[rows[b][1]]) || a - b; });
    else if (sort.value === 'severity') matching.sort(function (a, b) { return rows[a][2] - rows[b][2] || a - b; });
    else if (sort.value === 'locale') matching.sort(function (a, b) { return cmp(d.locales[rows[a][3]], d.locales[rows[b][3]]) || a - b; });
    current = 0;
    show();
  }

  var pending = 0;
  function schedule() { if (!pending) pending = requestAnimationFrame(function () { pending = 0; apply(); }); }
  [severity, rule, locale, pageSelect, sort].forEach(function (e) { e.addEventListener('change', apply); });
  search.addEventListener('input', schedule);
  prev.addEventListener('click', function () { current--; show(); list.scrollIntoView({ block: 'nearest' }); });
  next.addEventListener('click', function () { current++; show(); list.scrollIntoView({ block: 'start' }); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });

  // Links in the summary filter the list to one rule, page or locale.
  doc.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('[data-filter-rule],[data-filter-page],[data-filter-locale]');
    if (!a) return;
    form.reset();
    if (a.hasAttribute('data-filter-rule')) rule.value = a.getAttribute('data-filter-rule');
    if (a.hasAttribute('data-filter-page')) pageSelect.value = a.getAttribute('data-filter-page');
    if (a.hasAttribute('data-filter-locale')) locale.value = a.getAttribute('data-filter-locale') || '-';
    setTimeout(apply, 0);
  });
  apply();
})();
`;
