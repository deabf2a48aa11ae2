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
.kind{margin:14px 0 20px}
.kind>h3{margin:0 0 2px}.kind>h3 .meta{color:var(--muted);font-weight:400;font-size:12px}
.kind>.desc{margin:0 0 6px;color:var(--muted)}
details.matrix summary .group{color:var(--fg)}
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
.only-diff tbody.rg:not(.has-diff),.only-diff details.matrix:not(.has-diff),.only-diff .kind:not(.has-diff){display:none}
details.matrix{content-visibility:auto;contain-intrinsic-size:auto 3em}
ol.page-list{list-style:none;padding:0;margin:6px 0}
ol.page-list>li{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:5px 10px;margin:4px 0;overflow-wrap:anywhere}
ol.page-list .title{font-weight:600}ol.page-list .src,ol.page-list .meta{color:var(--muted);font-size:12px}
#page-view{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
#page-view h3.page-title{font-size:18px;margin:6px 0 2px}
#page-view .page-meta{margin:0 0 8px;color:var(--muted)}
.ptable{margin:10px 0 16px}
.tcap{margin:4px 0;font-size:13px}.tcap .kind{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;color:var(--muted)}.tcap .section{font-weight:600}
table.pt td.cell.disagree{cursor:pointer}
li.hit{outline:3px solid var(--info)}
p.more{margin:6px 0 0}
ul.related li.more{font-style:italic}
pre.plain{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px;font-size:12px;line-height:1.5;white-space:pre-wrap;overflow-wrap:anywhere}
ul.cells{margin:4px 12px 12px;padding-left:18px}ul.cells>li{margin:6px 0}ul.cells{font-size:13px;overflow-wrap:anywhere}

ol.drift-list,ol.findings{list-style:none;padding:0;margin:6px 0}
ul.translation-pages{list-style:none;padding:0;margin:4px 0 12px;content-visibility:auto;contain-intrinsic-size:auto 20em}
ul.translation-pages>li{margin:3px 0;overflow-wrap:anywhere}ul.translation-pages .src,ul.translation-pages .note{color:var(--muted);font-size:12px}
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
 * Everything the report draws from its embedded data (see `payload.ts` for the format): the
 * findings list with its filters, search, sort and paging; the matrices, each drawn when it is
 * opened; the pages list and the per-page view (`#page=FILE`). Only one page of rows is ever
 * built at a time, always with `textContent`, never markup from data, so opening and filtering
 * cost about the same for ten findings or a hundred thousand.
 */
