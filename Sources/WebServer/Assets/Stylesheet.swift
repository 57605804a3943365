extension Assets {
    static let css = #"""
:root { --ink: #1c2430; --muted: #5b6675; --line: #d9dee5; --paper: #fbfaf7; --accent: #9b1c1c; --accent-soft: #fbeaea;
        --mark: #ffe28a; --ok: #1f6f43; --low: #b42318; --mid: #b7791f; font-size: 16px; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans", "DejaVu Sans", system-ui, sans-serif; color: var(--ink); background: var(--paper); line-height: 1.5; }
a { color: #1d4f91; }
kbd { font: 0.8em monospace; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 3px; padding: 0 0.3em; background: #fff; }
.bar { display: flex; align-items: center; gap: 1.5rem; padding: 0.5rem 1.5rem; background: #fff; border-bottom: 3px solid var(--accent); }
.brand { font-weight: 700; color: var(--accent); text-decoration: none; font-size: 1.2rem; letter-spacing: 0.02em; }
.bar nav { display: flex; gap: 1rem; flex: 1; }
.bar nav a { text-decoration: none; color: var(--ink); padding: 0.25rem 0.1rem; }
.bar nav a[aria-current] { border-bottom: 2px solid var(--accent); font-weight: 600; }
.signout { display: flex; align-items: center; gap: 0.75rem; margin: 0; }
.who { color: var(--muted); font-size: 0.9rem; }
main { padding: 1.25rem 1.5rem; max-width: 1500px; margin: 0 auto; }
button, .button { font: inherit; padding: 0.4rem 0.9rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; color: var(--ink); text-decoration: none; display: inline-block; }
button.primary, .button.primary, .login button, .searchbox button { background: var(--accent); border-color: var(--accent); color: #fff; }
input, select { font: inherit; padding: 0.4rem 0.5rem; border: 1px solid #b9c1cc; border-radius: 4px; background: #fff; }
input:focus, select:focus, button:focus, a:focus { outline: 3px solid #f0b429; outline-offset: 1px; }
.notice { padding: 0.6rem 0.9rem; border-left: 4px solid var(--low); background: var(--accent-soft); }
.notice.ok { border-color: var(--ok); background: #e8f5ee; }
.hint { color: var(--muted); font-size: 0.9rem; }
.empty { text-align: center; color: var(--muted); padding: 2.5rem 1rem; }
.empty h1, .empty h2 { color: var(--ink); }
.login { max-width: 24rem; margin: 3rem auto; background: #fff; padding: 2rem; border: 1px solid var(--line); border-radius: 6px; }
.login form, .add-user, .start, .filters { display: flex; flex-direction: column; gap: 0.8rem; }
.add-user, .start, .filters { flex-direction: row; flex-wrap: wrap; align-items: end; }
label { display: flex; flex-direction: column; gap: 0.25rem; font-size: 0.9rem; color: var(--muted); }
.searchbox { display: flex; gap: 0.5rem; margin-bottom: 1rem; }
.searchbox input { flex: 1; font-size: 1.1rem; padding: 0.55rem 0.8rem; }
.results { display: grid; grid-template-columns: 15rem 1fr; gap: 2rem; }
.facets h3 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 1rem 0 0.3rem; }
.facets ul { list-style: none; margin: 0; padding: 0; }
.facets a { display: flex; justify-content: space-between; text-decoration: none; color: var(--ink); padding: 0.1rem 0.3rem; border-radius: 3px; font-size: 0.92rem; }
.facets a.active { background: var(--accent); color: #fff; }
.count { color: var(--muted); font-variant-numeric: tabular-nums; }
.facets a.active .count { color: #fff; }
.summary { display: flex; justify-content: space-between; align-items: baseline; }
.hits { list-style: none; padding: 0; margin: 0; }
.hit a { display: block; padding: 0.8rem 0.9rem; margin-bottom: 0.5rem; background: #fff; border: 1px solid var(--line); border-radius: 5px; text-decoration: none; color: var(--ink); }
.hit a:hover, .hit a.selected { border-color: var(--accent); box-shadow: 0 0 0 2px var(--accent-soft); }
.hit .meta { display: block; font-size: 0.85rem; color: var(--muted); }
.hit .subject { display: block; font-weight: 600; margin: 0.15rem 0; }
.hit .snippet { display: block; font-size: 0.92rem; }
.hit .where { display: block; font-size: 0.8rem; color: var(--muted); }
mark { background: var(--mark); padding: 0 0.1em; }
.stamp { color: var(--accent); border: 1px solid var(--accent); padding: 0 0.35rem; border-radius: 3px; font-weight: 700; font-size: 0.78rem; }
.paging { display: flex; gap: 1rem; justify-content: center; margin: 1rem 0; }
.document { display: grid; grid-template-columns: minmax(0, 1fr) 28rem; gap: 1.5rem; }
.viewer { display: grid; grid-template-columns: 7rem minmax(0, 1fr); gap: 0.75rem; }
.thumbnails { list-style: none; margin: 0; padding: 0; max-height: 85vh; overflow-y: auto; }
.thumbnails a { display: block; text-align: center; margin-bottom: 0.5rem; color: var(--muted); text-decoration: none; font-size: 0.8rem; }
.thumbnails img { width: 100%; border: 2px solid var(--line); background: #fff; }
.thumbnails a[aria-current] img { border-color: var(--accent); }
.tools { display: flex; gap: 0.5rem; align-items: center; margin-bottom: 0.5rem; color: var(--muted); }
.page-frame { overflow: auto; max-height: 85vh; border: 1px solid var(--line); background: #e9ebee; }
.page { position: relative; width: 100%; margin: 0 auto; }
.page img { display: block; width: 100%; background: #fff; }
.boxes { position: absolute; inset: 0; pointer-events: none; }
.box { position: absolute; background: rgba(255, 200, 0, 0.38); outline: 2px solid rgba(230, 140, 0, 0.9); border-radius: 2px; }
.facts h1 { font-size: 1.3rem; margin: 0 0 0.3rem; }
.facts .subject { font-weight: 600; }
.metadata { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
.metadata th { text-align: left; color: var(--muted); font-weight: 400; width: 9rem; vertical-align: top; padding: 0.2rem 0.5rem 0.2rem 0; }
.metadata td { padding: 0.2rem 0; }
.metadata tr.doubt td { background: #fff6e0; }
.confidence { font-size: 0.75rem; border-radius: 8px; padding: 0 0.4rem; color: #fff; background: var(--ok); }
.confidence.mid { background: var(--mid); }
.confidence.low { background: var(--low); }
.desk .confidence { background: #e4e7eb; color: var(--ink); }
.label-line { display: flex; gap: 0.5rem; align-items: center; align-self: flex-start; }
.text { white-space: pre-wrap; font-family: inherit; font-size: 0.9rem; background: #fff; border: 1px solid var(--line); padding: 0.75rem; max-height: 24rem; overflow-y: auto; }
.downloads a { margin-right: 1rem; }
.where { color: var(--muted); font-size: 0.85rem; }
table.queue, table.batches, table.users, table.audit, table.storage-boxes { width: 100%; border-collapse: collapse; background: #fff; font-size: 0.92rem; }
table.queue th, table.queue td, table.batches th, table.batches td, table.users th, table.users td, table.audit th, table.audit td,
table.storage-boxes th, table.storage-boxes td { border-bottom: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
.verdict { font-weight: 600; padding: 0.1rem 0.4rem; border-radius: 3px; }
.verdict.ok { background: #e3f4e1; color: #1d5a1a; }
.verdict.stays { background: #fbe9e7; color: #8a1f11; }
ul.obstacles { margin: 0.3rem 0 0 1.1rem; padding: 0; font-size: 0.85rem; }
dl.box-counts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.box-counts dt { color: #555; }
td.source { color: var(--muted); font-size: 0.85rem; }
.desk { max-width: 60rem; }
.desk .field { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: center; padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
.desk .field:not(.doubt) { grid-template-columns: 1fr; }
.desk .field.doubt { background: #fffaf0; }
.desk .crop { max-width: 100%; border: 1px solid var(--line); background: #fff; }
.desk input { width: 100%; font-size: 1.05rem; }
.desk .actions { display: flex; gap: 1rem; align-items: center; margin-top: 1rem; }
.reasons { color: var(--low); }
form.inline { display: flex; gap: 0.5rem; margin: 0; }
@media (max-width: 900px) { .results, .document, .viewer { grid-template-columns: 1fr; } }
"""#
}
