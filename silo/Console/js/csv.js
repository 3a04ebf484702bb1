// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter(r => r.some(f => f.trim() !== ''));
}

const known = ['description', 'importerId', 'declaredCode', 'originCountry', 'agentId', 'category', 'id'];

// A header naming "description" makes the text a CSV of declaration lines; otherwise each line is a description.
export function linesFrom(text) {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const header = firstLine.split(',').map(f => f.trim().replace(/^"|"$/g, ''));
  if (!header.some(f => f.toLowerCase() === 'description')) {
    return text.split(/\r?\n/).map(l => l.trim()).filter(Boolean).map(description => ({ description }));
  }
  const [names, ...rows] = parseCsv(text);
  const columns = names.map(n => known.find(k => k.toLowerCase() === n.trim().toLowerCase()));
  return rows.map(cells => {
    const line = {};
    columns.forEach((name, i) => { if (name && cells[i]?.trim()) line[name] = cells[i].trim(); });
    return line;
  }).filter(l => l.description);
}
