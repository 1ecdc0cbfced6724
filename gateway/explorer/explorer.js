// Plain browser script (no build step, no CDN): run queries, browse the schema's root fields.
const $ = (id) => document.getElementById(id);
const EXAMPLES = {
  'Tin mới / Latest news': `query LatestNews {\n  articles(first: 5) {\n    totalCount\n    nodes { slug title { vi en } publishedAt category { name { vi } } agency { name { vi } } }\n  }\n}`,
  'Cơ quan / Agencies': `query Agencies {\n  agencies(first: 10, filter: { rootsOnly: true }) {\n    nodes { code name { vi en } phone email children { name { vi } } }\n  }\n}`,
  'Lãnh đạo / Leaders': `query Leaders {\n  officials(first: 10, filter: { leadersOnly: true }) {\n    nodes { fullName position { vi en } email phone agency { name { vi } } }\n  }\n}`,
  'Đơn vị hành chính 2025 / Units after the merger': `query Units {\n  administrativeUnit(code: "08707", asOf: "2025-06-01") {\n    name validTo successor { name validFrom }\n  }\n}`,
  'Tìm không dấu / Search without diacritics': `query Search {\n  agencies(filter: { search: "so tai chinh" }) { nodes { name { vi } } }\n}`,
  'Văn bản QPPL + Công báo / Legal documents and gazette': `query Legal {\n  searchLegalDocuments(query: "quyet dinh 26/2017/QD-UBND", first: 3) {\n    totalCount\n    nodes {\n      number { raw } title issueDate status { code label { vi en } }\n      validityOn(date: "2020-01-01") { status { code } }\n      gazetteIssues { nodes { page issue { label year date } } }\n      relations(first: 5) { nodes { type label { vi } number document { title } } }\n    }\n  }\n}`,
  'Dự án đầu tư / Investment projects': `query Projects {\n  investmentProjects(first: 5) { nodes { title { vi en } budgetVnd fundingType status printUrl pdfUrl } }\n}`,
  'Thống kê / Statistics': `query Stats {\n  statisticsDatasets(first: 3) { nodes { title { vi } surveyPeriod csvUrl values { indicator { vi } value unit } } }\n}`,
  'Ngày làm việc / Working days': `query Calendar {\n  legal: contentDeadline(category: LEGAL_DOCUMENTS, trigger: ISSUED, date: "2025-01-24") { due }\n  day: calendarDay(date: "2025-04-26") { working reason }\n  calendarCoverage { years warnings { code message } }\n}`,
};

function fill() {
  const sel = $('examples');
  for (const name of Object.keys(EXAMPLES)) sel.add(new Option(name, name));
  sel.onchange = () => ($('query').value = EXAMPLES[sel.value]);
  $('query').value = localStorage.getItem('hub.query') || EXAMPLES[Object.keys(EXAMPLES)[0]];
}

async function post(query, variables) {
  const headers = { 'content-type': 'application/json', 'accept-language': $('lang').value };
  const token = $('token').value.trim();
  if (token) headers.authorization = token.startsWith('Bearer ') ? token : `Bearer ${token}`;
  const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: await res.json().catch(() => ({ error: 'not JSON' })) };
}

async function run() {
  let variables = {};
  try {
    variables = JSON.parse($('variables').value || '{}');
  } catch {
    $('result').textContent = 'Variables are not valid JSON.';
    return;
  }
  localStorage.setItem('hub.query', $('query').value);
  const t = performance.now();
  $('status').textContent = '…';
  const { status, body } = await post($('query').value, variables);
  $('status').textContent = `HTTP ${status} · ${Math.round(performance.now() - t)} ms`;
  $('result').textContent = JSON.stringify(body, null, 2);
}

async function loadSchema() {
  const q = `{ __schema { queryType { fields { name description args { name type { name kind ofType { name } } } } } } }`;
  const { body } = await post(q, {});
  const list = $('schema');
  list.textContent = '';
  const fields = body?.data?.__schema?.queryType?.fields ?? [];
  for (const f of fields) {
    const li = document.createElement('li');
    li.textContent = `${f.name}(${f.args.map((a) => a.name).join(', ')})`;
    const small = document.createElement('small');
    small.textContent = f.description || '';
    li.append(small);
    li.onclick = () => ($('query').value = `query {\n  ${f.name} {\n    __typename\n  }\n}`);
    list.append(li);
  }
  if (!fields.length) list.textContent = 'Introspection is disabled.';
}

$('run').onclick = run;
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') run();
});
fill();
loadSchema();
