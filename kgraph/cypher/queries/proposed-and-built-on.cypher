// name: proposed-and-built-on
// description: The papers that propose a method or model, and the papers that build on it, with their evidence sentences.
// params: method
WITH toLower($method) AS q
MATCH (m:Method|Model)
WHERE m.id = q OR toLower(m.name) = q OR any(a IN m.aliases WHERE toLower(a) = q)
MATCH (p:Paper)-[:PROPOSES]->(m)
OPTIONAL MATCH (f:Paper)-[b:BUILDS_ON]->(p)
WHERE b.via = m.id
RETURN m.name AS method, p.title AS proposed_by, f.title AS built_on_by, b.sentence AS evidence
ORDER BY proposed_by, built_on_by