export const auditScript = `
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.classList.add('js');
  Array.prototype.forEach.call(doc.querySelectorAll('.controls'), function (e) { e.hidden = false; });
  function byId(id) { return doc.getElementById(id); }
  var dataEl = byId('audit-data');
  if (!dataEl) return;
  var d = JSON.parse(dataEl.textContent);
  var S = d.strings, n = d.findings.length;

  function fmt(x) { return String(x).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ','); }
  function plural(x, one, many) { return fmt(x) + ' ' + (x === 1 ? one : (many || one + 's')); }
  function cmp(x, y) { return x < y ? -1 : x > y ? 1 : 0; }
  function words(text) { return text.toLowerCase().split(/\\s+/).filter(Boolean); }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function href(file, line, column) {
    var t = d.fileLinks && d.fileLinks[file];
    return t ? t.split('{line}').join(String(line)).split('{column}').join(String(column)) : null;
  }
  function loc(file, line, column) {
    var h = href(file, line, column);
    var a = el(h ? 'a' : 'span', 'src', d.files[file] + ':' + line + ':' + column);
    if (h) a.href = h;
    return a;
  }
  function localeTag(file) { var l = d.locales[d.fileLocales[file]]; return l ? el('span', 'loc-tag', l) : ''; }
  function chip(c) {
    var x = d.chips[c];
    var e = el('span', 'chip k-' + d.valueKinds[x[0]], S[x[1]] || '""');
    if (x[2] >= 0 && S[x[2]]) e.title = S[x[2]];
    return e;
  }
  function pageTitle(p) { return p[1] >= 0 ? S[p[1]] : d.files[p[0]]; }

  // Facts are numbered in page, table, row and cell order; their places are read once, when first needed.
  var facts = null;
  function factIndex() {
    if (facts) return facts;
    facts = { file: [], line: [], column: [], chip: [], pageStart: [] };
    for (var p = 0; p < d.pages.length; p++) {
      facts.pageStart.push(facts.file.length);
      var tables = d.pages[p][5];
      for (var t = 0; t < tables.length; t++) {
        var rows = tables[t][6];
        for (var r = 0; r < rows.length; r++) {
          var cells = rows[r][2];
          for (var c = 0; c < cells.length; c += 4) {
            facts.file.push(tables[t][1]);
            facts.line.push(rows[r][1] + cells[c + 1]);
            facts.column.push(cells[c + 2]);
            facts.chip.push(cells[c + 3]);
          }
        }
      }
    }
    return facts;
  }
  var byFact = null;
  function findingsOf(id) {
    if (!byFact) {
      byFact = new Map();
      for (var i = 0; i < n; i++) {
        var ids = d.findings[i][7];
        for (var k = 0; k < ids.length; k++) {
          var list = byFact.get(ids[k]);
          if (list) list.push(i); else byFact.set(ids[k], [i]);
        }
      }
    }
    return byFact.get(id) || [];
  }
  function rulesOf(findings) {
    var rules = [];
    for (var k = 0; k < findings.length; k++) {
      var r = d.rules[d.findings[findings[k]][1]];
      if (rules.indexOf(r) === -1) rules.push(r);
    }
    return rules.sort();
  }

  function item(i) {
    var r = d.findings[i], sev = d.severities[r[2]];
    var li = el('li', 'f sev-' + sev);
    li.setAttribute('data-i', String(i));
    var head = el('div', 'head');
    head.append(el('span', 'sev s-' + sev, sev), ' ', el('span', 'rule', d.rules[r[1]]), ' ', loc(r[0], r[3], r[4]), ' ', localeTag(r[0]));
    li.append(head, el('p', 'msg', r[5]));
    if (r[6].length) {
      var ul = el('ul', 'related');
      for (var k = 0; k < r[6].length; k++) {
        var x = r[6][k], rel = el('li');
        rel.append('↳ ', loc(x[0], x[1], x[2]), ' ', el('span', 'rmsg', S[x[3]]));
        ul.append(rel);
      }
      if (r[8]) ul.append(el('li', 'more', '… and ' + plural(r[8], 'more location') + ' (compatlint check --format json lists every one)'));
      li.append(ul);
    }
    return li;
  }

  // A list that shows one page of its items at a time.
  function paged(list, nav, prev, next, of, render) {
    var state = { items: [], current: 0 };
    function show() {
      var size = d.pageSize, pages = Math.max(1, Math.ceil(state.items.length / size));
      if (state.current >= pages) state.current = pages - 1;
      var frag = doc.createDocumentFragment(), end = Math.min(state.items.length, (state.current + 1) * size);
      for (var i = state.current * size; i < end; i++) frag.append(render(state.items[i]));
      list.replaceChildren(frag);
      nav.hidden = pages < 2;
      prev.disabled = state.current === 0;
      next.disabled = state.current >= pages - 1;
      of.textContent = 'Page ' + fmt(state.current + 1) + ' of ' + fmt(pages) + ' (' + fmt(state.current * size + 1) + '–' + fmt(end) + ')';
    }
    prev.addEventListener('click', function () { state.current--; show(); list.scrollIntoView({ block: 'nearest' }); });
    next.addEventListener('click', function () { state.current++; show(); list.scrollIntoView({ block: 'start' }); });
    return { set: function (items) { state.items = items; state.current = 0; show(); }, show: show, count: function () { return state.items.length; } };
  }

  // The matrices: drawn when opened, again when the disagreement filter changes.
  var matrixSection = byId('matrix'), onlyBox = byId('only-disagreements');
  var maxOthers = d.maxRelated;
  function sortFacts(ids) {
    var f = factIndex();
    return ids.sort(function (a, b) { return cmp(d.files[f.file[a]], d.files[f.file[b]]) || f.line[a] - f.line[b] || f.column[a] - f.column[b]; });
  }
  function matrixCell(c) {
    if (!c) return el('td', 'cell none');
    var f = factIndex();
    var td = el('td', 'cell'), chips = el('div', 'chips');
    for (var k = 0; k < c[0].length; k++) chips.append(chip(c[0][k]));
    td.append(chips);
    if (!c[2] && c[3].length === 0) {
      td.title = c[1].map(function (id) { return d.files[f.file[id]] + ':' + f.line[id]; }).join('\\n');
      return td;
    }
    td.className = 'cell disagree';
    td.append(el('div', 'why', '⚠ ' + (c[2] ? ['values differ'] : []).concat(rulesOf(c[3])).join(' · ')));
    var inCell = new Set(c[1]), seen = new Set(c[1]), ids = c[1].slice();
    for (var j = 0; j < c[3].length; j++) {
      var named = d.findings[c[3][j]][7], added = 0;
      for (var m = 0; m < named.length && added < maxOthers; m++) {
        if (inCell.has(named[m])) continue;
        added++;
        if (!seen.has(named[m])) { seen.add(named[m]); ids.push(named[m]); }
      }
    }
    var ul = el('ul', 'sources');
    sortFacts(ids).forEach(function (id) {
      var li = el('li', inCell.has(id) ? '' : 'other');
      li.append(chip(f.chip[id]), ' ', loc(f.file[id], f.line[id], f.column[id]), ' ', localeTag(f.file[id]));
      ul.append(li);
    });
    td.append(ul);
    return td;
  }
  function drawMatrix(details) {
    var body = details.querySelector('.mx-body');
    var only = onlyBox && onlyBox.checked ? '1' : '0';
    if (!details.open || body.getAttribute('data-drawn') === only) return;
    var m = d.matrices[Number(details.getAttribute('data-m'))];
    var table = el('table', 'mx'), head = el('tr');
    head.append(el('th', '', S[m[1]]));
    if (m[2] >= 0) head.append(el('th', '', S[m[2]]));
    m[0].forEach(function (c) { head.append(el('th', 'lang', S[c])); });
    var thead = el('thead');
    thead.append(head);
    table.append(thead);
    m[3].forEach(function (g) {
      if (only === '1' && !g[1]) return;
      var tbody = el('tbody', 'rg' + (g[1] ? ' has-diff' : ''));
      g[2].forEach(function (row, i) {
        var tr = el('tr');
        if (i === 0) {
          var th = el('th', 'rk', S[g[0]]);
          th.scope = 'rowgroup';
          if (g[2].length > 1) th.rowSpan = g[2].length;
          tr.append(th);
        }
        if (m[2] >= 0) {
          var sub = el('th', 'sub', S[row[0]]);
          sub.title = S[row[1]];
          tr.append(sub);
        }
        row[2].forEach(function (c) { tr.append(matrixCell(c)); });
        tbody.append(tr);
      });
      table.append(tbody);
    });
    body.replaceChildren(table);
    body.setAttribute('data-drawn', only);
  }
  var matrices = doc.querySelectorAll('details.matrix');
  Array.prototype.forEach.call(matrices, function (m) { m.addEventListener('toggle', function () { drawMatrix(m); }); drawMatrix(m); });
  function setOpen(open) { Array.prototype.forEach.call(matrices, function (m) { m.open = open; }); }
  if (onlyBox && matrixSection) {
    onlyBox.addEventListener('change', function () {
      matrixSection.classList.toggle('only-diff', onlyBox.checked);
      Array.prototype.forEach.call(matrices, drawMatrix);
    });
  }
  if (byId('expand-all')) byId('expand-all').addEventListener('click', function () { setOpen(true); });
  if (byId('collapse-all')) byId('collapse-all').addEventListener('click', function () { setOpen(false); });

  // The findings list.
  var list = byId('findings-list'), form = byId('filters');
  var severity = byId('filter-severity'), rule = byId('filter-rule'), locale = byId('filter-locale');
  var pageSelect = byId('filter-page'), search = byId('filter-search'), sort = byId('sort');
  var count = byId('shown-count'), none = byId('no-match');
  var texts = null, findingsList = null;
  function searchText(r) {
    var t = [d.files[r[0]] + ':' + r[3] + ':' + r[4], d.rules[r[1]], d.severities[r[2]], d.locales[d.fileLocales[r[0]]], r[5]];
    for (var k = 0; k < r[6].length; k++) t.push(d.files[r[6][k][0]] + ':' + r[6][k][1], S[r[6][k][3]]);
    return t.join('\\n').toLowerCase();
  }
  // -1: no filter; -2: a value no finding has.
  function pick(select, values) { if (select.value === '') return -1; var i = values.indexOf(select.value === '-' ? '' : select.value); return i === -1 ? -2 : i; }
  function apply() {
    var f = pick(pageSelect, d.files), r = pick(rule, d.rules), s = pick(severity, d.severities), l = pick(locale, d.locales);
    var terms = words(search.value);
    if (terms.length && !texts) texts = d.findings.map(searchText);
    var matching = [];
    for (var i = 0; i < n; i++) {
      var row = d.findings[i];
      var ok = (f === -1 || row[0] === f) && (r === -1 || row[1] === r) && (s === -1 || row[2] === s) && (l === -1 || d.fileLocales[row[0]] === l);
      for (var t = 0; ok && t < terms.length; t++) if (texts[i].indexOf(terms[t]) === -1) ok = false;
      if (ok) matching.push(i);
    }
    // The engine's order (file, line, column) breaks every tie, so sorting is deterministic.
    var rows = d.findings;
    if (sort.value === 'rule') matching.sort(function (a, b) { return cmp(d.rules[rows[a][1]], d.rules[rows[b][1]]) || a - b; });
    else if (sort.value === 'severity') matching.sort(function (a, b) { return rows[a][2] - rows[b][2] || a - b; });
    else if (sort.value === 'locale') matching.sort(function (a, b) { return cmp(d.locales[d.fileLocales[rows[a][0]]], d.locales[d.fileLocales[rows[b][0]]]) || a - b; });
    findingsList.set(matching);
    count.value = fmt(matching.length) + ' of ' + fmt(n) + ' findings';
    none.hidden = matching.length !== 0;
  }
  if (list && form) {
    list.hidden = false;
    findingsList = paged(list, byId('pager'), byId('page-prev'), byId('page-next'), byId('page-of'), item);
    var withFindings = new Set();
    for (var i = 0; i < n; i++) withFindings.add(d.files[d.findings[i][0]]);
    var options = doc.createDocumentFragment();
    Array.from(withFindings).sort(cmp).forEach(function (file) { var o = el('option', '', file); o.value = file; options.append(o); });
    pageSelect.append(options);
    var pending = 0;
    var schedule = function () { if (!pending) pending = requestAnimationFrame(function () { pending = 0; apply(); }); };
    [severity, rule, locale, pageSelect, sort].forEach(function (e) { e.addEventListener('change', apply); });
    search.addEventListener('input', schedule);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    form.addEventListener('reset', function () { setTimeout(apply, 0); });
    // Links in the summary filter the list to one rule or locale.
    doc.addEventListener('click', function (e) {
      var a = e.target.closest && e.target.closest('[data-filter-rule],[data-filter-locale]');
      if (!a) return;
      form.reset();
      if (a.hasAttribute('data-filter-rule')) rule.value = a.getAttribute('data-filter-rule');
      if (a.hasAttribute('data-filter-locale')) locale.value = a.getAttribute('data-filter-locale') || '-';
      setTimeout(apply, 0);
    });
    apply();
  }

  // Drift findings of one rule, a page at a time.
  Array.prototype.forEach.call(doc.querySelectorAll('.drift-rule'), function (box) {
    var ol = box.querySelector('ol'), nav = box.querySelector('nav'), r = d.rules.indexOf(box.getAttribute('data-rule')), items = [];
    for (var i = 0; i < n; i++) if (d.findings[i][1] === r) items.push(i);
    ol.hidden = false;
    paged(ol, nav, nav.querySelector('.prev'), nav.querySelector('.next'), nav.querySelector('.of'), item).set(items);
  });

  // The pages list and the per-page view.
  var pageList = byId('page-list'), pageView = byId('page-view'), pageFilters = byId('page-filters');
  var pageSearch = byId('page-search'), pageShow = byId('page-show'), pagesCount = byId('pages-count'), pagesNav = byId('pages-pager');
  var pageTexts = null, pageByFile = null, pagesList = null;
  function pageItem(i) {
    var p = d.pages[i], li = el('li', 'pg'), file = d.files[p[0]];
    var a = el('a', 'title', pageTitle(p));
    a.href = '#page=' + encodeURIComponent(file);
    li.append(a, ' ', el('span', 'src', file), ' ', localeTag(p[0]));
    if (p[2]) li.append(' ', el('span', 'badge bad', plural(p[2], 'error')));
    if (p[3]) li.append(' ', el('span', 'badge', plural(p[3], 'warning')));
    if (p[4]) li.append(' ', el('span', 'badge', plural(p[4], 'info')));
    li.append(' ', el('span', 'meta', plural(p[5].length, 'table')));
    return li;
  }
  function applyPages() {
    var terms = words(pageSearch.value), only = pageShow.value === 'findings';
    if (terms.length && !pageTexts) pageTexts = d.pages.map(function (p) { return (pageTitle(p) + '\\n' + d.files[p[0]]).toLowerCase(); });
    var items = [];
    for (var i = 0; i < d.pages.length; i++) {
      var p = d.pages[i], ok = !only || p[2] + p[3] + p[4] > 0;
      for (var t = 0; ok && t < terms.length; t++) if (pageTexts[i].indexOf(terms[t]) === -1) ok = false;
      if (ok) items.push(i);
    }
    // Most errors first, as in the summary; then in the order pages were checked.
    items.sort(function (a, b) { var x = d.pages[a], y = d.pages[b]; return y[2] - x[2] || y[3] - x[3] || y[4] - x[4] || a - b; });
    pagesCount.value = fmt(items.length) + ' of ' + fmt(d.pages.length) + ' pages';
    pagesList.set(items);
  }
  function pageTable(p, t, first) {
    var box = el('div', 'ptable'), cap = el('p', 'tcap');
    cap.append(el('span', 'kind', d.kinds[t[0]]), ' ');
    if (t[3].length) cap.append(el('span', 'section', t[3].map(function (x) { return S[x]; }).join(' › ')), ' ');
    cap.append(t[1] === p[0] ? '' : 'from ', loc(t[1], t[2], 1));
    var table = el('table', 'mx pt'), thead = el('thead'), head = el('tr');
    head.append(el('th', '', S[t[4]]));
    t[5].forEach(function (c) { head.append(el('th', '', S[c])); });
    thead.append(head);
    table.append(thead);
    var tbody = el('tbody'), id = first;
    t[6].forEach(function (row) {
      var tr = el('tr'), key = el('th', 'rk', S[row[0]]), tds = [];
      tr.append(key);
      for (var c = 0; c < t[5].length; c++) tds.push(el('td', 'cell none'));
      for (var k = 0; k < row[2].length; k += 4, id++) {
        var td = el('td', 'cell'), chips = el('div', 'chips'), found = findingsOf(id);
        chips.append(chip(row[2][k + 3]));
        td.append(chips);
        if (found.length) {
          td.className = 'cell disagree';
          td.setAttribute('data-findings', found.join(' '));
          td.append(el('div', 'why', '⚠ ' + rulesOf(found).join(' · ')));
          td.title = found.map(function (f) { return d.findings[f][5]; }).join('\\n');
        }
        if (row[2][k] < tds.length) tds[row[2][k]] = td;
      }
      tds.forEach(function (x) { tr.append(x); });
      tbody.append(tr);
    });
    table.append(tbody);
    var scroll = el('div', 'scroll');
    scroll.append(table);
    box.append(cap, scroll);
    return { box: box, next: id };
  }
  function openPage(file) {
    if (!pageByFile) { pageByFile = new Map(); d.pages.forEach(function (p, i) { pageByFile.set(d.files[p[0]], i); }); }
    var i = pageByFile.get(file);
    if (i === undefined) return false;
    var p = d.pages[i], f = factIndex();
    var first = f.pageStart[i], last = i + 1 < d.pages.length ? f.pageStart[i + 1] : f.file.length;
    var on = [], about = [], seen = new Set();
    for (var k = 0; k < n; k++) if (d.findings[k][0] === p[0]) { on.push(k); seen.add(k); }
    for (var id = first; id < last; id++) findingsOf(id).forEach(function (x) { if (!seen.has(x)) { seen.add(x); about.push(x); } });
    about.sort(function (a, b) { return a - b; });
    var view = doc.createDocumentFragment(), back = el('a', 'back', '← All pages');
    back.href = '#pages';
    var meta = el('p', 'page-meta');
    meta.append(loc(p[0], 1, 1), ' ', localeTag(p[0]), ' · ' + plural(on.length, 'finding') + ' · ' + plural(p[5].length, 'table'));
    view.append(back, el('h3', 'page-title', pageTitle(p)), meta);
    function findingsBlock(title, items) {
      view.append(el('h4', '', title));
      var ol = el('ol', 'findings');
      items.forEach(function (x) { ol.append(item(x)); });
      view.append(ol);
    }
    if (on.length) findingsBlock(plural(on.length, 'finding') + ' on this page', on);
    else view.append(el('p', 'empty ok', 'No finding on this page.'));
    if (about.length) findingsBlock(plural(about.length, 'finding') + ' about its cells, reported on other pages', about);
    view.append(el('h4', '', p[5].length ? plural(p[5].length, 'table') + ' as compatlint reads them' : 'No table of a configured kind.'));
    var next = first;
    p[5].forEach(function (t) { var drawn = pageTable(p, t, next); next = drawn.next; view.append(drawn.box); });
    pageView.replaceChildren(view);
    pageView.setAttribute('data-file', file);
    return true;
  }
  function route() {
    var hash = window.location.hash, file = null;
    if (hash.indexOf('#page=') === 0) { try { file = decodeURIComponent(hash.slice(6)); } catch (e) { file = null; } }
    if (file !== null && openPage(file)) {
      pageList.hidden = true; pagesNav.hidden = true; pageFilters.hidden = true; pageView.hidden = false;
      byId('pages').scrollIntoView();
    } else if (!pageView.hidden) {
      pageView.hidden = true; pageList.hidden = false; pageFilters.hidden = false;
      pagesList.show();
    }
  }
  if (pageList && pageView) {
    pageList.hidden = false;
    pagesList = paged(pageList, pagesNav, pagesNav.querySelector('.prev'), pagesNav.querySelector('.next'), pagesNav.querySelector('.of'), pageItem);
    pageShow.addEventListener('change', applyPages);
    pageSearch.addEventListener('input', applyPages);
    pageFilters.addEventListener('submit', function (e) { e.preventDefault(); });
    // A cell with findings points at them in the list above it.
    pageView.addEventListener('click', function (e) {
      var td = e.target.closest && e.target.closest('td[data-findings]');
      if (!td) return;
      Array.prototype.forEach.call(pageView.querySelectorAll('li.hit'), function (x) { x.classList.remove('hit'); });
      var hits = td.getAttribute('data-findings').split(' ').map(function (x) { return pageView.querySelector('li[data-i="' + x + '"]'); }).filter(Boolean);
      hits.forEach(function (x) { x.classList.add('hit'); });
      if (hits[0]) hits[0].scrollIntoView({ block: 'center' });
    });
    if (pageShow.value === 'findings' && !d.pages.some(function (p) { return p[2] + p[3] + p[4] > 0; })) pageShow.value = '';
    applyPages();
    window.addEventListener('hashchange', route);
    route();
  }
  doc.documentElement.setAttribute('data-ready', String(Math.round(performance.now())));
})();
`;
