// gisa serve: the search page. Plain DOM, no framework, nothing fetched but /api/ of this
// server. Article text is untrusted: every node is made with createElement/textContent,
// highlights come from the API as character ranges, links only for http(s) URLs.
'use strict';

(() => {
  const TOKEN_KEY = 'gisa.token';
  const VISIT_KEY = 'gisa.lastVisit';
  const SINCE_KEY = 'gisa.reportsSince';
  const PAGE_SIZE = 10;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);

  // An element with a class, attributes and children (strings become text nodes).
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k === 'onclick') e.addEventListener('click', v);
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Text with highlighted character ranges ([start, end] in code points, as the API gives).
  function highlighted(text, ranges) {
    const chars = Array.from(text || '');
    const frag = document.createDocumentFragment();
    let at = 0;
    const sorted = (ranges || []).slice().sort((a, b) => a[0] - b[0]);
    for (const [s, e] of sorted) {
      if (s < at || e > chars.length || s >= e) continue;
      if (s > at) frag.append(document.createTextNode(chars.slice(at, s).join('')));
      frag.append(el('mark', { text: chars.slice(s, e).join('') }));
      at = e;
    }
    if (at < chars.length) frag.append(document.createTextNode(chars.slice(at).join('')));
    return frag;
  }

  // A link only for http(s) addresses; anything else is shown as text.
  function safeLink(url) {
    if (typeof url === 'string' && /^https?:\/\//i.test(url)) {
      try {
        const u = new URL(url);
        if (u.protocol === 'http:' || u.protocol === 'https:') {
          return el('a', { href: u.href, rel: 'noopener noreferrer', target: '_blank', text: url });
        }
      } catch (_) { /* not a URL: text below */ }
    }
    return document.createTextNode(url || '-');
  }

  // Dates: the API gives RFC 3339 in KST; the page shows 2024-06-01 09:12.
  const shortDate = (d) => (d ? d.slice(0, 16).replace('T', ' ') : '날짜 없음');
  const kstNow = () => new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 16);

  // --- the token of a server started with --token --------------------------------------
  function takeTokenFromUrl() {
    const u = new URL(location.href);
    const t = u.searchParams.get('token');
    if (t) {
      sessionStorage.setItem(TOKEN_KEY, t);
      u.searchParams.delete('token');
      history.replaceState(null, '', u.pathname + u.search + u.hash);
    }
  }

  class ApiError extends Error {
    constructor(message, status) { super(message); this.status = status; }
  }

  async function api(path, params) {
    const u = new URL(path, location.origin);
    for (const [k, v] of params || []) {
      if (v !== undefined && v !== null && v !== '') u.searchParams.append(k, v);
    }
    const headers = { Accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    let r;
    try {
      r = await fetch(u, { headers, cache: 'no-store' });
    } catch (e) {
      throw new ApiError('서버에 연결할 수 없습니다', 0);
    }
    let body;
    try { body = await r.json(); } catch (_) { body = { error: r.statusText, status: r.status }; }
    if (r.status === 401) {
      showLogin(body.error);
      throw new ApiError('토큰이 필요합니다', 401);
    }
    if (!r.ok) throw new ApiError(body.error || ('오류 ' + r.status), r.status);
    return body;
  }

  function showLogin(message) {
    $('login').hidden = false;
    $('login-message').textContent = message ? '이 서버는 토큰이 필요합니다 (' + message + ')' : '이 서버는 토큰이 필요합니다';
    $('token').focus();
  }

  // --- the state lives in the URL: ?q=…&since=…&until=…&press=…&sort=…&page=…&article=…
  function state() {
    const p = new URLSearchParams(location.search);
    return {
      q: p.get('q') || '',
      since: p.get('since') || '',
      until: p.get('until') || '',
      press: p.get('press') || '',
      sort: p.get('sort') || 'relevance',
      page: Math.max(1, parseInt(p.get('page') || '1', 10) || 1),
      article: p.get('article') || '',
    };
  }

  function urlOf(s) {
    const p = new URLSearchParams();
    for (const k of ['q', 'since', 'until', 'press', 'sort', 'page', 'article']) {
      const v = s[k];
      if (v === '' || v === undefined || (k === 'sort' && v === 'relevance') || (k === 'page' && v === 1)) continue;
      p.set(k, v);
    }
    const q = p.toString();
    return q ? '?' + q : location.pathname;
  }

  function go(s) {
    history.pushState(null, '', urlOf(s));
    render();
  }

  // A link that navigates inside the page (a real href, so it opens in a new tab too).
  function navLink(s, props, ...children) {
    const a = el('a', Object.assign({ href: urlOf(s) }, props || {}), ...children);
    a.addEventListener('click', (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
      ev.preventDefault();
      go(s);
    });
    return a;
  }

  function setStatus(text, isError) {
    const st = $('status');
    st.textContent = text;
    st.className = isError ? 'error' : '';
  }

  function fillForm(s) {
    $('q').value = s.q;
    $('since').value = s.since;
    $('until').value = s.until;
    $('sort').value = s.sort;
    const press = $('press');
    if (s.press && !Array.from(press.options).some((o) => o.value === s.press)) {
      press.append(el('option', { value: s.press, text: s.press }));
    }
    press.value = s.press;
  }

  // --- search results --------------------------------------------------------------
  function filters(s) {
    return [['since', s.since], ['until', s.until], ['press', s.press]];
  }

  async function showResults(s) {
    $('article').hidden = true;
    $('results').hidden = false;
    const hits = $('hits');
    hits.replaceChildren();
    $('pager').replaceChildren();
    $('notes').replaceChildren();
    $('trend').replaceChildren();
    if (!s.q) {
      $('facets').hidden = true;
      setStatus('검색어를 입력하세요. 따옴표로 구절("기준금리 인상"), OR, -제외, title:제목 검색을 쓸 수 있습니다.');
      return;
    }
    setStatus('검색 중…');
    let r;
    try {
      r = await api('/api/search', [
        ['q', s.q], ...filters(s), ['sort', s.sort],
        ['limit', PAGE_SIZE], ['offset', (s.page - 1) * PAGE_SIZE], ['fragments', 2],
        ['facets', 'press,month'], ['facet_limit', 12],
      ]);
    } catch (e) {
      setStatus(e.message, true);
      $('facets').hidden = true;
      return;
    }
    const secs = (r.took_ms / 1000).toFixed(3);
    setStatus(r.total === 0 ? '검색 결과가 없습니다.' : '검색 결과 ' + r.total.toLocaleString('ko-KR') + '건 (' + secs + '초)');
    const notes = $('notes');
    if (r.keyboard && r.keyboard.fixes) {
      const read = r.keyboard.fixes.map((f) => f.typed + ' → ' + f.read).join(', ');
      notes.append(el('p', { class: 'note', text: '영문 자판으로 입력된 단어를 한글로 바꿔 검색했습니다: ' + read }));
    }
    if (r.reading_note) notes.append(el('p', { class: 'note', text: r.reading_note }));
    if (r.ignored && r.ignored.length) {
      notes.append(el('p', { class: 'note', text: '색인되지 않는 말이라 검색에서 빠졌습니다: ' + r.ignored.join(', ') }));
    }
    for (const h of r.hits) hits.append(hitItem(h, s));
    pager(s, r.total);
    showFacets(s, r.facets);
    if (r.total > 0) showTrend(s);
  }

  function hitItem(h, s) {
    const title = navLink(Object.assign({}, s, { article: h.id }), { class: 'hit-title' }, highlighted(h.title, h.title_highlights));
    const meta = el('p', { class: 'meta' },
      el('span', { class: 'date', text: shortDate(h.date) }),
      el('span', { class: 'press', text: h.press || '언론사 없음' }),
      h.reporter ? el('span', { class: 'reporter', text: h.reporter + ' 기자' }) : null);
    const li = el('li', { class: 'hit', 'data-id': h.id }, el('h3', {}, title), meta);
    for (const sn of h.snippets || []) li.append(el('p', { class: 'snippet' }, highlighted(sn.text, sn.highlights)));
    if (h.copies && h.copies.length) {
      const names = h.copies.map((c) => c.press || c.id).join(', ');
      li.append(el('p', { class: 'copies', text: '같은 기사 ' + h.copies.length + '건: ' + names }));
    }
    return li;
  }

  function pager(s, total) {
    const pages = Math.ceil(Math.min(total, 10000) / PAGE_SIZE);
    if (pages <= 1) return;
    const nav = $('pager');
    if (s.page > 1) nav.append(navLink(Object.assign({}, s, { page: s.page - 1 }), { class: 'prev', text: '‹ 이전' }));
    const first = Math.max(1, s.page - 4);
    for (let p = first; p <= Math.min(pages, first + 9); p++) {
      if (p === s.page) nav.append(el('span', { class: 'current', 'aria-current': 'page', text: String(p) }));
      else nav.append(navLink(Object.assign({}, s, { page: p }), { text: String(p) }));
    }
    if (s.page < pages) nav.append(navLink(Object.assign({}, s, { page: s.page + 1 }), { class: 'next', text: '다음 ›' }));
  }

  function facetList(list, values, toState) {
    list.replaceChildren();
    const max = Math.max(1, ...values.map((v) => v.count));
    for (const v of values) {
      const bar = el('span', { class: 'bar' });
      bar.style.width = Math.round((v.count / max) * 100) + '%';
      const label = toState ? navLink(toState(v.value), { class: 'facet-value', text: v.value }) : el('span', { class: 'facet-value', text: v.value });
      list.append(el('li', {}, label, el('span', { class: 'count', text: v.count.toLocaleString('ko-KR') }), el('span', { class: 'track' }, bar)));
    }
  }

  function showFacets(s, facets) {
    if (!facets) { $('facets').hidden = true; return; }
    $('facets').hidden = false;
    facetList($('by-press'), facets.press.values, (press) => Object.assign({}, s, { press, page: 1 }));
    facetList($('by-month'), facets.month.values, null);
  }

  async function showTrend(s) {
    let t;
    try {
      t = await api('/api/trend', [['q', s.q], ...filters(s)]);
    } catch (e) {
      return; // the hits are there; a chart that failed is left out
    }
    if (state().q !== s.q) return; // another search began meanwhile
    const box = $('trend');
    box.replaceChildren(trendChart(t));
  }

  const INTERVALS = { day: '일별', week: '주별', month: '월별', year: '연도별' };

  function trendChart(t) {
    const series = t.series[0];
    const n = t.periods.length;
    const W = 640, H = 180, left = 40, right = 10, top = 28, bottom = 26;
    const plotW = W - left - right, plotH = H - top - bottom;
    const peak = Math.max(1, ...series.counts);
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img', 'aria-label': '기간별 기사 수' });
    chart.append(svg('text', { x: left, y: 16, class: 'chart-title' }, (INTERVALS[t.interval] || '') + ' 기사 수 · 모두 ' + series.total.toLocaleString('ko-KR') + '건'));
    chart.append(svg('line', { x1: left, y1: top + plotH, x2: W - right, y2: top + plotH, class: 'axis' }));
    chart.append(svg('text', { x: left - 6, y: top + 4, class: 'tick', 'text-anchor': 'end' }, String(peak)));
    chart.append(svg('text', { x: left - 6, y: top + plotH, class: 'tick', 'text-anchor': 'end' }, '0'));
    const step = plotW / Math.max(1, n);
    series.counts.forEach((c, i) => {
      const h = (c / peak) * plotH;
      const bar = svg('rect', { x: left + i * step + step * 0.1, y: top + plotH - h, width: Math.max(1, step * 0.8), height: h, class: 'bar' });
      bar.append(svg('title', {}, t.periods[i].label + ': ' + c + '건'));
      chart.append(bar);
    });
    if (n > 0) {
      chart.append(svg('text', { x: left, y: H - 8, class: 'tick' }, t.periods[0].label));
      chart.append(svg('text', { x: W - right, y: H - 8, class: 'tick', 'text-anchor': 'end' }, t.periods[n - 1].label));
    }
    return chart;
  }

  // --- one article ---------------------------------------------------------------
  async function showArticle(s) {
    $('results').hidden = true;
    $('facets').hidden = true;
    const box = $('article');
    box.hidden = false;
    box.replaceChildren(el('p', { class: 'loading', text: '불러오는 중…' }));
    let a;
    try {
      a = await api('/api/articles/' + encodeURIComponent(s.article));
    } catch (e) {
      box.replaceChildren(el('p', { class: 'error', text: e.message }), backButton(s));
      return;
    }
    const rows = [
      ['날짜', a.date ? shortDate(a.date) + (a.date_source === 'inferred_year' ? ' (연도 추정)' : a.date_source === 'file_time' ? ' (파일 날짜)' : '') : '-'],
      ['언론사', a.press || '-'],
      ['기자', (a.reporters && a.reporters.length ? a.reporters.join(', ') : a.reporter) || '-'],
      ['이메일', a.email || '-'],
      ['분류', a.category || '-'],
      ['주소', safeLink(a.url)],
      ['파일', a.line ? a.path + ':' + a.line : a.path],
      ['형식', [a.format, a.layout, a.encoding].filter(Boolean).join(' ') || '-'],
      ['ID', a.id],
    ];
    const dl = el('dl', { class: 'fields' });
    for (const [k, v] of rows) dl.append(el('dt', { text: k }), el('dd', {}, v));
    const body = el('div', { class: 'body' });
    for (const para of a.body.split(/\n+/)) if (para.trim()) body.append(el('p', { text: para }));
    const parts = [backButton(s), el('h2', { class: 'article-title', text: a.title }), dl];
    for (const sub of a.subtitles || []) parts.push(el('p', { class: 'subtitle', text: sub }));
    parts.push(body);
    if (a.copies && a.copies.length) {
      const list = el('ul', { class: 'copy-list' });
      for (const c of a.copies) {
        list.append(el('li', {}, navLink(Object.assign({}, s, { article: c.id }), { text: c.title }), ' ', el('span', { class: 'meta', text: (c.press || '-') + ' · ' + shortDate(c.date) })));
      }
      parts.push(el('h3', { text: '같은 기사 (' + a.copies.length + '건)' }), list);
    }
    box.replaceChildren(...parts);
    document.title = a.title + ' — 기사';
  }

  function backButton(s) {
    return el('button', { type: 'button', class: 'back', text: '← 검색 결과로', onclick: () => {
      if (history.length > 1 && sessionStorage.getItem('gisa.inPage')) history.back();
      else go(Object.assign({}, s, { article: '' }));
    } });
  }

  // --- saved searches of --report, with what is new since the last visit ------------
  async function showReports() {
    // The last visit: remembered across visits (localStorage); within one visit the same
    // "since" is kept, so reloading the page does not clear what is new.
    let since = sessionStorage.getItem(SINCE_KEY);
    if (since === null) {
      since = localStorage.getItem(VISIT_KEY) || '';
      sessionStorage.setItem(SINCE_KEY, since);
    }
    let r;
    try {
      r = await api('/api/reports', [['since', since]]);
    } catch (e) {
      return;
    }
    localStorage.setItem(VISIT_KEY, kstNow());
    if (!r.searches || !r.searches.length) return;
    const list = $('report-list');
    list.replaceChildren();
    for (const sr of r.searches) {
      const fresh = since ? el('span', { class: sr.new > 0 ? 'badge new' : 'badge', text: '새 글 ' + sr.new }) : el('span', { class: 'badge', text: sr.total + '건' });
      list.append(el('li', {}, navLink({ q: sr.query, sort: '-date', page: 1 }, { class: 'report-search', text: sr.name }), ' ', fresh));
    }
    $('reports-since').textContent = since ? '지난 방문(' + since.replace('T', ' ') + ') 이후' : '첫 방문';
    $('reports').hidden = false;
  }

  async function loadPresses() {
    try {
      const st = await api('/api/stats');
      const sel = $('press');
      const current = sel.value;
      for (const [name, n] of st.by_press.slice(0, 200)) {
        if (!Array.from(sel.options).some((o) => o.value === name)) sel.append(el('option', { value: name, text: name + ' (' + n + ')' }));
      }
      sel.value = current;
      $('archive-size').textContent = '기사 ' + st.articles.toLocaleString('ko-KR') + '건';
    } catch (_) { /* the list stays short */ }
  }

  function render() {
    const s = state();
    fillForm(s);
    document.title = s.q ? s.q + ' — 기사 검색' : '기사 검색';
    if (s.article) showArticle(s);
    else showResults(s);
  }

  function start() {
    takeTokenFromUrl();
    sessionStorage.setItem('gisa.inPage', '');
    $('search').addEventListener('submit', (ev) => {
      ev.preventDefault();
      sessionStorage.setItem('gisa.inPage', '1');
      go({ q: $('q').value.trim(), since: $('since').value, until: $('until').value, press: $('press').value, sort: $('sort').value, page: 1, article: '' });
    });
    for (const id of ['since', 'until', 'press', 'sort']) {
      $(id).addEventListener('change', () => {
        if (!$('q').value.trim()) return;
        go({ q: $('q').value.trim(), since: $('since').value, until: $('until').value, press: $('press').value, sort: $('sort').value, page: 1, article: '' });
      });
    }
    document.addEventListener('click', (ev) => {
      if (ev.target instanceof Element && ev.target.closest('a')) sessionStorage.setItem('gisa.inPage', '1');
    });
    $('login-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('token').value);
      $('token').value = '';
      $('login').hidden = true;
      loadPresses();
      showReports();
      render();
    });
    window.addEventListener('popstate', render);
    loadPresses();
    showReports();
    render();
  }

  start();
})();
